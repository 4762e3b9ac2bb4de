import type { Envelope, FrameToParent } from '@tessera/protocol';
import { envelope } from '@tessera/protocol';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import '../components/card-field/card-field';
import { edgeLog, fakeKey, rotateSealKey, scriptNextAnswer } from '../../test/support/fake-edge-client';
import { createFakeParent, type FakeParent, postFromOpaqueOrigin } from '../../test/support/fake-parent';
import type { TesseraCardField } from '../components/card-field/card-field';
import type { Tokenizer } from '../sealing/tokenizer';
import { FieldPageController } from './field-page-controller';

type Msg = Envelope<FrameToParent>;
type Of<T extends Msg['type']> = Msg & { type: T };
const is =
  <T extends Msg['type']>(type: T, id?: string) =>
  (m: Msg): m is Of<T> =>
    m.type === type && (id === undefined || ('id' in m && m.id === id));

interface Page {
  parent: FakeParent;
  field: TesseraCardField;
  key: string;
  input(id: 'number' | 'expiry' | 'cvc'): HTMLInputElement;
  typeCard(card: { number: string; expiry: string; cvc: string }): Promise<void>;
  tokenize(id: string): Promise<Of<'tokenize:result'>>;
}

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

async function openPage(name: string): Promise<Page> {
  const parent = await createFakeParent();
  const key = fakeKey(name);
  const field = document.createElement('tessera-card-field');
  field.now = () => new Date('2026-06-15T12:00:00Z');
  new FieldPageController(
    field,
    { key, parentOrigin: location.origin, channel: 'chan_test', element: 'card', options: {}, warnings: [] },
    // The test page's own root is stretched by the runner; the element is what the field page's root wraps.
    { parent: parent.window, measured: field },
  );
  document.body.append(field);
  cleanups.push(() => {
    field.remove();
    parent.remove();
  });
  await parent.waitFor(is('ready'));
  const input = (id: 'number' | 'expiry' | 'cvc') => field.shadowRoot!.querySelector<HTMLInputElement>(`#${id}`)!;
  return {
    parent,
    field,
    key,
    input,
    async typeCard(card) {
      for (const id of ['number', 'expiry', 'cvc'] as const) {
        if (card[id]) await userEvent.type(input(id), card[id]);
      }
      await field.updateComplete;
    },
    tokenize(id) {
      parent.send(envelope({ type: 'tokenize', id, payload: {} }));
      return parent.waitFor(is('tokenize:result', id), 10_000);
    },
  };
}

const visa = { number: '4242424242424242', expiry: '1234', cvc: '123' };

describe('field page: messages to the parent', () => {
  it('says ready with its channel once, then relays state, focus and blur, and never a digit', async () => {
    const { parent, typeCard, input } = await openPage('messages');
    await typeCard(visa);
    input('cvc').blur();
    await new Promise((r) => setTimeout(r, 50));

    const messages = parent.messages();
    expect(messages.filter(is('ready'))).toEqual([
      { tessera: 1, type: 'ready', payload: { element: 'card', channel: 'chan_test' } },
    ]);
    const changes = messages.filter(is('change'));
    expect(changes.length).toBeGreaterThan(1);
    expect(changes.at(-1)?.payload).toEqual({
      element: 'card',
      empty: false,
      complete: true,
      valid: true,
      brand: 'visa',
    });
    for (const change of changes) expect(JSON.stringify(change.payload)).not.toMatch(/\d/);
    // Nothing else the parent receives holds a digit either (a height is a number, not a string of the card).
    const withoutHeights = messages.filter((m) => m.type !== 'resize');
    expect(JSON.stringify(withoutHeights).replaceAll('"tessera":1', '')).not.toMatch(/\d/);
    expect(messages.filter(is('focus')).map((m) => m.payload.field)).toEqual(['number', 'expiry', 'cvc']);
    expect(messages.filter(is('blur')).map((m) => m.payload.field)).toEqual(['number', 'expiry', 'cvc']);
    expect(messages.some(is('resize'))).toBe(true);
  });

  it('reports its height again when an error message makes it taller', async () => {
    const { parent, typeCard, input, field } = await openPage('resize');
    const heights = () =>
      parent
        .messages()
        .filter(is('resize'))
        .map((m) => m.payload.height);
    await new Promise((r) => setTimeout(r, 50));
    const before = heights().at(-1) ?? 0;
    await typeCard({ number: '4242', expiry: '', cvc: '' });
    input('number').blur();
    await field.updateComplete;
    await parent.waitFor((m): m is Of<'resize'> => is('resize')(m) && m.payload.height > before);
  });
});

