import { expect as chaiExpect, fixture, fixtureCleanup } from '@open-wc/testing';
import { html } from 'lit';
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import './card-field';
import type { CardFieldState, TesseraCardField } from './card-field';

const NOW = new Date('2026-06-15T12:00:00Z');

async function mount(template = html`<tessera-card-field></tessera-card-field>`): Promise<TesseraCardField> {
  const el = await fixture<TesseraCardField>(template);
  el.now = () => NOW;
  return el;
}

const input = (el: TesseraCardField, id: 'number' | 'expiry' | 'cvc') =>
  el.shadowRoot!.querySelector<HTMLInputElement>(`#${id}`)!;
const errorText = (el: TesseraCardField, id: 'number' | 'expiry' | 'cvc') =>
  el.shadowRoot!.getElementById(`${id}-error`)!.textContent ?? '';
const liveRegion = (el: TesseraCardField) => el.shadowRoot!.querySelector('[aria-live="polite"]')!;
const focused = (el: TesseraCardField) => el.shadowRoot!.activeElement?.id;

async function typeInto(el: TesseraCardField, id: 'number' | 'expiry' | 'cvc', text: string) {
  await userEvent.type(input(el, id), text);
  await el.updateComplete;
}

afterEach(() => fixtureCleanup());

describe('<tessera-card-field> accessibility', () => {
  it('labels its three inputs with the names shoppers and tests find them by', async () => {
    await mount();
    for (const [name, autocomplete] of [
      ['Card number', 'cc-number'],
      ['Expiration date', 'cc-exp'],
      ['Security code', 'cc-csc'],
    ] as const) {
      const found = page.getByRole('textbox', { name, exact: true }).element() as HTMLInputElement;
      expect(found.autocomplete).toBe(autocomplete);
      expect(found.inputMode).toBe('numeric');
      expect(found.labels?.[0]?.textContent).toBe(name);
    }
    expect(input(await mount(), 'expiry').placeholder).toBe('MM / YY');
  });

  it('passes axe when empty, filled and showing errors', async () => {
    const el = await mount();
    await chaiExpect(el).to.be.accessible();

    await typeInto(el, 'number', '4242424242424242');
    await typeInto(el, 'expiry', '1234');
    await typeInto(el, 'cvc', '123');
    expect(el.state.complete).toBe(true);
    await chaiExpect(el).to.be.accessible();

    el.clear();
    await typeInto(el, 'number', '4242');
    el.showErrors();
    await el.updateComplete;
    expect(input(el, 'number').getAttribute('aria-invalid')).toBe('true');
    await chaiExpect(el).to.be.accessible();
  });

  it('tabs number → expiry → security code with the keyboard alone', async () => {
    const el = await mount();
    const before = document.createElement('button');
    before.textContent = 'before';
    el.before(before);
    before.focus();
    await userEvent.tab();
    expect(focused(el)).toBe('number');
    await userEvent.tab();
    expect(focused(el)).toBe('expiry');
    await userEvent.tab();
    expect(focused(el)).toBe('cvc');
    await userEvent.tab({ shift: true });
    expect(focused(el)).toBe('expiry');
    before.remove();
  });
});

