import { clientError, type TesseraError } from '@tessera/protocol';
import { crossOriginEdge, FAKE_FRAME_KEYS, FAKE_TOKEN, sleep } from '@tessera/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Tessera } from '../tessera';
import './index';
import type { TesseraCard } from './tessera-card';

// <tessera-card> around the fake field page (@tessera/testing) on another origin. FAKE_FRAME_KEYS.complete says a
// complete card at once; any other key an empty one. The real field page and edge are in e2e/tests/tessera-card.

afterEach(() => {
  document.body.replaceChildren();
});

interface Checkout {
  form: HTMLFormElement;
  card: TesseraCard;
  button: HTMLButtonElement;
  /** FormData of every submission that got past <tessera-card>, as the page's own handler saw it. */
  submitted: FormData[];
}

/** A form with a card and a Pay button; `root` is where it goes (the document, or a shadow root). */
function checkout(key: string, { root = document.body as ParentNode, attributes = {} as Record<string, string> } = {}) {
  const form = document.createElement('form');
  const card = document.createElement('tessera-card');
  card.setAttribute('publishable-key', key);
  card.setAttribute('edge', crossOriginEdge());
  for (const [name, value] of Object.entries(attributes)) card.setAttribute(name, value);
  const button = document.createElement('button');
  button.name = 'action';
  button.value = 'pay';
  form.append(card, button);
  const submitted: FormData[] = [];
  // The page's own handler, as a framework's would be: it sees only what <tessera-card> lets through.
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submitted.push(new FormData(form, event.submitter));
  });
  root.append(form);
  return { form, card, button, submitted } satisfies Checkout;
}

const on = <T>(target: EventTarget, name: string) =>
  new Promise<CustomEvent<T>>((resolve) =>
    target.addEventListener(name, (e) => resolve(e as CustomEvent<T>), { once: true }),
  );