describe('field page: messages from the parent', () => {
  it('drops messages from another origin, another window or of the wrong shape', async () => {
    const { parent, field, typeCard } = await openPage('hostile');
    await typeCard(visa);
    const clear = envelope({ type: 'clear', payload: {} });

    await postFromOpaqueOrigin(clear);
    await postFromOpaqueOrigin(envelope({ type: 'tokenize', id: 'hostile_1', payload: {} }));
    window.postMessage(clear, '*'); // right origin, wrong window
    const other = await createFakeParent(); // right origin, another window
    other.send(clear);
    other.send(envelope({ type: 'tokenize', id: 'hostile_2', payload: {} }));
    parent.send({ tessera: 1, type: 'clear' }); // right window, wrong shape
    parent.send({ ...clear, tessera: 2 });
    await new Promise((r) => setTimeout(r, 100));
    other.remove();

    expect(field.state.complete).toBe(true);
    expect(parent.messages().some(is('tokenize:result'))).toBe(false);
    expect(other.messages()).toEqual([]);

    // Control: the same message from the parent is obeyed.
    parent.send(clear);
    await new Promise((r) => setTimeout(r, 50));
    expect(field.state.empty).toBe(true);
  });

  // The parent window is the real one, but it is not at the origin the frame was created for (a merchant page
  // navigated away, or a page that framed another merchant's URL): nothing goes to it and nothing from it counts.
  it('neither posts to nor obeys a parent window whose origin is not the parent origin it was given', async () => {
    const parent = await createFakeParent(); // at this page's origin, 127.0.0.1
    const field = document.createElement('tessera-card-field');
    field.now = () => new Date('2026-06-15T12:00:00Z');
    const namedOrigin = `http://localhost:${location.port}`;
    new FieldPageController(
      field,
      {
        key: fakeKey('elsewhere'),
        parentOrigin: namedOrigin,
        channel: 'chan_elsewhere',
        element: 'card',
        options: {},
        warnings: [],
      },
      { parent: parent.window, measured: field },
    );
    document.body.append(field);
    cleanups.push(() => {
      field.remove();
      parent.remove();
    });
    await field.updateComplete;
    for (const [id, value] of [
      ['number', visa.number],
      ['expiry', visa.expiry],
      ['cvc', visa.cvc],
    ] as const) {
      await userEvent.type(field.shadowRoot!.querySelector<HTMLInputElement>(`#${id}`)!, value);
    }
    await field.updateComplete;
    parent.send(envelope({ type: 'clear', payload: {} }));
    parent.send(envelope({ type: 'tokenize', id: 'elsewhere_1', payload: {} }));
    await new Promise((r) => setTimeout(r, 200));

    // Outgoing: posted to the named origin only, so this window got neither ready nor any state.
    expect(parent.messages()).toEqual([]);
    // Incoming: the right window at the wrong origin is dropped like any stranger.
    expect(field.state.complete).toBe(true);
  });

  it('applies update, focus and blur', async () => {
    const { parent, field, input } = await openPage('commands');
    parent.send(envelope({ type: 'update', payload: { disabled: true, style: { base: { color: 'url(x)' } } } }));
    await new Promise((r) => setTimeout(r, 50));
    expect(input('number').disabled).toBe(true);
    // The unsafe colour was dropped: the default text colour applies.
    expect(getComputedStyle(input('number')).color).toBe('rgb(48, 49, 61)');
    parent.send(envelope({ type: 'update', payload: { disabled: false, style: { base: { color: '#00ff00' } } } }));
    await new Promise((r) => setTimeout(r, 50));
    expect(input('number').disabled).toBe(false);
    expect(getComputedStyle(input('number')).color).toBe('rgb(0, 255, 0)');

    parent.send(envelope({ type: 'focus', payload: {} }));
    await parent.waitFor(is('focus'));
    expect(field.shadowRoot!.activeElement).toBe(input('number'));
    parent.send(envelope({ type: 'blur', payload: {} }));
    await parent.waitFor(is('blur'));
    expect(field.shadowRoot!.activeElement).toBeNull();
  });
});

