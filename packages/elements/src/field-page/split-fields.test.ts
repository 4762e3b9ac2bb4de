// Split fields as they run for real: three built field pages (number, expiry, CVC) under the edge's CSP, framed by
// this tests page from another origin (the "edge" is http://localhost:<port>, this page http://127.0.0.1:<port>),
// gathering the card among themselves. The parent must only ever receive state, never a value.
import { type Envelope, envelope, type FrameToParent, isFrameToParent, type ParentToFrame } from '@tessera/protocol';
import { crossOriginEdge } from '@tessera/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { edgeLog, fakeKey } from '../../test/support/fake-edge-client';
import { COLLECT_TIMEOUT_MS } from './split-group';

const EDGE = crossOriginEdge();
/** How long a step in the frames may take (a keystroke's state, a sealed card's way through the fake edge). */
const WAIT = { timeout: 10_000, interval: 10 };
const TYPES = ['cardNumber', 'cardExpiry', 'cardCvc'] as const;
type SplitType = (typeof TYPES)[number] | 'cardholderName' | 'postalCode';

/** Every message this page (the parent) receives, from anyone. */
const received: { origin: string; source: MessageEventSource | null; data: unknown }[] = [];
const record = (e: MessageEvent) => received.push({ origin: e.origin, source: e.source, data: e.data });

type Group = Record<(typeof TYPES)[number], HTMLIFrameElement>;

/** What one frame posted to the parent, as accepted by the SDK's checks (edge origin, that window, guard). */
const fromFrame = (frame: HTMLIFrameElement) =>
  received
    .filter((r) => r.origin === EDGE && r.source === frame.contentWindow && isFrameToParent(r.data))
    .map((r) => r.data as Envelope<FrameToParent>);
const lastChange = (frame: HTMLIFrameElement) =>
  fromFrame(frame)
    .filter((m) => m.type === 'change')
    .at(-1)?.payload;

function addFrame(key: string, type: SplitType, channel: string): HTMLIFrameElement {
  const frame = document.createElement('iframe');
  frame.title = `split ${type} ${channel}`;
  frame.src = `${EDGE}/elements/v1/card.html?key=${key}&parent=${encodeURIComponent(location.origin)}&type=${type}#channel=${channel}`;
  document.body.append(frame);
  return frame;
}

async function ready(frame: HTMLIFrameElement, type: SplitType, channel: string): Promise<void> {
  const message = await vi.waitFor(() => {
    const found = fromFrame(frame).find((m) => m.type === 'ready');
    if (!found) throw new Error(`${type} not ready yet`);
    return found;
  }, 30_000);
  expect(message.payload).toEqual({ element: type, channel });
}

async function mountGroup(key: string, channel: string): Promise<Group> {
  const group = {} as Group;
  for (const type of TYPES) group[type] = addFrame(key, type, channel);
  for (const type of TYPES) await ready(group[type], type, channel);
  return group;
}

const post = (frame: HTMLIFrameElement, message: ParentToFrame) =>
  frame.contentWindow!.postMessage(envelope(message), EDGE);

async function typeInto(frame: HTMLIFrameElement, text: string) {
  const focusCount = fromFrame(frame).filter((m) => m.type === 'focus').length;
  post(frame, { type: 'focus', payload: {} });
  await vi.waitFor(
    () => expect(fromFrame(frame).filter((m) => m.type === 'focus').length).toBeGreaterThan(focusCount),
    WAIT,
  );
  await userEvent.keyboard(text);
}

async function tokenize(frame: HTMLIFrameElement, id: string, collect?: ('cardholderName' | 'postalCode')[]) {
  post(frame, { type: 'tokenize', id, payload: collect ? { collect } : {} });
  return vi.waitFor(() => {
    const found = fromFrame(frame).find((m) => m.type === 'tokenize:result' && m.id === id);
    if (!found) throw new Error(`no answer to ${id} yet`);
    return found;
  }, WAIT);
}

/**
 * Frames of the wrong origin beside the split frames: this page's own origin (a srcdoc frame) and an opaque one
 * (sandboxed). Each posts `messages` to every frame of this page, as a hostile script would, and counts answers.
 */
async function postFromWrongOrigins(messages: unknown[]): Promise<number> {
  let answers = 0;
  for (const sandboxed of [false, true]) {
    const frame = document.createElement('iframe');
    if (sandboxed) frame.sandbox.add('allow-scripts');
    frame.srcdoc = `<script>
      let answers = 0;
      addEventListener('message', (e) => { if (e.source !== window) answers++; });
      for (const m of ${JSON.stringify(messages)}) for (let i = 0; i < parent.frames.length; i++) parent.frames[i].postMessage(m, '*');
      setTimeout(() => parent.postMessage({ hostileAnswers: answers }, '*'), 300);
    </script>`;
    const done = new Promise<number>((resolve) => {
      const onMessage = (e: MessageEvent) => {
        if (e.source !== frame.contentWindow || typeof e.data?.hostileAnswers !== 'number') return;
        removeEventListener('message', onMessage);
        resolve(e.data.hostileAnswers);
      };
      addEventListener('message', onMessage);
    });
    document.body.append(frame);
    answers += await done;
    frame.remove();
  }
  return answers;
}