describe('<tessera-card> in a form', () => {
  it('is a form-associated element that registers itself once', () => {
    expect(customElements.get('tessera-card')).toBeDefined();
    const { card, form } = checkout('pk_test_fake');
    expect(card.form).toBe(form);
    expect(card.name).toBe('tessera_token');
    expect(card.type).toBe('tessera-card');
    expect(card.shadowRoot?.querySelector('iframe')).toBeDefined();
  });

  it('tokenizes on submit, then lets the form submit the token under its name, never the card', async () => {
    const { card, form, button, submitted } = checkout(FAKE_FRAME_KEYS.complete);
    await on(card, 'change');
    expect(card.matches(':valid')).toBe(true);
    const tokens: unknown[] = [];
    card.addEventListener('token', (e) => tokens.push((e as CustomEvent).detail));
    button.click();
    await vi.waitFor(() => expect(submitted).toHaveLength(1));
    expect([...(submitted[0]?.entries() ?? [])]).toEqual([
      ['tessera_token', FAKE_TOKEN.token],
      ['action', 'pay'],
    ]);
    expect(card.value).toBe(FAKE_TOKEN.token);
    expect(tokens).toEqual([FAKE_TOKEN]);
    // A second submission makes a token of its own (a token is for one payment).
    form.requestSubmit();
    await vi.waitFor(() => expect(submitted).toHaveLength(2));
  });

  it('submits under the name it is given', async () => {
    const { card, form, submitted } = checkout(FAKE_FRAME_KEYS.complete, { attributes: { name: 'card_token' } });
    await on(card, 'change');
    form.requestSubmit();
    await vi.waitFor(() => expect(submitted).toHaveLength(1));
    expect(submitted[0]?.get('card_token')).toBe(FAKE_TOKEN.token);
    expect(submitted[0]?.has('tessera_token')).toBe(false);
  });

  it('reports an empty card as invalid to the form, which then does not submit', async () => {
    const { card, form, button, submitted } = checkout('pk_test_fake');
    await on(card, 'ready');
    expect(card.matches(':invalid')).toBe(true);
    expect(card.validity.valueMissing).toBe(true);
    expect(card.checkValidity()).toBe(false);
    expect(form.checkValidity()).toBe(false);
    expect(card.validationMessage).toBe('Enter your card details.');
    const invalid = on(card, 'invalid');
    button.click();
    await invalid;
    await sleep(100);
    expect(submitted).toEqual([]);
    expect(card.reportValidity()).toBe(false);
  });

  it('is left out of validation and submission while disabled, itself or by its fieldset', async () => {
    const { card, form, submitted } = checkout('pk_test_fake');
    await on(card, 'ready');
    card.disabled = true;
    expect(card.matches(':disabled')).toBe(true);
    expect(form.checkValidity()).toBe(true);
    form.requestSubmit();
    await vi.waitFor(() => expect(submitted).toHaveLength(1));
    expect(submitted[0]?.has('tessera_token')).toBe(false);

    card.disabled = false;
    const fieldset = document.createElement('fieldset');
    form.prepend(fieldset);
    fieldset.append(card);
    await on(card, 'ready');
    fieldset.disabled = true;
    expect(card.matches(':disabled')).toBe(true);
    expect(form.checkValidity()).toBe(true);
  });

  it('empties the card and its value on form.reset()', async () => {
    const { card, form, submitted } = checkout(FAKE_FRAME_KEYS.complete);
    await on(card, 'change');
    form.requestSubmit();
    await vi.waitFor(() => expect(submitted).toHaveLength(1));
    const cleared = on<{ empty: boolean }>(card, 'change');
    form.reset();
    expect(card.value).toBe('');
    expect((await cleared).detail.empty).toBe(true);
    expect(card.matches(':invalid')).toBe(true);
  });

  it('gives the fields its locale, in the options of the frame’s URL fragment', async () => {
    const { card } = checkout('pk_test_fake', { attributes: { locale: 'fr' } });
    await on(card, 'ready');
    const src = card.shadowRoot?.querySelector('iframe')?.src ?? '';
    const encoded = new URLSearchParams(new URL(src).hash.slice(1)).get('options') ?? '';
    const options: unknown = JSON.parse(atob(encoded.replaceAll('-', '+').replaceAll('_', '/')));
    expect(options).toMatchObject({ locale: 'fr', disabled: false });
  });

  it('relays the SDK events as CustomEvents, change bubbling to the form', async () => {
    const { card, form } = checkout('pk_test_fake');
    const seen: string[] = [];
    for (const name of ['ready', 'change', 'loaderror']) card.addEventListener(name, () => seen.push(name));
    const bubbled = on<{ elementType: string; empty: boolean }>(form, 'change');
    expect((await bubbled).detail).toMatchObject({ elementType: 'card', empty: true });
    expect(seen).toEqual(['ready', 'change']);
  });

  it('says loaderror with the edge’s reason and holds the form back, when the key is refused', async () => {
    const { card, form } = checkout(FAKE_FRAME_KEYS.foreignOrigin);
    const failed = await on<{ error: { code: string } }>(card, 'loaderror');
    expect(failed.detail.error.code).toBe('origin_not_allowed');
    expect(card.validity.customError).toBe(true);
    expect(form.checkValidity()).toBe(false);
  });

  it('says tokenerror when tokenizing fails, and the next submit simply tries again', async () => {
    const { card, form, submitted } = checkout(FAKE_FRAME_KEYS.complete);
    await on(card, 'change');
    vi.spyOn(Tessera.prototype, 'createToken').mockResolvedValueOnce({ error: clientError('network') });
    const failed = on<{ error: { code: string } }>(card, 'tokenerror');
    form.requestSubmit();
    expect((await failed).detail.error.code).toBe('network');
    await sleep(50);
    expect(submitted).toEqual([]);
    expect(card.checkValidity()).toBe(true);
    form.requestSubmit();
    await vi.waitFor(() => expect(submitted).toHaveLength(1));
    vi.restoreAllMocks();
  });

  it('holds the form back after the edge refused the card, until the card changes', async () => {
    const { card, form, submitted } = checkout(FAKE_FRAME_KEYS.complete);
    await on(card, 'change');
    const refused = { type: 'validation_error', code: 'invalid_card_number', message: 'The card number is invalid.' };
    vi.spyOn(Tessera.prototype, 'createToken').mockResolvedValueOnce({ error: refused as TesseraError });
    const failed = on(card, 'tokenerror');
    form.requestSubmit();
    await failed;
    expect(card.validity.customError).toBe(true);
    expect(card.validationMessage).toBe('The card number is invalid.');
    expect(form.checkValidity()).toBe(false);
    const changed = on(card, 'change');
    card.shadowRoot
      ?.querySelector('iframe')
      ?.contentWindow?.postMessage({ tessera: 1, type: 'clear', payload: {} }, crossOriginEdge());
    await changed;
    expect(card.validity.customError).toBe(false);
    expect(submitted).toEqual([]);
    vi.restoreAllMocks();
  });
});

describe('<tessera-card>, twice in one form', () => {
  it('submits once, with the first card’s token, rather than tokenizing over and over', async () => {
    const { card, form, submitted } = checkout(FAKE_FRAME_KEYS.complete);
    const second = document.createElement('tessera-card');
    second.setAttribute('publishable-key', FAKE_FRAME_KEYS.complete);
    second.setAttribute('edge', crossOriginEdge());
    second.name = 'second_token';
    form.prepend(second);
    await Promise.all([on(card, 'change'), on(second, 'change')]);
    const tokens: unknown[] = [];
    for (const element of [card, second]) element.addEventListener('token', (e) => tokens.push(e));
    form.requestSubmit();
    await vi.waitFor(() => expect(submitted).toHaveLength(1));
    await sleep(300);
    expect(submitted).toHaveLength(1);
    expect(tokens).toHaveLength(1);
  });
});

describe('<tessera-card> inside shadow roots', () => {
  it.each(['open', 'closed'] as const)('submits its token from a form in a %s shadow root', async (mode) => {
    const host = document.createElement('div');
    document.body.append(host);
    const root = host.attachShadow({ mode });
    const { card, form, submitted } = checkout(FAKE_FRAME_KEYS.complete, { root });
    await on(card, 'change');
    expect(card.form).toBe(form);
    form.requestSubmit();
    await vi.waitFor(() => expect(submitted).toHaveLength(1));
    expect(submitted[0]?.get('tessera_token')).toBe(FAKE_TOKEN.token);
  });
});
