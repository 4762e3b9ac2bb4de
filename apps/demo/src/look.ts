import type { Appearance, ElementsOptions, LocaleOption } from '@tessera/js';

// The demo's looks and languages: what the switcher on index.html offers, and what `?look=` / `?locale=` in a
// page's address start with (split.html reads them too). The shop's own look is built on the Appearance API.

/** The demo shop's brand, as appearance variables and rules: the page's ink, accent and radius. */
const SHOP: Appearance = {
  variables: {
    colorPrimary: '#4f46e5',
    colorText: '#1f2330',
    colorBorder: '#e3e5ec',
    borderRadius: '10px',
    fontSizeBase: '16px',
    focusRingWidth: '3px',
    focusRingColor: 'rgba(79, 70, 229, 0.18)',
  },
  rules: {
    '.Input:focus': { borderColor: '#4f46e5' },
    '.Error': { fontWeight: '500' },
  },
};

export const LOOKS = {
  shop: SHOP,
  default: {},
  night: { theme: 'night' },
  flat: { theme: 'flat', variables: { fontSizeBase: '16px' } },
} as const satisfies Record<string, Appearance>;
export type Look = keyof typeof LOOKS;

/** The languages the switcher offers, by their own name; the SDK and field page know 32. */
export const LANGUAGES: Record<string, string> = {
  auto: 'Browser language',
  en: 'English',
  es: 'Español',
  pt: 'Português',
  fr: 'Français',
  de: 'Deutsch',
  it: 'Italiano',
  nl: 'Nederlands',
  pl: 'Polski',
  ja: '日本語',
  zh: '中文',
  ar: 'العربية',
  he: 'עברית',
};

const isLook = (value: string | null): value is Look => value !== null && Object.hasOwn(LOOKS, value);

/** The look and language a page's address asks for (`?look=night&locale=es`), the shop's look by default. */
export function lookFromAddress(): { look: Look; locale: LocaleOption } {
  const query = new URLSearchParams(location.search);
  const look = query.get('look');
  return { look: isLook(look) ? look : 'shop', locale: (query.get('locale') ?? 'auto') as LocaleOption };
}

/** The group options for a look and a language (an unknown locale is the SDK's to warn about). */
export function elementsOptions(look: Look, locale: LocaleOption): ElementsOptions {
  document.body.dataset.look = look;
  return { appearance: LOOKS[look], locale };
}

/** `?fields=name,postalCode`: the optional fields a page shows. */
export function fieldsFromAddress(): { name: boolean; postalCode: boolean } {
  const fields = new Set((new URLSearchParams(location.search).get('fields') ?? '').split(','));
  return { name: fields.has('name'), postalCode: fields.has('postalCode') };
}
