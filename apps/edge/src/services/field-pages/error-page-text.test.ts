import { describe, expect, it } from 'vitest';
import { ERROR_PAGE_LANGUAGES, ERROR_PAGE_TEXT, pickErrorPageLanguage } from './error-page-text';

describe('pickErrorPageLanguage', () => {
  it.each([
    [undefined, 'en'],
    ['', 'en'],
    ['fr', 'fr'],
    ['de-CH', 'de'],
    ['PT-br, en;q=0.5', 'pt'],
    ['en;q=0.2, nl;q=0.8', 'nl'],
    ['it;q=0, es', 'es'],
    ['xx, zh-Hans-CN', 'zh'],
    ['ja;q=0.5, pl;q=0.5', 'ja'],
    ['*', 'en'],
    ['fr;q=abc', 'fr'],
    [`${'x,'.repeat(5000)}de`, 'en'],
  ])('reads %j as %s', (header, language) => {
    expect(pickErrorPageLanguage(header)).toBe(language);
  });
});

describe('ERROR_PAGE_TEXT', () => {
  it('says all three things in every language, as plain text', () => {
    for (const language of ERROR_PAGE_LANGUAGES) {
      const text = ERROR_PAGE_TEXT[language];
      for (const value of Object.values(text)) {
        expect(value.length).toBeGreaterThan(0);
        expect(value).not.toMatch(/[<>&"]/);
      }
    }
  });
});
