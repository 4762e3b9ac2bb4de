import { expect as chaiExpect, fixture, fixtureCleanup } from '@open-wc/testing';
import { html } from 'lit';
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import './card-field';
import type { TesseraCardField } from './card-field';
import type { CardInput } from './card-state';

// The name on the card and the postal code: optional inputs of the combined card (`options.fields`) and split fields
// of their own (`inputs="name"`, `inputs="postalCode"`), with the rules the edge applies to the sealed card.

const NOW = new Date('2026-06-15T12:00:00Z');

async function mount(template = html`<tessera-card-field></tessera-card-field>`): Promise<TesseraCardField> {
  const el = await fixture<TesseraCardField>(template);
  el.now = () => NOW;
  return el;
}

const input = (el: TesseraCardField, id: CardInput) => el.shadowRoot!.querySelector<HTMLInputElement>(`#${id}`)!;
const focused = (el: TesseraCardField) => el.shadowRoot!.activeElement?.id;
async function typeInto(el: TesseraCardField, id: CardInput, text: string) {
  await userEvent.type(input(el, id), text);
  await el.updateComplete;
}

afterEach(() => fixtureCleanup());

describe('the combined card with the name and postal code', () => {
  async function full(name = 'required', postalCode = 'required') {
    const el = await mount();
    el.options = { fields: { name, postalCode } as never };
    await el.updateComplete;
    return el;
  }

  it('labels the new inputs, marks them for autofill, and tabs name → number → expiry → code → postal code', async () => {
    const el = await full();
    for (const [name, autocomplete] of [
      ['Name on card', 'cc-name'],
      ['Postal code', 'billing postal-code'],
    ] as const) {
      const found = page.getByRole('textbox', { name, exact: true }).element() as HTMLInputElement;
      expect(found.autocomplete).toBe(autocomplete);
      expect(found.inputMode).toBe('text');
    }
    expect([...el.shadowRoot!.querySelectorAll('input')].map((i) => i.id)).toEqual([
      'name',
      'number',
      'expiry',
      'cvc',
      'postalCode',
    ]);
    expect(input(el, 'number').getAttribute('autocomplete')).toBe('cc-number');
  });

  it('passes axe empty, filled and with every error shown', async () => {
    const el = await full();
    await chaiExpect(el).to.be.accessible();
    await typeInto(el, 'name', 'Zoë Ångström');
    await typeInto(el, 'number', '4242424242424242');
    await userEvent.keyboard('1234123');
    await el.updateComplete;
    await typeInto(el, 'postalCode', 'SW1A 1AA');
    expect(el.state).toEqual({ empty: false, complete: true, valid: true, brand: 'visa' });
    expect(el.cardData()).toEqual({
      number: '4242424242424242',
      expMonth: 12,
      expYear: 2034,
      cvc: '123',
      name: 'Zoë Ångström',
      postalCode: 'SW1A 1AA',
    });
    await chaiExpect(el).to.be.accessible();
    el.clear();
    el.showErrors();
    await el.updateComplete;
    expect(input(el, 'name').getAttribute('aria-invalid')).toBe('true');
    expect(input(el, 'postalCode').getAttribute('aria-invalid')).toBe('true');
    expect(el.shadowRoot!.getElementById('postalCode-error')!.textContent).toBe('Your postal code is incomplete.');
    expect(el.state.error).toEqual({ code: 'incomplete_name', message: 'Your cardholder name is incomplete.' });
    await chaiExpect(el).to.be.accessible();
  });

  it('shows a postal code no country has at once, and trims what it seals', async () => {
    const el = await full();
    await typeInto(el, 'postalCode', '1234%');
    expect(el.shadowRoot!.getElementById('postalCode-error')!.textContent).toBe('Your postal code is invalid.');
    expect(input(el, 'postalCode').getAttribute('aria-invalid')).toBe('true');
    await userEvent.clear(input(el, 'postalCode'));
    await typeInto(el, 'postalCode', ' 94107 ');
    await typeInto(el, 'name', '  Ada Lovelace ');
    await typeInto(el, 'number', '4242424242424242');
    await userEvent.keyboard('1234123');
    await el.updateComplete;
    expect(el.cardData()).toMatchObject({ name: 'Ada Lovelace', postalCode: '94107' });
  });

  it('takes optional inputs left empty as complete, and leaves them out of the card', async () => {
    const el = await full('optional', 'optional');
    await typeInto(el, 'number', '4242424242424242');
    await userEvent.keyboard('1234123');
    await el.updateComplete;
    expect(el.showErrors()).toBeUndefined();
    expect(el.cardData()).toEqual({ number: '4242424242424242', expMonth: 12, expYear: 2034, cvc: '123' });
  });

  it('moves on from a complete code to the postal code, never from the name', async () => {
    const el = await full();
    await typeInto(el, 'name', 'Ada Lovelace');
    expect(focused(el)).toBe('name');
    await typeInto(el, 'number', '4242424242424242');
    expect(focused(el)).toBe('expiry');
    await userEvent.keyboard('1234');
    expect(focused(el)).toBe('cvc');
    await userEvent.keyboard('123');
    await el.updateComplete;
    expect(focused(el)).toBe('postalCode');
    // Backspace in the empty postal code goes back to the code.
    await userEvent.keyboard('{Backspace}');
    expect(focused(el)).toBe('cvc');
  });

  it('shows only number, expiry and code unless asked, and drops the name when asked for none', async () => {
    const el = await mount();
    expect([...el.shadowRoot!.querySelectorAll('input')].map((i) => i.id)).toEqual(['number', 'expiry', 'cvc']);
    el.options = { fields: { name: 'never', postalCode: 'optional' } };
    await el.updateComplete;
    expect([...el.shadowRoot!.querySelectorAll('input')].map((i) => i.id)).toEqual([
      'number',
      'expiry',
      'cvc',
      'postalCode',
    ]);
  });
});

