import { describe, expect, it } from 'vitest';
import { readElementOptions } from './element-options';

/** An array carrying the members of a valid object: typeof says object, but it is no record. */
const asArray = (value: object) => Object.assign([], value);

/** A sanitizer context that records what was reported. */
function recorder() {
  const reported: string[] = [];
  const report = (option: string, problem: string) => reported.push(`${option} ${problem}`);
  return { reported, report };
}

describe('readElementOptions', () => {
  it('keeps every option it knows, sanitized', () => {
    const input = { style: { base: { color: 'red', fontSize: 'url(x)' } }, disabled: true, hideIcon: false };
    expect(readElementOptions(input)).toEqual({ style: { base: { color: 'red' } }, disabled: true, hideIcon: false });
  });

  it('returns only the options given', () => {
    expect(readElementOptions({})).toEqual({});
    expect(readElementOptions({ disabled: false })).toEqual({ disabled: false });
    expect(readElementOptions({ hideIcon: true })).toEqual({ hideIcon: true });
    expect(readElementOptions({ showErrors: false })).toEqual({ showErrors: false });
    expect(Object.keys(readElementOptions({ disabled: true }))).toEqual(['disabled']);
  });

  it('turns a style that is there but unusable into no style rules', () => {
    expect(readElementOptions({ style: null })).toEqual({ style: {} });
    expect(readElementOptions({ style: 'color: red' })).toEqual({ style: {} });
  });

  it.each([
    ['text', 'true'],
    ['a number', 1],
    ['null', null],
    ['an object', {}],
  ])('drops disabled, hideIcon and showErrors given as %s', (_, value) => {
    expect(readElementOptions({ disabled: value, hideIcon: value, showErrors: value })).toEqual({});
  });

  it('drops options it does not know', () => {
    const input = JSON.parse('{"placeholder":"x","value":"4242","__proto__":{"disabled":true},"disabled":true}');
    expect(readElementOptions(input)).toEqual({ disabled: true });
  });

  it.each([
    ['undefined', undefined],
    ['null', null],
    ['text', '{"disabled":true}'],
    ['true', true],
    ['an array carrying options', asArray({ disabled: true, hideIcon: true })],
  ])('reads %s as no options', (_, input) => {
    expect(readElementOptions(input)).toEqual({});
  });

  it('returns a fresh object, never the input', () => {
    const input = { disabled: true };
    expect(readElementOptions(input)).not.toBe(input);
  });
});

describe('readElementOptions: appearance, locale, strings and fields', () => {
  it('keeps each of them, sanitized', () => {
    const input = {
      appearance: { theme: 'night', variables: { colorPrimary: '#7c5cff' }, rules: { '.Label': { color: 'red' } } },
      locale: 'es',
      strings: { 'label.number': 'Número de tarjeta' },
      fields: { name: 'required', postalCode: 'optional' },
    };
    expect(readElementOptions(input)).toEqual(input);
  });

  it('reports each value it drops by its path, and what the merchant must do instead', () => {
    const { reported, report } = recorder();
    const out = readElementOptions(
      {
        locale: 'tlh',
        strings: { 'label.nmber': 'x', 'label.cvc': '' },
        fields: { name: true, phone: 'required' },
        disabled: 'yes',
        placeholder: 'x',
      },
      { report },
    );
    expect(out).toEqual({ strings: {}, fields: {} });
    expect(reported).toEqual([
      'options.placeholder unknown',
      'locale choice',
      "strings['label.nmber'] unknown",
      "strings['label.cvc'] text",
      'fields.phone unknown',
      'fields.name choice',
      'disabled boolean',
    ]);
  });

  it.each(['auto', 'en', 'zh-TW', 'he'])('keeps the locale %s', (locale) => {
    expect(readElementOptions({ locale })).toEqual({ locale });
  });

  it('refuses strings with control characters, which could garble what a screen reader says', () => {
    expect(readElementOptions({ strings: { 'label.cvc': 'CVC\u0007' } })).toEqual({ strings: {} });
    expect(readElementOptions({ strings: { 'label.cvc': 'c'.repeat(201) } })).toEqual({ strings: {} });
  });
});
