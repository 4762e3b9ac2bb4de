import { expect as chaiExpect, fixture, fixtureCleanup } from '@open-wc/testing';
import { html } from 'lit';
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import './card-field';
import type { TesseraCardField } from './card-field';
import type { CardInput } from './card-state';

// Split fields are <tessera-card-field> showing one input (`inputs="number|expiry|cvc"`): the same rules, styles,
// errors and events as the combined card, for one part of the card.

const NOW = new Date('2026-06-15T12:00:00Z');

async function mount(input: CardInput): Promise<TesseraCardField> {
  const el = await fixture<TesseraCardField>(html`<tessera-card-field inputs=${input}></tessera-card-field>`);
  el.now = () => NOW;
  return el;
}

const only = (el: TesseraCardField) => el.shadowRoot!.querySelectorAll('input');
const inputOf = (el: TesseraCardField) => only(el)[0] as HTMLInputElement;

async function typeInto(el: TesseraCardField, text: string) {
  await userEvent.type(inputOf(el), text);
  await el.updateComplete;
}

afterEach(() => fixtureCleanup());

const FIELDS = [
  { input: 'number', name: 'Card number', autocomplete: 'cc-number', good: '4242424242424242', bad: '4242' },
  { input: 'expiry', name: 'Expiration date', autocomplete: 'cc-exp', good: '1234', bad: '12' },
  { input: 'cvc', name: 'Security code', autocomplete: 'cc-csc', good: '123', bad: '1' },
] as const;

describe('split fields: one input each', () => {
  for (const { input, name, autocomplete, good, bad } of FIELDS) {
    it(`${input}: one input named "${name}", and axe passes empty, filled and showing its error`, async () => {
      const el = await mount(input);
      expect(only(el)).toHaveLength(1);
      const found = page.getByRole('textbox', { name, exact: true }).element() as HTMLInputElement;
      expect(found).toBe(inputOf(el));
      expect(found.autocomplete).toBe(autocomplete);
      expect(found.labels?.[0]?.textContent).toBe(name);
      expect(el.shadowRoot!.querySelectorAll('[part="error"]')).toHaveLength(1);
      await chaiExpect(el).to.be.accessible();

      await typeInto(el, good);
      expect(el.state).toMatchObject({ empty: false, complete: true, valid: true });
      await chaiExpect(el).to.be.accessible();

      el.clear();
      await typeInto(el, bad);
      expect(el.showErrors()?.code).toBe(`incomplete_${input}`);
      await el.updateComplete;
      expect(inputOf(el).getAttribute('aria-invalid')).toBe('true');
      expect(el.shadowRoot!.querySelector('[aria-live="polite"]')?.textContent).toMatch(/incomplete/);
      await chaiExpect(el).to.be.accessible();
    });
  }

  it('gives only its own part of the card, and judges only its own input', async () => {
    const number = await mount('number');
    await typeInto(number, '4242424242424242');
    expect(number.state).toEqual({ empty: false, complete: true, valid: true, brand: 'visa' });
    expect(number.cardParts()).toEqual({ number: '4242424242424242' });
    expect(number.showErrors()).toBeUndefined();

    const expiry = await mount('expiry');
    await typeInto(expiry, '1234');
    expect(inputOf(expiry).value).toBe('12 / 34');
    expect(expiry.state).toEqual({ empty: false, complete: true, valid: true, brand: 'unknown' });
    expect(expiry.cardParts()).toEqual({ expMonth: 12, expYear: 2034 });
    expect(expiry.cardData()).toBeUndefined();
  });

  it('cvc: takes the length of the brand its number frame sent (4 digits for Amex, 3 for Visa)', async () => {
    const cvc = await mount('cvc');
    cvc.knownBrand = 'amex';
    await typeInto(cvc, '737');
    expect(cvc.state).toMatchObject({ complete: false, brand: 'amex' });
    await typeInto(cvc, '31');
    expect(inputOf(cvc).value).toBe('7373');
    expect(cvc.cardParts()).toEqual({ cvc: '7373' });

    cvc.clear();
    cvc.knownBrand = 'visa';
    await cvc.updateComplete;
    await typeInto(cvc, '1234');
    expect(inputOf(cvc).value).toBe('123');
    expect(cvc.state).toMatchObject({ complete: true, brand: 'visa' });
  });

  it('focus() focuses its one input, and the input fills the box', async () => {
    const expiry = await mount('expiry');
    expiry.focus();
    expect(expiry.shadowRoot!.activeElement?.id).toBe('expiry');
    const box = expiry.shadowRoot!.querySelector('[part="base"]')!.getBoundingClientRect();
    expect(inputOf(expiry).getBoundingClientRect().width).toBeGreaterThan(box.width * 0.8);
  });
});
