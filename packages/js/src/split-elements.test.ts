import { crossOriginEdge, FAKE_FRAME_KEYS, FAKE_TOKEN, nextEcho, recordEchoes, sleep } from '@tessera/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { container } from '../test/support/container';
import { nextEvent } from '../test/support/next-event';
import type { TesseraCardElement } from './card-element';
import { READY_TIMEOUT_MS } from './element-frame';
import { IntegrationError } from './integration-error';
import { loadTessera } from './load-tessera';

// Split fields against the fake field page (@tessera/testing) on a second origin. The frames' own
// frame-to-frame gathering runs in the real field page: packages/elements (split-fields.test.ts) and the e2e tests.

afterEach(() => {
  vi.useRealTimers();
  for (const frame of document.querySelectorAll('iframe')) frame.remove();
});

const SPLIT = [
  ['cardNumber', 'Secure card number input frame'],
  ['cardExpiry', 'Secure expiration date input frame'],
  ['cardCvc', 'Secure CVC input frame'],
] as const;

const fragmentOf = (frame: HTMLIFrameElement) => new URLSearchParams(new URL(frame.src).hash.slice(1));

async function splitGroup(key = 'pk_test_fake', { mount = true } = {}) {
  const tessera = await loadTessera(key, { edge: crossOriginEdge() });
  const elements = tessera.elements();
  const made = SPLIT.map(([type]) => elements.create(type));
  const hosts = made.map(() => container());
  if (mount) {
    const ready = made.map((element) => nextEvent(element, 'ready'));
    made.forEach((element, i) => {
      element.mount(hosts[i] as HTMLElement);
    });
    await Promise.all(ready);
  }
  const [number, expiry, cvc] = made as [TesseraCardElement, TesseraCardElement, TesseraCardElement];
  const frames = hosts.map((host) => host.querySelector('iframe') as HTMLIFrameElement);
  return { tessera, elements, number, expiry, cvc, hosts, frames };
}

describe('split fields: create and mount', () => {
  it('mounts one titled frame per field, its type in the query, the group’s one channel in the fragment', async () => {
    const { frames, number, expiry, cvc } = await splitGroup();
    expect([number.elementType, expiry.elementType, cvc.elementType]).toEqual(['cardNumber', 'cardExpiry', 'cardCvc']);
    const channels = new Set(frames.map((frame) => fragmentOf(frame).get('channel')));
    expect(channels.size).toBe(1);
    expect([...channels][0]).toMatch(/^[0-9a-f]{32}$/);
    frames.forEach((frame, i) => {
      const url = new URL(frame.src);
      expect(frame.title).toBe(SPLIT[i]?.[1]);
      expect(url.pathname).toBe('/elements/v1/card.html');
      expect(url.searchParams.get('type')).toBe(SPLIT[i]?.[0]);
      expect(url.searchParams.get('key')).toBe('pk_test_fake');
      expect(url.searchParams.get('parent')).toBe(location.origin);
    });
    // Another group has another channel.
    const other = await splitGroup();
    expect(fragmentOf(other.frames[0] as HTMLIFrameElement).get('channel')).not.toBe(
      fragmentOf(frames[0] as HTMLIFrameElement).get('channel'),
    );
  });

  it('emits ready, change and focus with each element’s own type', async () => {
    const tessera = await loadTessera('pk_test_fake', { edge: crossOriginEdge() });
    const expiry = tessera.elements().create('cardExpiry');
    const ready = nextEvent(expiry, 'ready');
    const change = nextEvent(expiry, 'change');
    expiry.mount(container());
    expect(await ready).toEqual({ elementType: 'cardExpiry' });
    expect(await change).toMatchObject({ elementType: 'cardExpiry', empty: true });
    const focus = nextEvent(expiry, 'focus');
    expiry.focus();
    expect(await focus).toMatchObject({ elementType: 'cardExpiry' });
  });

  it('ignores a frame that says ready as another element type', async () => {
    const tessera = await loadTessera(FAKE_FRAME_KEYS.wrongType, { edge: crossOriginEdge() });
    const cvc = tessera.elements().create('cardCvc');
    let ready = false;
    cvc.on('ready', () => {
      ready = true;
    });
    cvc.mount(container());
    await sleep(300);
    expect(ready).toBe(false);
    expect(await tessera.createToken(cvc)).toMatchObject({ error: { code: 'not_mounted' } });
    cvc.destroy();
  });

  it('holds one of each split field per group, and never a card beside them', async () => {
    const tessera = await loadTessera('pk_test_fake', { edge: crossOriginEdge() });
    const elements = tessera.elements();
    const number = elements.create('cardNumber');
    expect(() => elements.create('cardNumber')).toThrow(IntegrationError);
    expect(() => elements.create('card')).toThrow(/either a "card" element or split fields/);
    expect(elements.getElement('cardNumber')).toBe(number);
    expect(elements.getElement('cardCvc')).toBeNull();
    const cards = tessera.elements();
    cards.create('card');
    expect(() => cards.create('cardCvc')).toThrow(IntegrationError);
    number.destroy();
    expect(elements.create('card').elementType).toBe('card');
  });
});

