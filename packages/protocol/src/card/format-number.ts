import { brandRules } from './brand-rules';
import { detectBrand } from './detect-brand';

/**
 * The ASCII digits of an input, in order: spaces, dashes and anything else dropped. Full-width digits,
 * as CJK input methods type them, count as digits (NFKC folds them to ASCII).
 * @example digitsOnly('12 / ３４') // '1234'
 */
export function digitsOnly(input: string): string {
  // An empty input (every field before the first keystroke) needs neither Unicode normalization nor the pattern.
  if (input === '') return '';
  return input.normalize('NFKC').replace(/\D/g, '');
}

// Beyond 15 digits every brand prints in fours: a 16-digit Diners reads 4-4-4-4, not 4-6-6.
const FOURS = [4, 8, 12, 16] as const;

/**
 * A card number laid out the way its brand prints it, with single spaces and no trailing space.
 * Never drops or adds a digit, so `digitsOnly(formatCardNumber(x)) === digitsOnly(x)`.
 * @example formatCardNumber('3412345678') // '3412 345678' (Amex: 4-6-5)
 */
export function formatCardNumber(digits: string): string {
  const d = digitsOnly(digits);
  const gaps: readonly number[] = d.length > 15 ? FOURS : brandRules(detectBrand(d)).gaps;
  let out = '';
  for (let i = 0; i < d.length; i++) {
    if (i > 0 && gaps.includes(i)) out += ' ';
    out += d[i];
  }
  return out;
}
