import { describe, expect, it } from 'vitest';
import { LOCALES, matchLocale, RTL_LOCALES, resolveLocale, sanitizeLocale } from './locales';

describe('LOCALES', () => {
  it('has the ten most used first, at least 30 in all, and Arabic and Hebrew written right to left', () => {
    expect(LOCALES.slice(0, 10)).toEqual(['en', 'es', 'pt', 'fr', 'de', 'it', 'nl', 'ja', 'zh', 'pl']);
    expect(LOCALES.length).toBeGreaterThanOrEqual(30);
    expect(new Set(LOCALES).size).toBe(LOCALES.length);
    expect(RTL_LOCALES).toEqual(['ar', 'he']);
  });
});

describe('matchLocale', () => {
  it.each([
    ['es-MX', 'es'],
    ['pt-BR', 'pt'],
    ['fr_CA', 'fr'],
    ['zh-CN', 'zh'],
    ['zh-Hans-CN', 'zh'],
    ['zh-TW', 'zh-TW'],
    ['zh-Hant-HK', 'zh-TW'],
    ['zh-HK', 'zh-TW'],
    ['iw', 'he'],
    ['no-NO', 'nb'],
    ['nn', 'nb'],
    ['EN-gb', 'en'],
  ])('%s → %s', (tag, locale) => {
    expect(matchLocale(tag)).toBe(locale);
  });

  it.each(['tlh', 'x-pirate', '', 'e'])('matches nothing for %j', (tag) => {
    expect(matchLocale(tag)).toBeUndefined();
  });
});

describe('resolveLocale', () => {
  it('takes the locale asked for, whatever the browser says', () => {
    expect(resolveLocale('ja', ['de-DE'])).toBe('ja');
  });

  it('with auto (or nothing), takes the first browser language it has, else English', () => {
    expect(resolveLocale('auto', ['tlh', 'pt-BR', 'de'])).toBe('pt');
    expect(resolveLocale(undefined, ['ar-EG'])).toBe('ar');
    expect(resolveLocale('auto', ['tlh'])).toBe('en');
    expect(resolveLocale('auto', [])).toBe('en');
  });
});

describe('sanitizeLocale', () => {
  it('keeps auto and known locales, and reports anything else', () => {
    const reported: string[] = [];
    const ctx = { report: (option: string) => reported.push(option) };
    expect(sanitizeLocale('auto', ctx)).toBe('auto');
    expect(sanitizeLocale('he', ctx)).toBe('he');
    expect(sanitizeLocale(undefined, ctx)).toBeUndefined();
    expect(sanitizeLocale('es-MX', ctx)).toBe('es');
    expect(sanitizeLocale('tlh', ctx)).toBeUndefined();
    expect(sanitizeLocale(7, ctx)).toBeUndefined();
    expect(reported).toEqual(['locale', 'locale']);
  });
});
