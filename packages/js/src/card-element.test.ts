import { crossOriginEdge, FAKE_FRAME_HEIGHT, FAKE_FRAME_KEYS, nextEcho, sameOriginEdge, sleep } from '@tessera/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { container } from '../test/support/container';
import { nextEvent } from '../test/support/next-event';
import { IntegrationError } from './integration-error';
import { loadTessera } from './load-tessera';

// These tests mount a fake field page (@tessera/testing) served at http://localhost:<port>, another
// origin than the tests page (http://127.0.0.1:<port>). They check the SDK's side of the frame protocol;
// the real field page and the real edge are covered by the e2e tests.

afterEach(() => {
  vi.restoreAllMocks();
  for (const frame of document.querySelectorAll('iframe')) frame.remove();
});

async function mountedCard(key = 'pk_test_fake', edge = crossOriginEdge()) {
  const tessera = await loadTessera(key, { edge });
  const card = tessera.elements().create('card');
  const host = container();
  const ready = nextEvent(card, 'ready');
  card.mount(host);
  await ready;
  const frame = host.querySelector('iframe');
  if (!frame) throw new Error('no iframe');
  return { tessera, card, host, frame };
}

describe('mount', () => {
  it('inserts one titled iframe on the edge with key and parent in the query, channel in the fragment', async () => {
    const tessera = await loadTessera('pk_test_fake', { edge: crossOriginEdge() });
    const card = tessera.elements().create('card', { disabled: true });
    const host = container();
    card.mount(host);
    const frames = host.querySelectorAll('iframe');
    expect(frames).toHaveLength(1);
    const frame = frames[0] as HTMLIFrameElement;
    expect(frame.title).toBe('Secure card payment input frame');
    expect(frame.getAttribute('frameborder')).toBe('0');
    expect(frame.getAttribute('scrolling')).toBe('no');
    expect(frame.style.width).toBe('100%');
    expect(frame.hasAttribute('allow')).toBe(false);
    const url = new URL(frame.src);
    expect(url.origin).toBe(crossOriginEdge());
    expect(url.pathname).toBe('/elements/v1/card.html');
    expect(url.searchParams.get('key')).toBe('pk_test_fake');
    expect(url.searchParams.get('parent')).toBe(location.origin);
    const fragment = new URLSearchParams(url.hash.slice(1));
    expect(fragment.get('channel')).toMatch(/^[0-9a-f]{32}$/);
    expect(url.hash).not.toContain('pk_test');
  });

  it('uses a new random channel id on every mount', async () => {
    const tessera = await loadTessera('pk_test_fake', { edge: crossOriginEdge() });
    const channels = new Set<string | null>();
    for (let i = 0; i < 5; i++) {
      const card = tessera.elements().create('card');
      const host = container();
      card.mount(host);
      const src = host.querySelector('iframe')?.src ?? '';
      channels.add(new URLSearchParams(new URL(src).hash.slice(1)).get('channel'));
      card.destroy();
    }
    expect(channels.size).toBe(5);
  });

  it('accepts a selector, and throws for a missing target or a second mount', async () => {
    const tessera = await loadTessera('pk_test_fake', { edge: crossOriginEdge() });
    const card = tessera.elements().create('card');
    expect(() => card.mount('#nowhere')).toThrow(IntegrationError);
    expect(() => card.mount(42 as unknown as string)).toThrow(IntegrationError);
    const host = container();
    host.id = 'card-host';
    card.mount('#card-host');
    expect(host.querySelector('iframe')).not.toBeNull();
    expect(() => card.mount(container())).toThrow(/already mounted/);
  });
});

