import { expect as chaiExpect, fixture, fixtureCleanup } from '@open-wc/testing';
import { LOCALES, type Locale, STRING_KEYS } from '@tessera/protocol';
import { html } from 'lit';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { applyPageLocale, loadPageLocale, type PageLocale } from '../../field-page/page-locale';
import { ENGLISH } from '../../i18n/english';
import { localePath } from '../../i18n/load-strings';
import './card-field';
import type { TesseraCardField } from './card-field';
import type { CardInput } from './card-state';

// Every field, in every state, in Spanish, Japanese, Arabic and Hebrew (the last two right to left): the words come
// from the locale files the page fetches, and axe passes in each.

const NOW = new Date('2026-06-15T12:00:00Z');
const LANGUAGES = ['es', 'ja', 'ar', 'he'] as const;
const ALL = ['name', 'number', 'expiry', 'cvc', 'postalCode'] as const;
const GOOD: Record<CardInput, string> = {
  name: 'Ada Lovelace',
  number: '4242424242424242',
  expiry: '1234',
  cvc: '123',
  postalCode: 'SW1A 1AA',
};
const BAD: Partial<Record<CardInput, string>> = {
  number: '4242424242424241',
  expiry: '0120',
  cvc: '1',
  postalCode: '12%',
};

const loaded = new Map<Locale, PageLocale>();
beforeAll(async () => {
  for (const locale of LANGUAGES) loaded.set(locale, await loadPageLocale({ locale }));
});
afterEach(() => {
  fixtureCleanup();
  applyPageLocale(document, 'en');
});

async function mount(locale: Locale, inputs?: CardInput): Promise<TesseraCardField> {
  const { strings } = loaded.get(locale) as PageLocale;
  applyPageLocale(document, locale);
  const el = await fixture<TesseraCardField>(
    inputs
      ? html`<tessera-card-field inputs=${inputs} .strings=${strings}></tessera-card-field>`
      : html`<tessera-card-field .strings=${strings}></tessera-card-field>`,
  );
  el.now = () => NOW;
  if (!inputs) el.options = { fields: { name: 'required', postalCode: 'required' } };
  await el.updateComplete;
  return el;
}
const input = (el: TesseraCardField, id: CardInput) => el.shadowRoot!.querySelector<HTMLInputElement>(`#${id}`)!;

describe('locale files', () => {
  it('exist for every locale but English, hold only known keys, and name no frame with a digit', async () => {
    for (const locale of LOCALES.filter((l) => l !== 'en')) {
      const response = await fetch(localePath(locale));
      expect(response.ok, locale).toBe(true);
      const words = (await response.json()) as Record<string, string>;
      for (const [key, text] of Object.entries(words)) {
        expect(STRING_KEYS, `${locale} ${key}`).toContain(key);
        expect(text.trim(), `${locale} ${key}`).not.toBe('');
        if (key.startsWith('title.')) expect(text, `${locale} ${key}`).not.toMatch(/\p{N}/u);
      }
      // Every label, title and error is translated; placeholders may keep the English (digits, MM / YY, CVC).
      const missing = STRING_KEYS.filter((k) => !k.startsWith('placeholder.') && !(k in words));
      expect(missing, locale).toEqual([]);
    }
  });

  it('are loaded whole, over English, and the merchant’s words over both', async () => {
    const { locale, strings } = await loadPageLocale({ locale: 'fr', strings: { 'label.cvc': 'Cryptogramme' } });
    expect(locale).toBe('fr');
    expect(strings['label.number']).toBe('Numéro de carte');
    expect(strings['label.cvc']).toBe('Cryptogramme');
    expect(strings['placeholder.number']).toBe(ENGLISH['placeholder.number']);
    expect((await loadPageLocale({ locale: 'auto' }, ['pt-BR', 'en'])).strings['label.number']).toBe(
      'Número do cartão',
    );
  });
});

describe.each(LANGUAGES)('every field in %s', (locale) => {
  const rtl = locale === 'ar' || locale === 'he';

  it('labels each input in the language, and passes axe empty, filled and wrong', async () => {
    const el = await mount(locale);
    const { strings } = loaded.get(locale) as PageLocale;
    for (const id of ALL) {
      const found = page.getByRole('textbox', { name: strings[`label.${id}`], exact: true }).element();
      expect(found).toBe(input(el, id));
    }
    await chaiExpect(el).to.be.accessible();

    for (const id of ALL) await userEvent.type(input(el, id), GOOD[id]);
    await el.updateComplete;
    expect(el.state).toMatchObject({ complete: true, valid: true });
    await chaiExpect(el).to.be.accessible();

    el.clear();
    el.showErrors();
    await el.updateComplete;
    expect(el.state.error).toEqual({ code: 'incomplete_name', message: strings['error.incomplete_name'] });
    for (const id of ALL) expect(input(el, id).getAttribute('aria-invalid')).toBe('true');
    await chaiExpect(el).to.be.accessible();
  });

  it.each(ALL)('the %s split field: empty, filled and wrong, axe-clean, errors in the language', async (id) => {
    const el = await mount(locale, id);
    const { strings } = loaded.get(locale) as PageLocale;
    await chaiExpect(el).to.be.accessible();
    // Wrong: a value no card has, left; or (a name can hardly be typed wrong) left empty when paying.
    if (id === 'name') el.showErrors();
    else {
      await userEvent.type(input(el, id), BAD[id] ?? '1');
      input(el, id).blur();
    }
    await el.updateComplete;
    expect(input(el, id).getAttribute('aria-invalid')).toBe('true');
    const error = el.state.error;
    expect(error?.message).toBe(strings[`error.${error?.code ?? 'invalid_number'}`]);
    expect(el.shadowRoot!.getElementById(`${id}-error`)!.textContent).toBe(error?.message);
    await chaiExpect(el).to.be.accessible();
    el.clear();
    await el.updateComplete;
    await userEvent.type(input(el, id), GOOD[id]);
    await el.updateComplete;
    expect(el.state).toMatchObject({ valid: true, complete: true });
    await chaiExpect(el).to.be.accessible();
  });

  it(`lays the box out ${rtl ? 'right to left' : 'left to right'}, and digits always left to right`, async () => {
    const el = await mount(locale);
    expect(document.documentElement.lang).toBe(locale);
    expect(document.documentElement.dir).toBe(rtl ? 'rtl' : 'ltr');
    expect(getComputedStyle(el.shadowRoot!.querySelector('.box')!).direction).toBe(rtl ? 'rtl' : 'ltr');
    for (const id of ['number', 'expiry', 'cvc'] as const) {
      expect(getComputedStyle(input(el, id)).direction).toBe('ltr');
    }
    const [name, number] = [input(el, 'name'), input(el, 'number')];
    await userEvent.type(number, '4242424242424242');
    expect(number.value).toBe('4242 4242 4242 4242');
    // The number's first group sits at the start of the box: on the right in a right-to-left page.
    const box = el.shadowRoot!.querySelector('.box')!.getBoundingClientRect();
    const field = number.getBoundingClientRect();
    expect(Math.abs((rtl ? box.right - field.right : field.left - box.left) - 13)).toBeLessThan(8);
    expect(name.dir).toBe('auto');
  });
});
