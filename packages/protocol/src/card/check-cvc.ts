import type { Brand } from '../brands';
import type { FieldErrorCode } from '../errors';
import { brandRules } from './brand-rules';
import type { CheckOptions } from './check-number';

export interface CvcCheck {
  /** The code is valid for the brand as it stands. */
  complete: boolean;
  error?: Extract<FieldErrorCode, 'incomplete_cvc' | 'invalid_cvc'>;
}

/**
 * Checks a security code against the brand's lengths (Amex 4, most 3, unknown 3 or 4).
 * Too long or not digits is `invalid_cvc` at once; too short is `incomplete_cvc` only when `final`.
 * A brand whose cards may have no code (UATP) takes an empty one as complete.
 * @example checkCvc('123', 'amex') // { complete: false }
 */
export function checkCvc(cvc: string, brand: Brand, options: CheckOptions = {}): CvcCheck {
  const { cvcLengths } = brandRules(brand);
  if ((cvc !== '' && !/^\d*$/.test(cvc)) || cvc.length > Math.max(...cvcLengths)) {
    return { complete: false, error: 'invalid_cvc' };
  }
  if (cvcLengths.includes(cvc.length)) return { complete: true };
  return options.final ? { complete: false, error: 'incomplete_cvc' } : { complete: false };
}