describe('split fields: createToken', () => {
  it('asks only the number frame, whichever element of the group it is given', async () => {
    const { tessera, number, cvc, frames } = await splitGroup();
    const recordings = frames.map((frame) => recordEchoes(frame));
    expect(await tessera.createToken(number)).toEqual(FAKE_TOKEN);
    expect(await tessera.createToken(cvc)).toEqual(FAKE_TOKEN);
    for (const recording of recordings) recording.stop();
    expect(recordings.map(({ echoes }) => echoes.filter((m) => m.type === 'tokenize').length)).toEqual([2, 0, 0]);
    expect(recordings.flatMap(({ refused }) => refused)).toEqual([]);
  });

  it('answers frame_timeout once a field of the group failed to load', async () => {
    const { tessera, number, expiry, cvc, hosts } = await splitGroup(FAKE_FRAME_KEYS.silent, { mount: false });
    vi.useFakeTimers();
    number.mount(hosts[0] as HTMLElement);
    expiry.mount(hosts[1] as HTMLElement);
    expect(await tessera.createToken(cvc)).toMatchObject({ error: { type: 'frame_error', code: 'not_mounted' } });
    vi.advanceTimersByTime(READY_TIMEOUT_MS);
    expect(await tessera.createToken(cvc)).toMatchObject({ error: { type: 'frame_error', code: 'frame_timeout' } });
  });

  it('answers not_mounted until all three fields are mounted and ready', async () => {
    const { tessera, number, expiry, cvc, hosts } = await splitGroup('pk_test_fake', { mount: false });
    expect(await tessera.createToken(number)).toMatchObject({ error: { type: 'frame_error', code: 'not_mounted' } });
    const ready = [nextEvent(number, 'ready'), nextEvent(expiry, 'ready')];
    number.mount(hosts[0] as HTMLElement);
    expiry.mount(hosts[1] as HTMLElement);
    await Promise.all(ready);
    expect(await tessera.createToken(expiry)).toMatchObject({ error: { code: 'not_mounted' } });
    const cvcReady = nextEvent(cvc, 'ready');
    cvc.mount(hosts[2] as HTMLElement);
    await cvcReady;
    expect(await tessera.createToken(cvc)).toEqual(FAKE_TOKEN);
    cvc.unmount();
    expect(await tessera.createToken(number)).toMatchObject({ error: { code: 'not_mounted' } });
  });

  it('sends update, focus and clear to that field’s own frame', async () => {
    const { expiry } = await splitGroup();
    const echo = nextEcho();
    expiry.clear();
    expect(await echo).toEqual({ tessera: 1, type: 'clear', payload: {} });
  });
});
