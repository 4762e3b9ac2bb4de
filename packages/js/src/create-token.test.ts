import { crossOriginEdge, FAKE_FRAME_KEYS, FAKE_TOKEN, nextEcho, sleep } from '@tessera/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { container } from '../test/support/container';
import { nextEvent } from '../test/support/next-event';
import { READY_TIMEOUT_MS, TOKENIZE_TIMEOUT_MS } from './element-frame';
import { IntegrationError } from './integration-error';
import { loadTessera } from './load-tessera';

// Wiring tests against the fake field page (@tessera/testing) on a second origin of the test server.
// The fake frame answers `tokenize` with a canned token; real tokenization is covered by the e2e tests.

afterEach(() => {
  vi.useRealTimers();
  for (const frame of document.querySelectorAll('iframe')) frame.remove();
});

async function readyCard(key: string) {
  const tessera = await loadTessera(key, { edge: crossOriginEdge() });
  const card = tessera.elements().create('card');
  const ready = nextEvent(card, 'ready');
  card.mount(container());
  await ready;
  return { tessera, card };
}

describe('createToken', () => {
  it('posts tokenize with a random id and resolves with the answer carrying that id', async () => {
    const { tessera, card } = await readyCard('pk_test_fake');
    const echo = nextEcho();
    const result = await tessera.createToken(card);
    expect(result).toEqual(FAKE_TOKEN);
    expect(await echo).toEqual({
      tessera: 1,
      type: 'tokenize',
      id: expect.stringMatching(/^[0-9a-f]{32}$/),
      payload: {},
    });
  });

  it('returns not_mounted as a value for an element never mounted, or unmounted', async () => {
    const tessera = await loadTessera('pk_test_fake', { edge: crossOriginEdge() });
    const card = tessera.elements().create('card');
    expect(await tessera.createToken(card)).toEqual({
      error: { type: 'frame_error', code: 'not_mounted', message: expect.any(String) },
    });
    const mounted = await readyCard('pk_test_fake');
    mounted.card.unmount();
    expect(await mounted.tessera.createToken(mounted.card)).toMatchObject({ error: { code: 'not_mounted' } });
  });

  it('returns not_mounted while the frame is still loading', async () => {
    const tessera = await loadTessera(FAKE_FRAME_KEYS.silent, { edge: crossOriginEdge() });
    const card = tessera.elements().create('card');
    card.mount(container());
    expect(await tessera.createToken(card)).toMatchObject({ error: { type: 'frame_error', code: 'not_mounted' } });
  });

  it('answers a concurrent second call with busy, and the first one still gets its token', async () => {
    const { tessera, card } = await readyCard(FAKE_FRAME_KEYS.slow);
    const first = tessera.createToken(card);
    const second = await tessera.createToken(card);
    expect(second).toMatchObject({ error: { type: 'frame_error', code: 'busy' } });
    expect(await first).toEqual(FAKE_TOKEN);
    expect(await tessera.createToken(card)).toEqual(FAKE_TOKEN);
  });

  it('returns frame_timeout when the frame never answers', async () => {
    const { tessera, card } = await readyCard(FAKE_FRAME_KEYS.noReply);
    vi.useFakeTimers();
    const pending = tessera.createToken(card);
    vi.advanceTimersByTime(TOKENIZE_TIMEOUT_MS);
    expect(await pending).toMatchObject({ error: { type: 'frame_error', code: 'frame_timeout' } });
  });

  it('emits loaderror and makes createToken return frame_timeout when the frame is never ready', async () => {
    vi.useFakeTimers();
    const tessera = await loadTessera(FAKE_FRAME_KEYS.silent, { edge: crossOriginEdge() });
    const card = tessera.elements().create('card');
    const loadError = vi.fn();
    card.on('loaderror', loadError);
    card.mount(container());
    vi.advanceTimersByTime(READY_TIMEOUT_MS - 1);
    expect(loadError).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(loadError).toHaveBeenCalledWith({
      elementType: 'card',
      error: { type: 'frame_error', code: 'frame_timeout', message: expect.any(String) },
    });
    expect(await tessera.createToken(card)).toMatchObject({ error: { code: 'frame_timeout' } });
  });

  it('resolves a pending call with not_mounted when the element is unmounted', async () => {
    const { tessera, card } = await readyCard(FAKE_FRAME_KEYS.noReply);
    const pending = tessera.createToken(card);
    card.unmount();
    expect(await pending).toMatchObject({ error: { code: 'not_mounted' } });
  });

  it('ignores a forged tokenize:result carrying the right id from the page or a srcdoc frame', async () => {
    const { tessera, card } = await readyCard(FAKE_FRAME_KEYS.slow);
    const echo = nextEcho();
    const pending = tessera.createToken(card);
    const sent = await echo;
    const id = 'id' in sent ? sent.id : undefined;
    expect(id).toBeDefined();
    const forged = { tessera: 1, type: 'tokenize:result', id, payload: { ...FAKE_TOKEN, token: 'tok_forged' } };
    window.postMessage(forged, '*');
    const srcdoc = document.createElement('iframe');
    srcdoc.srcdoc = `<script>parent.postMessage(${JSON.stringify(forged)}, '*')</script>`;
    document.body.append(srcdoc);
    await sleep(50);
    expect(await pending).toEqual(FAKE_TOKEN);
  });

  it('throws for something that is not a card element', async () => {
    const tessera = await loadTessera('pk_test_fake', { edge: crossOriginEdge() });
    expect(() => tessera.createToken({} as never)).toThrow(IntegrationError);
  });
});
