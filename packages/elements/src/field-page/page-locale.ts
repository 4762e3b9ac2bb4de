import { type CardElementOptions, type Locale, RTL_LOCALES, resolveLocale } from '@tessera/protocol';
import type { UiStrings } from '../i18n/english';
import { composeStrings, localeStrings } from '../i18n/load-strings';

/** The page's language and every word it shows in it, the merchant's own included. */
export interface PageLocale {
  locale: Locale;
  strings: UiStrings;
}

/**
 * The locale the options ask for (`auto`: the shopper's browser languages) with its words, loaded lazily: the first
 * render waits for them, so the page never flashes English before the shopper's language.
 */
export async function loadPageLocale(
  options: CardElementOptions,
  languages: readonly string[] = navigator.languages,
): Promise<PageLocale> {
  const locale = resolveLocale(options.locale, languages);
  return { locale, strings: composeStrings(await localeStrings(locale), options.strings) };
}

/** Marks the document with the locale's language and direction (Arabic and Hebrew lay out from the right). */
export function applyPageLocale(doc: Document, locale: Locale): void {
  doc.documentElement.lang = locale;
  doc.documentElement.dir = RTL_LOCALES.includes(locale) ? 'rtl' : 'ltr';
}
