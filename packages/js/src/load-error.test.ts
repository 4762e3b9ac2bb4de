import { CLIENT_ERRORS } from '@tessera/protocol';
import { crossOriginEdge, FAKE_FRAME_KEYS, sleep } from '@tessera/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { container } from '../test/support/container';
import { nextEvent } from '../test/support/next-event';
import type { CardElementLoadErrorEvent } from './card-element-events';
import { DIAGNOSE_AFTER_MS } from './element-frame';
import { Tessera } from './tessera';

// An element whose frame the edge refuses, although loadTessera let it through (the check could not answer, or the
// key's configuration changed since): the fake edge answers its page framed nowhere, as the real one does, so the
// frame never says ready. The SDK must say why as soon as that page has loaded, not after 15 s.

afterEach(() => {
  vi.restoreAllMocks();
  for (const frame of document.querySelectorAll('iframe')) frame.remove();
});

describe('loaderror when the edge refuses the frame', () => {
  it.each([
    [FAKE_FRAME_KEYS.invalid, 'invalid_key'],
    [FAKE_FRAME_KEYS.foreignOrigin, 'origin_not_allowed'],
  ] as const)('reports %s as %s at once', async (key, code) => {
    // Built directly, as loadTessera would once its check let it through.
    const tessera = new Tessera(key, crossOriginEdge());
    const card = tessera.elements().create('card');
    const failed = nextEvent(card, 'loaderror') as Promise<CardElementLoadErrorEvent>;
    const started = performance.now();
    card.mount(container());
    expect(await failed).toEqual({
      elementType: 'card',
      error: { type: 'integration_error', code, message: CLIENT_ERRORS[code].message },
    });
    expect(performance.now() - started).toBeLessThan(2000);
    expect(await tessera.createToken(card)).toMatchObject({ error: { code: 'frame_timeout' } });
  });

  it('says nothing, and asks nothing, when the frame says ready soon after it loaded', async () => {
    const fetches = vi.spyOn(window, 'fetch');
    const tessera = new Tessera('pk_test_fake', crossOriginEdge());
    const card = tessera.elements().create('card');
    const errors: unknown[] = [];
    card.on('loaderror', (e) => errors.push(e));
    const ready = nextEvent(card, 'ready');
    card.mount(container());
    await ready;
    await sleep(DIAGNOSE_AFTER_MS + 300);
    expect(errors).toEqual([]);
    expect(fetches).not.toHaveBeenCalled();
  });

  it('drops a late answer of a frame that was unmounted meanwhile', async () => {
    const tessera = new Tessera(FAKE_FRAME_KEYS.invalid, crossOriginEdge());
    const card = tessera.elements().create('card');
    const errors: unknown[] = [];
    card.on('loaderror', (e) => errors.push(e));
    const host = container();
    card.mount(host);
    const frame = host.querySelector('iframe');
    await new Promise((resolve) => frame?.addEventListener('load', resolve));
    card.unmount();
    await sleep(DIAGNOSE_AFTER_MS + 300);
    expect(errors).toEqual([]);
  });
});