describe('events from the frame', () => {
  it('emits ready, then change with the field state, and sizes the frame from resize', async () => {
    const tessera = await loadTessera('pk_test_fake', { edge: crossOriginEdge() });
    const card = tessera.elements().create('card');
    const host = container();
    const ready = nextEvent(card, 'ready');
    const change = nextEvent(card, 'change');
    card.mount(host);
    expect(await ready).toEqual({ elementType: 'card' });
    expect(await change).toEqual({ elementType: 'card', empty: true, complete: false, valid: false, brand: 'unknown' });
    expect(host.querySelector('iframe')?.style.height).toBe(`${FAKE_FRAME_HEIGHT}px`);
  });

  it('sends focus to the frame and emits the focus event the frame answers with', async () => {
    const { card } = await mountedCard();
    const echo = nextEcho();
    const focus = nextEvent(card, 'focus');
    card.focus();
    expect(await echo).toEqual({ tessera: 1, type: 'focus', payload: {} });
    expect(await focus).toEqual({ elementType: 'card', field: 'number' });
  });

  it('queues an update given before ready and sends the merged options once ready', async () => {
    const tessera = await loadTessera('pk_test_fake', { edge: crossOriginEdge() });
    const card = tessera.elements({ style: { base: { color: 'red' } } }).create('card', { hideIcon: true });
    const echo = nextEcho();
    card.mount(container());
    card.update({ disabled: true });
    expect(await echo).toEqual({
      tessera: 1,
      type: 'update',
      payload: { hideIcon: true, style: { base: { color: 'red' } }, disabled: true },
    });
  });

  it('throws for an unknown event name or a handler that is not a function', async () => {
    const tessera = await loadTessera('pk_test_fake', { edge: crossOriginEdge() });
    const card = tessera.elements().create('card');
    expect(() => card.on('submit' as 'ready', () => {})).toThrow(IntegrationError);
    expect(() => card.on('change', 'nope' as unknown as () => void)).toThrow(IntegrationError);
  });

  it('keeps calling other handlers when one throws', async () => {
    const reported = vi.spyOn(window, 'reportError').mockImplementation(() => {});
    const tessera = await loadTessera('pk_test_fake', { edge: crossOriginEdge() });
    const card = tessera.elements().create('card');
    card.on('ready', () => {
      throw new Error('merchant bug');
    });
    const ready = nextEvent(card, 'ready');
    card.mount(container());
    await ready;
    expect(reported).toHaveBeenCalledOnce();
  });
});

