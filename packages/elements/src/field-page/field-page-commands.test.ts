import type { CardElementOptions, ElementType, Envelope, FrameToParent } from '@tessera/protocol';
import { envelope } from '@tessera/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import '../components/card-field/card-field';
import { fakeKey } from '../../test/support/fake-edge-client';
import { createFakeParent, type FakeParent } from '../../test/support/fake-parent';
import { FieldPageController } from './field-page-controller';
import { applyPageLocale, loadPageLocale } from './page-locale';
import type { OptionWarning } from './page-params';

// The field page's newer conversation with the merchant page: its title in its language, warnings about options,
// Escape, handing focus on, validating without tokenizing, and new options without a new page.

type Msg = Envelope<FrameToParent>;
const is =
  <T extends Msg['type']>(type: T) =>
  (m: Msg): m is Msg & { type: T } =>
    m.type === type;

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  applyPageLocale(document, 'en');
});

async function openPage(element: ElementType, options: CardElementOptions = {}, warnings: OptionWarning[] = []) {
  const parent: FakeParent = await createFakeParent();
  const field = document.createElement('tessera-card-field');
  field.now = () => new Date('2026-06-15T12:00:00Z');
  const params = {
    key: fakeKey('commands'),
    parentOrigin: location.origin,
    channel: 'chan_cmd',
    element,
    options,
    warnings,
  };
  new FieldPageController(field, params, {
    parent: parent.window,
    measured: field,
    locale: await loadPageLocale(options),
  });
  document.body.append(field);
  cleanups.push(() => {
    field.remove();
    parent.remove();
  });
  await parent.waitFor(is('ready'));
  const input = (id: string) => field.shadowRoot!.querySelector<HTMLInputElement>(`#${id}`)!;
  return { parent, field, input };
}

describe('field page: title, warnings and words', () => {
  it('names itself in its language once ready, and passes on the warnings of its options', async () => {
    const warning: OptionWarning = { option: 'locale', problem: 'choice', detail: ['en', 'es'] };
    const { parent, field } = await openPage('cardNumber', { locale: 'es' }, [warning]);
    expect((await parent.waitFor(is('title'))).payload).toEqual({ title: 'Marco seguro para el número de tarjeta' });
    expect((await parent.waitFor(is('warning'))).payload).toEqual(warning);
    // Both after ready: they wait until the page is idle, so that ready goes out first.
    const types = parent.messages().map((m) => m.type);
    expect(types.indexOf('ready')).toBeLessThan(types.indexOf('title'));
    expect(types.indexOf('ready')).toBeLessThan(types.indexOf('warning'));
    expect(field.shadowRoot!.querySelector('label')!.textContent).toBe('Número de tarjeta');
    expect(document.documentElement.lang).toBe('es');
  });

  it('changes language, words and look on update, in the same page, and names itself again', async () => {
    const { parent, field, input } = await openPage('card');
    const number = input('number');
    parent.send(
      envelope({
        type: 'update',
        payload: { locale: 'he', strings: { 'label.cvc': 'CVV' }, appearance: { theme: 'night' } },
      }),
    );
    await parent.waitFor((m): m is Msg => m.type === 'title' && m.payload.title === 'מסגרת מאובטחת לתשלום בכרטיס');
    expect(input('number')).toBe(number);
    expect(field.shadowRoot!.querySelector('label[for="number"]')!.textContent).toBe('מספר כרטיס');
    expect(field.shadowRoot!.querySelector('label[for="cvc"]')!.textContent).toBe('CVV');
    expect(document.documentElement.dir).toBe('rtl');
    expect(getComputedStyle(field.shadowRoot!.querySelector('.box')!).backgroundColor).toBe('rgb(48, 49, 61)');
  });

  it('warns about what an update holds that it cannot apply, and applies the rest', async () => {
    const { parent, input } = await openPage('card');
    // A theme the page does not have, as a merchant's typo or an older page would send it.
    const payload = { disabled: true, appearance: { theme: 'sepia' } } as unknown as CardElementOptions;
    parent.send(envelope({ type: 'update', payload }));
    const warning = await parent.waitFor(is('warning'));
    expect(warning.payload).toEqual({
      option: 'appearance.theme',
      problem: 'choice',
      detail: ['default', 'night', 'flat'],
    });
    expect(input('number').disabled).toBe(true);
  });
});

describe('field page: keys, focus and validation', () => {
  it('tells the parent about Escape, and a split field hands focus on when complete', async () => {
    const { parent, input } = await openPage('cardNumber');
    input('number').focus();
    await userEvent.keyboard('{Escape}');
    expect((await parent.waitFor(is('escape'))).payload).toEqual({ element: 'cardNumber' });
    await userEvent.keyboard('4242424242424242');
    expect((await parent.waitFor(is('advance'))).payload).toEqual({ element: 'cardNumber' });
  });

  it('never asks the parent to move focus on from the combined card', async () => {
    const { parent, input } = await openPage('card', { fields: { postalCode: 'required' } });
    await userEvent.type(input('number'), '4242424242424242');
    await userEvent.keyboard('1234123');
    await userEvent.keyboard('94107');
    await new Promise((r) => setTimeout(r, 50));
    expect(parent.messages().filter(is('advance'))).toEqual([]);
  });

  it('validates on request: shows every error, answers the first, and makes no token', async () => {
    const { parent, field, input } = await openPage('card', { fields: { name: 'required' } });
    await userEvent.type(input('number'), '4242');
    parent.send(envelope({ type: 'validate', id: 'v_1', payload: {} }));
    const answer = await parent.waitFor((m): m is Msg & { type: 'validate:result' } => m.type === 'validate:result');
    expect(answer).toMatchObject({
      id: 'v_1',
      payload: { element: 'card', error: { code: 'incomplete_name', message: 'Your cardholder name is incomplete.' } },
    });
    await field.updateComplete;
    for (const id of ['name', 'number', 'expiry', 'cvc']) expect(input(id).getAttribute('aria-invalid')).toBe('true');
    expect(parent.messages().filter(is('tokenize:result'))).toEqual([]);
  });
});
