import type { Brand } from '../brands';
import type { FieldErrorCode } from '../errors';
import { brandRules } from './brand-rules';
import { matchBrand } from './detect-brand';
import { luhnValid } from './luhn';

/** Options of the field checks. */
export interface CheckOptions {
  /** The shopper has left the field (blur) or is paying: a still-short value is now an error. */
  final?: boolean;
}

export interface NumberCheck {
  brand: Brand;
  /** The number is valid as it stands. */
  complete: boolean;
  error?: Extract<FieldErrorCode, 'incomplete_number' | 'invalid_number'>;
}

/**
 * Checks a card number (digits only) as the shopper types it.
 *
 * While typing, an error shows only when no further digit can make the number valid: no brand can match,
 * it is longer than its brand allows, or it has the brand's longest length and fails Luhn. A number at a
 * shorter allowed length that fails Luhn (a 16-digit Visa may still become 19) is an error only when `final`.
 * @example checkNumber('4242') // { brand: 'visa', complete: false }
 * @example checkNumber('4242', { final: true }) // { brand: 'visa', complete: false, error: 'incomplete_number' }
 */
export function checkNumber(digits: string, options: CheckOptions = {}): NumberCheck {
  const { brand, possible } = matchBrand(digits);
  if (digits.length === 0) {
    return options.final ? { brand, complete: false, error: 'incomplete_number' } : { brand, complete: false };
  }
  if (!possible) return { brand, complete: false, error: 'invalid_number' };

  const rules = brandRules(brand);
  const longest = Math.max(...rules.lengths);
  if (digits.length > longest) return { brand, complete: false, error: 'invalid_number' };
  if (rules.lengths.includes(digits.length)) {
    if (!rules.luhn || luhnValid(digits)) return { brand, complete: true };
    if (options.final || digits.length === longest) return { brand, complete: false, error: 'invalid_number' };
    return { brand, complete: false };
  }
  return options.final ? { brand, complete: false, error: 'incomplete_number' } : { brand, complete: false };
}
