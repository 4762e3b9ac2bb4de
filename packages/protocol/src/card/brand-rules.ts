import type { Brand } from '../brands';
import { type LibraryBrand, libraryType } from './library-types';

/** What a brand's numbers and security codes look like. */
export interface BrandRules {
  /** Allowed card number lengths, ascending. */
  readonly lengths: readonly number[];
  /** Allowed security code lengths, ascending; 0 means the card may carry none. */
  readonly cvcLengths: readonly number[];
  /** Digit positions before which a space goes when the number is shown. */
  readonly gaps: readonly number[];
  /** Whether the number's last digit is a Luhn check digit. */
  readonly luhn: boolean;
}

// Groups of four; the library stops at 12, and a fourth gap lets 17-19 digit numbers read 4-4-4-4-3.
const FOURS = [4, 8, 12, 16] as const;

function fromLibrary(brand: LibraryBrand): BrandRules {
  const type = libraryType(brand);
  const gaps = type.gaps.join() === '4,8,12' ? FOURS : [...type.gaps];
  return { lengths: [...type.lengths], cvcLengths: [type.code.size], gaps, luhn: true };
}

const RULES: Readonly<Record<Brand, BrandRules>> = {
  visa: fromLibrary('visa'),
  mastercard: fromLibrary('mastercard'),
  amex: fromLibrary('amex'),
  discover: fromLibrary('discover'),
  diners: fromLibrary('diners'),
  jcb: fromLibrary('jcb'),
  // Some UnionPay numbers (notably 19-digit 62 debit cards) carry no Luhn check digit, so checking it would
  // refuse real cards; Braintree's card-validator skips it for UnionPay by default for the same reason.
  unionpay: { ...fromLibrary('unionpay'), luhn: false },
  maestro: fromLibrary('maestro'),
  mir: fromLibrary('mir'),
  elo: fromLibrary('elo'),
  hipercard: fromLibrary('hipercard'),
  hiper: fromLibrary('hiper'),
  verve: fromLibrary('verve'),
  troy: fromLibrary('troy'),
  rupay: { lengths: [16], cvcLengths: [3], gaps: FOURS, luhn: true },
  // UATP (airline) cards are 15 digits, Luhn-checked; many carry no security code, so none is accepted too.
  uatp: { lengths: [15], cvcLengths: [0, 3], gaps: FOURS, luhn: true },
  // Until the brand is known, anything an ISO/IEC 7812 card number can be.
  unknown: { lengths: [12, 13, 14, 15, 16, 17, 18, 19], cvcLengths: [3, 4], gaps: FOURS, luhn: true },
};

/**
 * The number, security code and layout rules of a brand.
 * @example brandRules('amex') // { lengths: [15], cvcLengths: [4], gaps: [4, 10], luhn: true }
 */
export function brandRules(brand: Brand): BrandRules {
  // A plain-JS caller may pass any string; an unknown name must not reach Object.prototype.
  return Object.hasOwn(RULES, brand) ? RULES[brand] : RULES.unknown;
}

/** The most digits a number of this brand can have: where the number input stops taking digits. */
export function maxNumberLength(brand: Brand): number {
  return Math.max(...brandRules(brand).lengths);
}