describe('<tessera-card-field> formatting', () => {
  it('formats the number with its brand gaps and the expiry as MM / YY as the shopper types', async () => {
    const el = await mount();
    await typeInto(el, 'number', '4242424242424242');
    expect(input(el, 'number').value).toBe('4242 4242 4242 4242');
    await typeInto(el, 'expiry', '1234');
    expect(input(el, 'expiry').value).toBe('12 / 34');
    await typeInto(el, 'cvc', '123');
    expect(el.cardData()).toEqual({ number: '4242424242424242', expMonth: 12, expYear: 2034, cvc: '123' });
  });

  it('switches to Amex: 4-6-5 groups, its own icon and a 4-digit security code', async () => {
    const el = await mount();
    const icon = () => el.shadowRoot!.querySelector('[part="brand-icon"]')!.innerHTML;
    const generic = icon();
    await typeInto(el, 'number', '378282246310005');
    expect(input(el, 'number').value).toBe('3782 822463 10005');
    expect(el.state.brand).toBe('amex');
    expect(icon()).not.toBe(generic);
    expect(icon()).toContain('AMEX');
    // Drawn as SVG: the badge's <svg> is an `html` template, its text an `svg` fragment inside it.
    const shapes = [...el.shadowRoot!.querySelectorAll('[part="brand-icon"] svg, [part="brand-icon"] svg *')];
    expect(shapes.map((e) => `${e.localName}:${e.namespaceURI}`)).toEqual(
      ['svg', 'rect', 'text'].map((name) => `${name}:http://www.w3.org/2000/svg`),
    );
    await typeInto(el, 'expiry', '1131');
    await typeInto(el, 'cvc', '73731');
    expect(input(el, 'cvc').value).toBe('7373');
    expect(el.state.complete).toBe(true);
  });

  it('takes at most three digits of security code for Visa, and no letters', async () => {
    const el = await mount();
    await typeInto(el, 'number', '4242424242424242');
    await typeInto(el, 'cvc', '1a234');
    expect(input(el, 'cvc').value).toBe('123');
  });

  it('stops the number at its brand’s longest length', async () => {
    const el = await mount();
    await typeInto(el, 'number', '3782822463100059999');
    expect(input(el, 'number').value).toBe('3782 822463 10005');
  });

  it('keeps the caret after the digit it followed when typing in the middle', async () => {
    const el = await mount();
    await typeInto(el, 'number', '42424242');
    const number = input(el, 'number');
    number.setSelectionRange(4, 4);
    await userEvent.keyboard('1');
    await el.updateComplete;
    expect(number.value).toBe('4242 1424 2');
    expect(number.selectionStart).toBe(6);
  });

  it('deletes the digit before a separator on backspace instead of getting stuck', async () => {
    const el = await mount();
    await typeInto(el, 'expiry', '12');
    expect(input(el, 'expiry').value).toBe('12 / ');
    await userEvent.keyboard('{Backspace}');
    await el.updateComplete;
    expect(input(el, 'expiry').value).toBe('1');

    await typeInto(el, 'number', '42424');
    const number = input(el, 'number');
    number.setSelectionRange(5, 5); // after the space
    await userEvent.keyboard('{Backspace}');
    await el.updateComplete;
    expect(number.value).toBe('4244');
  });

  it('accepts a pasted number with spaces and dashes', async () => {
    const el = await mount();
    const source = document.createElement('textarea');
    source.value = '4242-4242 4242-4242';
    document.body.append(source);
    source.select();
    await userEvent.copy();
    source.remove();
    input(el, 'number').focus();
    await userEvent.paste();
    await el.updateComplete;
    expect(input(el, 'number').value).toBe('4242 4242 4242 4242');
    expect(el.state.brand).toBe('visa');
  });

  it('takes an autofilled expiry as 12/34 or 12/2034', async () => {
    for (const autofill of ['12/34', '12/2034']) {
      const el = await mount();
      const expiry = input(el, 'expiry');
      // What Chromium's autofill does: sets the value, then fires a plain input event.
      expiry.value = autofill;
      expiry.dispatchEvent(new Event('input', { bubbles: true }));
      await el.updateComplete;
      expect(expiry.value).toBe('12 / 34');
      expect(el.state.error).toBeUndefined();
      fixtureCleanup();
    }
  });
});