describe('messages not from the mounted frame never reach handlers', () => {
  const forgedChange = {
    tessera: 1,
    type: 'change',
    payload: { element: 'card', empty: false, complete: true, valid: true, brand: 'amex' },
  };

  it('drops the page itself, a srcdoc frame, and a twin frame on the edge origin (cross-origin edge)', async () => {
    const { card, frame } = await mountedCard();
    await sleep(50); // let the genuine first change arrive
    const seen: string[] = [];
    card.on('change', (event) => seen.push(`change ${event.brand}`));
    card.on('ready', () => seen.push('ready'));
    card.on('focus', () => seen.push('focus'));

    window.postMessage(forgedChange, '*');
    const srcdoc = document.createElement('iframe');
    srcdoc.srcdoc = `<script>parent.postMessage(${JSON.stringify(forgedChange)}, '*')</script>`;
    // Same URL as the genuine frame, so same origin and same channel id: only event.source tells them apart.
    const twin = document.createElement('iframe');
    twin.src = frame.src;
    const loaded = Promise.all(
      [srcdoc, twin].map((f) => new Promise((resolve) => f.addEventListener('load', resolve))),
    );
    document.body.append(srcdoc, twin);
    await loaded;
    await sleep(100);

    const focus = nextEvent(card, 'focus');
    card.focus();
    await focus;
    expect(seen).toEqual(['focus']);
  });

  it('drops messages once the mounted frame has navigated to another origin', async () => {
    const { card, frame } = await mountedCard();
    await sleep(50);
    const seen: string[] = [];
    card.on('change', (event) => seen.push(`change ${event.brand}`));
    // Same window (event.source still matches), same channel id, but no longer the edge origin.
    const elsewhere = new URL(frame.src);
    elsewhere.host = new URL(location.origin).host;
    const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    frame.src = elsewhere.href;
    await loaded;
    await sleep(100);
    expect(seen).toEqual([]);
  });

  it('ignores a frame that answers ready with another channel id', async () => {
    const tessera = await loadTessera(FAKE_FRAME_KEYS.wrongChannel, { edge: crossOriginEdge() });
    const card = tessera.elements().create('card');
    const seen: string[] = [];
    card.on('ready', () => seen.push('ready'));
    card.on('change', () => seen.push('change'));
    const host = container();
    card.mount(host);
    await new Promise((resolve) => host.querySelector('iframe')?.addEventListener('load', resolve));
    await sleep(100);
    expect(seen).toEqual([]);
    expect(await tessera.createToken(card)).toMatchObject({ error: { type: 'frame_error', code: 'not_mounted' } });
  });

  it('drops same-origin messages whose source is not the frame (wiring test, same-origin fake frame)', async () => {
    const { card } = await mountedCard('pk_test_fake', sameOriginEdge());
    await sleep(50);
    const seen: string[] = [];
    card.on('change', (event) => seen.push(`change ${event.brand}`));
    window.postMessage(forgedChange, location.origin);
    const srcdoc = document.createElement('iframe');
    srcdoc.srcdoc = `<script>parent.postMessage(${JSON.stringify(forgedChange)}, '*')</script>`;
    const loaded = new Promise((resolve) => srcdoc.addEventListener('load', resolve));
    document.body.append(srcdoc);
    await loaded;
    await sleep(100);
    expect(seen).toEqual([]);
  });

  it('posts to the frame with the exact edge origin, never "*" (wiring test, same-origin fake frame)', async () => {
    const { card, frame } = await mountedCard('pk_test_fake', sameOriginEdge());
    const target = frame.contentWindow as Window;
    const post = vi.spyOn(target, 'postMessage');
    card.clear();
    expect(post).toHaveBeenCalledWith({ tessera: 1, type: 'clear', payload: {} }, location.origin);
  });
});

describe('unmount and destroy', () => {
  it('removes the iframe and the very message listener it added, every time', async () => {
    const added = vi.spyOn(window, 'addEventListener');
    const removed = vi.spyOn(window, 'removeEventListener');
    const tessera = await loadTessera('pk_test_fake', { edge: crossOriginEdge() });
    const card = tessera.elements().create('card');
    const host = container();
    for (let i = 0; i < 10; i++) {
      card.mount(host);
      card.unmount();
    }
    expect(host.querySelector('iframe')).toBeNull();
    const listeners = added.mock.calls.filter(([type]) => type === 'message').map(([, handler]) => handler);
    const released = removed.mock.calls.filter(([type]) => type === 'message').map(([, handler]) => handler);
    expect(listeners).toHaveLength(10);
    expect(released).toEqual(listeners);
  });

  it('can mount again after unmount and becomes ready on the new frame', async () => {
    const { card, host } = await mountedCard();
    card.unmount();
    const ready = nextEvent(card, 'ready');
    card.mount(host);
    await ready;
    expect(host.querySelectorAll('iframe')).toHaveLength(1);
  });

  it('destroy frees the group slot, drops handlers, and refuses reuse', async () => {
    const tessera = await loadTessera('pk_test_fake', { edge: crossOriginEdge() });
    const elements = tessera.elements();
    const card = elements.create('card');
    expect(() => elements.create('card')).toThrow(IntegrationError);
    expect(() => elements.create('iban' as 'card')).toThrow(IntegrationError);
    expect(elements.getElement('card')).toBe(card);
    card.mount(container());
    card.destroy();
    expect(document.querySelector('iframe')).toBeNull();
    expect(elements.getElement('card')).toBeNull();
    expect(() => card.mount(container())).toThrow(/destroyed/);
    expect(elements.create('card')).not.toBe(card);
  });
});
