import { type Locale, type Strings, sanitizeStrings } from '@tessera/protocol';
import { ENGLISH, type UiStrings } from './english';

/**
 * Where a locale's words are: `public/locales/<locale>.json`, copied beside the field page by the build. A page
 * fetches only the shopper's, so the common path weighs the same however many locales there are, and the page's
 * code holds no list of them.
 */
export const localePath = (locale: Locale) => `${import.meta.env.BASE_URL}locales/${locale}.json`;

/** The words of `locale` (nothing for English, which is built in); nothing when its file cannot be loaded. */
export async function localeStrings(locale: Locale, fetchImpl: typeof fetch = fetch): Promise<Strings> {
  if (locale === 'en') return {};
  try {
    const response = await fetchImpl(localePath(locale), { credentials: 'omit' });
    // Read through the same sanitizer as a merchant's words: only known keys, printable text.
    return response.ok ? sanitizeStrings(await response.json()) : {};
  } catch {
    // A failed download (the network, a file missing from a deploy) shows English rather than no words at all.
    return {};
  }
}

/** English, then the locale's words, then the merchant's overrides. */
export function composeStrings(locale: Strings, overrides: Strings | undefined): UiStrings {
  return { ...ENGLISH, ...locale, ...overrides };
}