describe('<tessera-card-field> validation', () => {
  it('shows no error while a valid prefix is typed, and "incomplete" after leaving the input', async () => {
    const el = await mount();
    await typeInto(el, 'number', '4242');
    expect(input(el, 'number').getAttribute('aria-invalid')).toBe('false');
    expect(liveRegion(el).textContent?.trim()).toBe('');

    await userEvent.tab();
    await el.updateComplete;
    const number = input(el, 'number');
    expect(number.getAttribute('aria-invalid')).toBe('true');
    expect(number.getAttribute('aria-describedby')).toBe('number-error');
    expect(errorText(el, 'number')).toBe('Your card number is incomplete.');
    expect(liveRegion(el).contains(el.shadowRoot!.getElementById('number-error'))).toBe(true);
    expect(el.state).toMatchObject({ valid: false, error: { code: 'incomplete_number' } });
  });

  it('shows a definitely wrong value at once: an expired date, a number no brand can have', async () => {
    const el = await mount();
    await typeInto(el, 'expiry', '0120');
    expect(input(el, 'expiry').getAttribute('aria-invalid')).toBe('true');
    expect(errorText(el, 'expiry')).toBe("Your card's expiration date is in the past.");

    await typeInto(el, 'number', '4242424242424241');
    // A 16-digit Visa failing Luhn could still become a 19-digit one: wrong only once the shopper leaves.
    expect(errorText(el, 'number')).toBe('');
    input(el, 'number').blur();
    await el.updateComplete;
    expect(errorText(el, 'number')).toBe('Your card number is invalid.');
  });

  it('does not call an empty input incomplete on blur, only when paying', async () => {
    const el = await mount();
    input(el, 'number').focus();
    input(el, 'number').blur();
    await el.updateComplete;
    expect(input(el, 'number').getAttribute('aria-invalid')).toBe('false');
    expect(el.showErrors()).toEqual({ code: 'incomplete_number', message: 'Your card number is incomplete.' });
    await el.updateComplete;
    for (const id of ['number', 'expiry', 'cvc'] as const) {
      expect(input(el, id).getAttribute('aria-invalid')).toBe('true');
    }
    expect(errorText(el, 'cvc')).toBe("Your card's security code is incomplete.");
    expect(el.cardData()).toBeUndefined();
  });

  it('moves focus on: number → expiry → security code when each is complete', async () => {
    const el = await mount();
    await typeInto(el, 'number', '4242424242424242');
    expect(focused(el)).toBe('expiry');
    await userEvent.keyboard('1234');
    await el.updateComplete;
    expect(input(el, 'expiry').value).toBe('12 / 34');
    expect(focused(el)).toBe('cvc');
    await userEvent.keyboard('{Backspace}');
    expect(focused(el)).toBe('expiry');
  });

  it('does not move on from a number that is wrong', async () => {
    const el = await mount();
    await typeInto(el, 'number', '4242424242424241');
    expect(focused(el)).toBe('number');
  });

  it('fires tessera-change with state only, when the state changes', async () => {
    const el = await mount();
    const states: CardFieldState[] = [];
    el.addEventListener('tessera-change', (e) => states.push(e.detail));
    await typeInto(el, 'number', '4242424242424242');
    await typeInto(el, 'expiry', '1234');
    await typeInto(el, 'cvc', '123');
    expect(states[0]).toEqual({ empty: false, complete: false, valid: true, brand: 'visa' });
    expect(states.at(-1)).toEqual({ empty: false, complete: true, valid: true, brand: 'visa' });
    expect(JSON.stringify(states)).not.toMatch(/\d/);
    el.clear();
    await el.updateComplete;
    expect(states.at(-1)).toEqual({ empty: true, complete: false, valid: true, brand: 'unknown' });
    expect(input(el, 'number').value).toBe('');
  });
});

describe('<tessera-card-field> options', () => {
  it('applies the style option per state, and disabled / hideIcon', async () => {
    const el = await mount();
    el.options = {
      style: { base: { color: '#123456', fontSize: '20px' }, invalid: { color: 'orange' } },
      disabled: true,
      hideIcon: true,
    };
    await el.updateComplete;
    expect(getComputedStyle(input(el, 'number')).color).toBe('rgb(18, 52, 86)');
    // A base font size sizes the whole field, its errors included, as it always did.
    expect(getComputedStyle(el).fontSize).toBe('20px');
    expect(input(el, 'number').disabled).toBe(true);
    expect(el.shadowRoot!.querySelector('[part="brand-icon"]')).toBeNull();

    el.options = { ...el.options, disabled: false };
    await typeInto(el, 'expiry', '0120');
    expect(getComputedStyle(input(el, 'expiry')).color).toBe('rgb(255, 165, 0)');
    expect(getComputedStyle(input(el, 'number')).color).toBe('rgb(18, 52, 86)');

    el.options = {};
    await el.updateComplete;
    expect(getComputedStyle(input(el, 'number')).color).toBe('rgb(48, 49, 61)');
    expect(input(el, 'number').disabled).toBe(false);
    expect(el.style.length).toBe(0);
  });

  it('hides its error text with showErrors: false, and still says it to screen readers', async () => {
    const el = await mount();
    el.options = { showErrors: false };
    await typeInto(el, 'number', '4242');
    el.showErrors();
    await el.updateComplete;
    expect(errorText(el, 'number')).toBe('Your card number is incomplete.');
    expect(liveRegion(el).getBoundingClientRect().height).toBeLessThanOrEqual(1);
    expect(input(el, 'number').getAttribute('aria-describedby')).toBe('number-error');

    el.options = {};
    await el.updateComplete;
    expect(liveRegion(el).getBoundingClientRect().height).toBeGreaterThan(1);
  });

  it('focus(), blur() and clear() work from outside', async () => {
    const el = await mount();
    el.focus();
    expect(focused(el)).toBe('number');
    el.blur();
    expect(focused(el)).toBeUndefined();
  });
});