describe('split fields: three real frames gather the card among themselves', () => {
  const key = fakeKey('split');
  let a: Group;
  beforeAll(async () => {
    addEventListener('message', record);
    a = await mountGroup(key, 'grp_a');
  });
  afterAll(() => {
    removeEventListener('message', record);
    for (const frame of document.querySelectorAll('iframe')) frame.remove();
  });

  it('sends the number frame’s brand to the CVC frame: Amex takes a 4-digit code', async () => {
    await typeInto(a.cardNumber, '378282246310005');
    await vi.waitFor(() => expect(lastChange(a.cardNumber)?.complete).toBe(true), WAIT);
    expect(lastChange(a.cardNumber)).toMatchObject({ element: 'cardNumber', brand: 'amex', complete: true });
    await typeInto(a.cardExpiry, '1131');
    await typeInto(a.cardCvc, '737');
    await vi.waitFor(() => expect(lastChange(a.cardCvc)?.brand).toBe('amex'), WAIT);
    expect(lastChange(a.cardCvc)).toMatchObject({ element: 'cardCvc', complete: false, brand: 'amex' });
    await userEvent.keyboard('3');
    await vi.waitFor(() => expect(lastChange(a.cardCvc)?.complete).toBe(true), WAIT);
    expect(lastChange(a.cardExpiry)).toMatchObject({ element: 'cardExpiry', complete: true, valid: true });
  });

  it('tokenizes from the number frame with the expiry and code of its siblings', async () => {
    const result = await tokenize(a.cardNumber, 'split_1');
    expect(result.payload).toEqual({
      token: expect.stringMatching(/^tok_/),
      card: { brand: 'amex', last4: '0005', expMonth: 11, expYear: 2031 },
    });
    expect((await edgeLog(key)).opened).toEqual([
      { number: '378282246310005', expMonth: 11, expYear: 2031, cvc: '7373' },
    ]);
  });

  it('drops sibling messages from a wrong origin: no answer, and the CVC frame keeps the Amex brand', async () => {
    const before = fromFrame(a.cardCvc).length;
    const forged = [
      envelope({ type: 'brand', payload: { channel: 'grp_a', brand: 'visa' } }),
      envelope({ type: 'collect', id: 'forged_1', payload: { channel: 'grp_a', brand: 'visa' } }),
      envelope({ type: 'hello', payload: { channel: 'grp_a', element: 'cardCvc' } }),
    ];
    expect(await postFromWrongOrigins(forged)).toBe(0);
    // This page itself is a wrong origin too.
    for (const frame of Object.values(a)) for (const m of forged) frame.contentWindow!.postMessage(m, EDGE);
    await new Promise((r) => setTimeout(r, 200));
    expect(
      fromFrame(a.cardCvc)
        .slice(before)
        .filter((m) => m.type === 'change'),
    ).toEqual([]);
    expect(lastChange(a.cardCvc)).toMatchObject({ complete: true, brand: 'amex' });
  });

  it('keeps two groups apart: another channel’s brand and parts never mix in', async () => {
    const b = await mountGroup(key, 'grp_b');
    await typeInto(b.cardNumber, '4242424242424242');
    await vi.waitFor(() => expect(lastChange(b.cardNumber)?.brand).toBe('visa'), WAIT);
    await typeInto(b.cardExpiry, '1230');
    await typeInto(b.cardCvc, '1234');
    await vi.waitFor(() => expect(lastChange(b.cardCvc)?.complete).toBe(true), WAIT);
    // Group B's Visa reached B's CVC frame (3 digits kept), not A's.
    expect(lastChange(b.cardCvc)).toMatchObject({ brand: 'visa', complete: true });
    expect(lastChange(a.cardCvc)).toMatchObject({ brand: 'amex', complete: true });

    const second = await tokenize(a.cardNumber, 'split_2');
    expect(second.payload).toMatchObject({ card: { brand: 'amex', last4: '0005', expMonth: 11, expYear: 2031 } });
    const third = await tokenize(b.cardNumber, 'split_3');
    expect(third.payload).toMatchObject({ card: { brand: 'visa', last4: '4242', expMonth: 12, expYear: 2030 } });
    expect((await edgeLog(key)).opened.slice(1)).toEqual([
      { number: '378282246310005', expMonth: 11, expYear: 2031, cvc: '7373' },
      { number: '4242424242424242', expMonth: 12, expYear: 2030, cvc: '123' },
    ]);
  });

  it('tells a CVC frame that loads after the number was typed the brand it missed (hello → brand)', async () => {
    const number = addFrame(key, 'cardNumber', 'grp_c');
    await ready(number, 'cardNumber', 'grp_c');
    await typeInto(number, '378282246310005');
    await vi.waitFor(() => expect(lastChange(number)?.brand).toBe('amex'), WAIT);
    const cvc = addFrame(key, 'cardCvc', 'grp_c');
    await ready(cvc, 'cardCvc', 'grp_c');
    await vi.waitFor(() => expect(lastChange(cvc)?.brand).toBe('amex'), WAIT);
    number.remove();
    cvc.remove();
  });

  it('fetches the sealing key once per group, from the number frame', async () => {
    const own = fakeKey('split_keys');
    const group = await mountGroup(own, 'grp_k');
    const sealKeys = async () => (await edgeLog(own)).requests.filter((r) => r.path === '/v1/keys/seal').length;
    await vi.waitFor(async () => expect(await sealKeys()).toBe(1), WAIT);
    // Past the number frame's idle deadline: the expiry and CVC frames asked for nothing.
    await new Promise((r) => setTimeout(r, 1100));
    expect(await sealKeys()).toBe(1);
    for (const frame of Object.values(group)) frame.remove();
  });

  it('shows each sibling’s error and answers validation_error when a part is missing', async () => {
    post(a.cardExpiry, { type: 'clear', payload: {} });
    await vi.waitFor(() => expect(lastChange(a.cardExpiry)?.empty).toBe(true), WAIT);
    const result = await tokenize(a.cardNumber, 'split_4');
    expect(result.payload).toEqual({
      error: { type: 'validation_error', code: 'incomplete_expiry', message: expect.any(String) },
    });
    await vi.waitFor(() => expect(lastChange(a.cardExpiry)?.error?.code).toBe('incomplete_expiry'), WAIT);
    // Only the number frame tokenizes.
    const refused = await tokenize(a.cardCvc, 'split_5');
    expect(refused.payload).toMatchObject({ error: { type: 'frame_error', code: 'not_number_element' } });
  });

  it('counts a sibling that never answers as that part incomplete, after the collect timeout', async () => {
    const number = addFrame(key, 'cardNumber', 'grp_d');
    await ready(number, 'cardNumber', 'grp_d');
    await typeInto(number, '4242424242424242');
    const started = Date.now();
    const result = await tokenize(number, 'split_6');
    expect(result.payload).toMatchObject({ error: { type: 'validation_error', code: 'incomplete_expiry' } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(COLLECT_TIMEOUT_MS - 100);
    number.remove();
  });

  it('gathers the name and postal code from their own frames when the parent names them', async () => {
    const group = await mountGroup(key, 'grp_e');
    const name = addFrame(key, 'cardholderName', 'grp_e');
    const postal = addFrame(key, 'postalCode', 'grp_e');
    await ready(name, 'cardholderName', 'grp_e');
    await ready(postal, 'postalCode', 'grp_e');
    await typeInto(group.cardNumber, '5555555555554444');
    await typeInto(group.cardExpiry, '0330');
    await typeInto(group.cardCvc, '321');
    await typeInto(name, 'Ada Lovelace');
    await typeInto(postal, 'SW1A 1AA');
    await vi.waitFor(() => expect(lastChange(postal)?.complete).toBe(true), WAIT);

    // Not named: the number frame seals without them, as a group without those frames would.
    const without = await tokenize(group.cardNumber, 'split_7');
    expect(without.payload).toMatchObject({ card: { brand: 'mastercard', last4: '4444' } });
    const named = await tokenize(group.cardNumber, 'split_8', ['cardholderName', 'postalCode']);
    expect(named.payload).toMatchObject({ card: { brand: 'mastercard', last4: '4444' } });
    expect((await edgeLog(key)).opened.slice(-2)).toEqual([
      { number: '5555555555554444', expMonth: 3, expYear: 2030, cvc: '321' },
      {
        number: '5555555555554444',
        expMonth: 3,
        expYear: 2030,
        cvc: '321',
        name: 'Ada Lovelace',
        postalCode: 'SW1A 1AA',
      },
    ]);

    // An empty name is the name frame's error, answered in the card's tab order (before the number's).
    post(name, { type: 'clear', payload: {} });
    const missing = await tokenize(group.cardNumber, 'split_9', ['cardholderName', 'postalCode']);
    expect(missing.payload).toMatchObject({ error: { type: 'validation_error', code: 'incomplete_name' } });
    for (const frame of [...Object.values(group), name, postal]) frame.remove();
  });

  it('never gave the parent a value: no sibling message and no card digit reached this page', async () => {
    expect(received.some((r) => r.origin === EDGE)).toBe(true);
    const text = JSON.stringify(received.map((r) => r.data));
    const secrets = ['378282246310005', '4242424242424242', '5555555555554444', '7373', '"123"', '"321"'];
    for (const secret of [...secrets, 'Lovelace', 'SW1A', 'collect', '"brand","payload"']) {
      expect(text).not.toContain(secret);
    }
    const types = received.filter((r) => r.origin === EDGE).map((r) => (r.data as { type?: string }).type);
    expect(new Set(types)).toEqual(
      new Set(['ready', 'title', 'change', 'focus', 'blur', 'advance', 'resize', 'tokenize:result']),
    );
    const state = received
      .filter((r) => r.origin === EDGE)
      .map((r) => r.data as Envelope<FrameToParent>)
      .filter((m) => m.type !== 'resize' && m.type !== 'tokenize:result');
    expect(JSON.stringify(state).replaceAll('"tessera":1', '')).not.toMatch(/\d/);
  });
});