describe('field page: tokenize', () => {
  it('warms the sealing key once, after ready, only in the frame that tokenizes', async () => {
    const warmed: Record<string, boolean[]> = {};
    for (const element of ['card', 'cardNumber', 'cardExpiry', 'cardCvc'] as const) {
      const parent = await createFakeParent();
      const field = document.createElement('tessera-card-field');
      // Whether the parent had the frame's ready when the key and WebCrypto were asked for.
      const calls: boolean[] = [];
      const tokenizer = { prefetch: () => calls.push(parent.messages().some(is('ready'))) };
      warmed[element] = calls;
      const params = { key: fakeKey('warm'), parentOrigin: location.origin, channel: 'chan_warm', element };
      new FieldPageController(
        field,
        { ...params, options: {}, warnings: [] },
        { parent: parent.window, measured: field, tokenizer: tokenizer as unknown as Tokenizer },
      );
      document.body.append(field);
      cleanups.push(() => {
        field.remove();
        parent.remove();
      });
      await parent.waitFor(is('ready'));
    }
    await vi.waitFor(() => expect(warmed.card).toHaveLength(1));
    await vi.waitFor(() => expect(warmed.cardNumber).toHaveLength(1));
    // Past the idle callback's deadline: the expiry and CVC frames never seal, so never warm anything.
    await new Promise((r) => setTimeout(r, 1100));
    expect(warmed).toEqual({ card: [true], cardNumber: [true], cardExpiry: [], cardCvc: [] });
  });

  it('refuses an incomplete card with the first field error, shown in the fields, and calls no API', async () => {
    const { tokenize, typeCard, input, field, key } = await openPage('incomplete');
    await typeCard({ number: '4242424242424242', expiry: '1234', cvc: '12' });
    const result = await tokenize('t_incomplete');
    expect(result.payload).toEqual({
      error: { type: 'validation_error', code: 'incomplete_cvc', message: "Your card's security code is incomplete." },
    });
    await field.updateComplete;
    expect(input('cvc').getAttribute('aria-invalid')).toBe('true');
    expect((await edgeLog(key)).requests.filter((r) => r.path === '/v1/tokens')).toEqual([]);

    field.clear();
    expect((await tokenize('t_empty')).payload).toMatchObject({ error: { code: 'incomplete_number' } });
  });

  it('seals the card, posts it same-origin with the key, and returns the token and masked card', async () => {
    const { tokenize, typeCard, key } = await openPage('ok');
    await typeCard(visa);
    const result = await tokenize('t_ok');
    expect(result.payload).toEqual({
      token: expect.stringMatching(/^tok_/),
      card: { brand: 'visa', last4: '4242', expMonth: 12, expYear: 2034 },
    });

    const log = await edgeLog(key);
    // What the edge unsealed is exactly the card typed, with a four-digit year.
    expect(log.opened).toEqual([{ number: '4242424242424242', expMonth: 12, expYear: 2034, cvc: '123' }]);
    const post = log.requests.find((r) => r.method === 'POST');
    expect(post).toMatchObject({
      path: '/v1/tokens',
      authorization: `Bearer ${key}`,
      contentType: 'application/json',
      origin: location.origin,
      secFetchSite: 'same-origin',
    });
    // The sealing key was fetched once, at startup, and reused.
    expect(log.requests.filter((r) => r.path === '/v1/keys/seal')).toHaveLength(1);
    // The common path: the browser's own WebCrypto sealed; webcrypto-liner was never downloaded.
    expect(performance.getEntriesByType('resource').some((e) => e.name.includes('webcrypto-liner'))).toBe(false);
  });

  it('fetches the sealing key again, once, when the edge has rotated it', async () => {
    const { tokenize, typeCard, key } = await openPage('rotate');
    await typeCard(visa);
    await tokenize('t_warm');
    await rotateSealKey(key);
    const result = await tokenize('t_rotated');
    expect(result.payload).toMatchObject({ token: expect.stringMatching(/^tok_/) });
    const log = await edgeLog(key);
    expect(log.requests.filter((r) => r.path === '/v1/keys/seal')).toHaveLength(2);
  });

  it('maps edge problems and network failures to error values', async () => {
    const { tokenize, typeCard, key } = await openPage('problems');
    await typeCard(visa);

    await scriptNextAnswer(key, { problem: 'invalid_card_number' });
    expect((await tokenize('t_card')).payload).toEqual({
      error: { type: 'validation_error', code: 'invalid_card_number', message: 'The card number is invalid.' },
    });
    await scriptNextAnswer(key, { problem: 'rate_limited' });
    expect((await tokenize('t_rate')).payload).toEqual({
      error: { type: 'api_error', code: 'rate_limited', message: 'Too many requests; retry after the time given.' },
    });
    await scriptNextAnswer(key, { drop: true });
    expect((await tokenize('t_net')).payload).toMatchObject({ error: { type: 'network_error', code: 'network' } });
    // And it recovers once the edge is reachable again.
    await scriptNextAnswer(key, {});
    expect((await tokenize('t_after')).payload).toMatchObject({ token: expect.stringMatching(/^tok_/) });
  });

  it('does one tokenize at a time', async () => {
    const { tokenize, typeCard } = await openPage('busy');
    await typeCard(visa);
    const [first, second] = await Promise.all([tokenize('t_first'), tokenize('t_second')]);
    expect(first.payload).toMatchObject({ token: expect.stringMatching(/^tok_/) });
    expect(second.payload).toEqual({
      error: { type: 'frame_error', code: 'busy', message: 'A token is already being created for this card element.' },
    });
  });
});