describe('name and postal code as split fields', () => {
  it.each([
    ['name', 'Name on card', 'Ada Lovelace', { name: 'Ada Lovelace' }, 'incomplete_name'],
    ['postalCode', 'Postal code', 'K1A 0B1', { postalCode: 'K1A 0B1' }, 'incomplete_postal_code'],
  ] as const)(
    '%s: one input named "%s", its part only, required, and axe-clean',
    async (id, name, typed, part, code) => {
      const el = await mount(html`<tessera-card-field inputs=${id}></tessera-card-field>`);
      expect(el.shadowRoot!.querySelectorAll('input')).toHaveLength(1);
      expect(page.getByRole('textbox', { name, exact: true }).element()).toBe(input(el, id));
      expect(el.showErrors()?.code).toBe(code);
      await el.updateComplete;
      await chaiExpect(el).to.be.accessible();
      await typeInto(el, id, typed);
      expect(el.cardParts()).toEqual(part);
      expect(el.cardData()).toBeUndefined();
      await chaiExpect(el).to.be.accessible();
    },
  );

  it('says tessera-advance when its last input is complete, so the page can move focus to the next frame', async () => {
    const el = await mount(html`<tessera-card-field inputs="number"></tessera-card-field>`);
    let advanced = 0;
    el.addEventListener('tessera-advance', () => advanced++);
    await typeInto(el, 'number', '424242424242');
    expect(advanced).toBe(0);
    await userEvent.keyboard('4242');
    expect(advanced).toBe(1);
  });
});

describe('keys and paste', () => {
  it('says tessera-escape when Escape is pressed in an input', async () => {
    const el = await mount();
    const fields: string[] = [];
    el.addEventListener('tessera-escape', (e) => fields.push(e.detail.field));
    input(el, 'expiry').focus();
    await userEvent.keyboard('{Escape}');
    expect(fields).toEqual(['expiry']);
  });

  it('refuses a pasted number with letters, and takes one with spaces, dashes or dots', async () => {
    const el = await mount();
    const paste = async (text: string) => {
      const source = document.createElement('textarea');
      source.value = text;
      document.body.append(source);
      source.select();
      await userEvent.copy();
      source.remove();
      input(el, 'number').focus();
      await userEvent.paste();
      await el.updateComplete;
    };
    await paste('4242 4242 abcd 4242');
    expect(input(el, 'number').value).toBe('');
    await paste('4242.4242-4242 4242');
    expect(input(el, 'number').value).toBe('4242 4242 4242 4242');
  });
});
