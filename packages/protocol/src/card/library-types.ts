// The range and rule data of credit-card-type, read from its data module rather than its index: the index
// keeps a mutable global registry (addCard, updateCard, changeOrder) that any other importer could change
// under us, and pulls in matching code we do not use (about 1.3 KB gzip of the 2.8 KB the whole library costs).
// The version is pinned exactly in package.json, so this internal path cannot move under us unnoticed;
// the brand tests would fail first.
import libraryTypes from 'credit-card-type/dist/lib/card-types.js';
import type { CreditCardTypeCardBrandId } from 'credit-card-type/dist/types.js';
import type { Brand } from '../brands';

/** A brand as credit-card-type describes it. */
export interface LibraryType {
  patterns: readonly (number | readonly number[])[];
  gaps: readonly number[];
  lengths: readonly number[];
  code: { size: number };
}

/**
 * Our brand names for the library's. Naranja is left out on purpose: it is not one of our brands, and its
 * library ranges include a Visa (402918) and a Mastercard (527572) range that must stay Visa and Mastercard.
 */
export const LIBRARY_NAMES = {
  visa: 'visa',
  mastercard: 'mastercard',
  amex: 'american-express',
  discover: 'discover',
  diners: 'diners-club',
  jcb: 'jcb',
  unionpay: 'unionpay',
  maestro: 'maestro',
  mir: 'mir',
  elo: 'elo',
  hipercard: 'hipercard',
  hiper: 'hiper',
  verve: 'verve',
  troy: 'troy',
} as const satisfies Partial<Record<Brand, CreditCardTypeCardBrandId>>;

export type LibraryBrand = keyof typeof LIBRARY_NAMES;

/** The library's description of one of our brands. */
export function libraryType(brand: LibraryBrand): LibraryType {
  const type = libraryTypes[LIBRARY_NAMES[brand]];
  // Only a changed library version could get here; failing at import beats detecting brands wrongly.
  if (!type) throw new Error(`credit-card-type has no data for ${brand}`);
  return type;
}
