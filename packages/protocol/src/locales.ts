import { isRecord, own, type SanitizeContext } from './sanitize-context';

/**
 * The languages of the field pages' labels, placeholders, errors and frame titles: the ten most used first.
 * `auto` (the default) picks the shopper's browser language among them, and English when none matches.
 */
export const LOCALES = [
  'en',
  'es',
  'pt',
  'fr',
  'de',
  'it',
  'nl',
  'ja',
  'zh',
  'pl',
  'ar',
  'he',
  'ru',
  'uk',
  'tr',
  'sv',
  'da',
  'nb',
  'fi',
  'cs',
  'sk',
  'hu',
  'ro',
  'el',
  'bg',
  'hr',
  'ko',
  'zh-TW',
  'id',
  'vi',
  'th',
  'hi',
] as const;
export type Locale = (typeof LOCALES)[number];
export type LocaleOption = Locale | 'auto';

/** Locales written right to left: the field page lays itself out from the right. */
export const RTL_LOCALES: readonly Locale[] = ['ar', 'he'];

export const isLocale = (value: unknown): value is Locale =>
  typeof value === 'string' && (LOCALES as readonly string[]).includes(value);

// Older or wider tags browsers still send, and the locale that answers them.
const ALIASES: Record<string, Locale> = {
  iw: 'he',
  in: 'id',
  no: 'nb',
  nn: 'nb',
  'zh-hant': 'zh-TW',
  'zh-hk': 'zh-TW',
  'zh-mo': 'zh-TW',
};

/** The supported locale closest to a BCP 47 tag (`es-MX` → `es`, `zh-Hant-TW` → `zh-TW`), or undefined. */
export function matchLocale(tag: string): Locale | undefined {
  const lower = tag.toLowerCase().replace(/_/g, '-');
  const parts = lower.split('-');
  for (let n = parts.length; n > 0; n--) {
    const prefix = parts.slice(0, n).join('-');
    const exact = LOCALES.find((locale) => locale.toLowerCase() === prefix);
    if (exact) return exact;
    const alias = ALIASES[prefix];
    if (alias) return alias;
  }
  return undefined;
}

/**
 * The locale to show: the one asked for, or with `auto` the first of the browser's languages (`navigator.languages`)
 * that matches one, else English.
 */
export function resolveLocale(requested: LocaleOption | undefined, languages: readonly string[]): Locale {
  if (requested !== undefined && requested !== 'auto') return requested;
  for (const language of languages) {
    const match = matchLocale(language);
    if (match) return match;
  }
  return 'en';
}

/** Reads `locale`: `auto`, a supported locale or a tag one matches (`es-MX` → `es`); else reported, and `auto` applies. */
export function sanitizeLocale(input: unknown, ctx: SanitizeContext = {}): LocaleOption | undefined {
  if (input === undefined || input === 'auto' || isLocale(input)) return input;
  const match = typeof input === 'string' ? matchLocale(input) : undefined;
  if (match) return match;
  ctx.report?.('locale', 'choice', LOCALES);
  return undefined;
}

/** Every string a field page shows or names itself with; a merchant may replace any of them (`strings`). */
export const STRING_KEYS = [
  'label.number',
  'label.expiry',
  'label.cvc',
  'label.name',
  'label.postalCode',
  'placeholder.number',
  'placeholder.expiry',
  'placeholder.cvc',
  'placeholder.name',
  'placeholder.postalCode',
  'title.card',
  'title.cardNumber',
  'title.cardExpiry',
  'title.cardCvc',
  'title.cardholderName',
  'title.postalCode',
  'error.incomplete_number',
  'error.invalid_number',
  'error.incomplete_expiry',
  'error.invalid_expiry',
  'error.expired',
  'error.incomplete_cvc',
  'error.invalid_cvc',
  'error.incomplete_name',
  'error.invalid_name',
  'error.incomplete_postal_code',
  'error.invalid_postal_code',
] as const;
export type StringKey = (typeof STRING_KEYS)[number];
/** A locale's strings; one a locale lacks is shown in English. */
export type Strings = Partial<Record<StringKey, string>>;

// Printable text: no control characters, which could garble a label or a screen reader's announcement.
const PRINTABLE = /^[^\p{Cc}]{1,200}$/u;

/** Reads `strings`: known keys with printable text of 1-200 characters; the rest is reported and dropped. */
export function sanitizeStrings(input: unknown, ctx: SanitizeContext = {}): Strings {
  if (!isRecord(input)) {
    if (input !== undefined) ctx.report?.('strings', 'object');
    return {};
  }
  const out: Strings = {};
  for (const key of Object.keys(input)) {
    const value = own(input, key);
    if (!(STRING_KEYS as readonly string[]).includes(key)) ctx.report?.(`strings['${key}']`, 'unknown');
    else if (typeof value !== 'string' || !PRINTABLE.test(value)) {
      ctx.report?.(`strings['${key}']`, 'text');
    } else out[key as StringKey] = value;
  }
  return out;
}
