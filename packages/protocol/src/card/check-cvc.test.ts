import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BRANDS } from '../brands';
import { checkCvc } from './check-cvc';

describe('checkCvc', () => {
  it.each([
    ['123', 'visa', {}, { complete: true }],
    ['12', 'visa', {}, { complete: false }],
    ['12', 'visa', { final: true }, { complete: false, error: 'incomplete_cvc' }],
    ['', 'visa', {}, { complete: false }],
    ['', 'visa', { final: true }, { complete: false, error: 'incomplete_cvc' }],
    ['1234', 'visa', {}, { complete: false, error: 'invalid_cvc' }],
    ['1234', 'amex', {}, { complete: true }],
    ['123', 'amex', {}, { complete: false }],
    ['123', 'amex', { final: true }, { complete: false, error: 'incomplete_cvc' }],
    ['12345', 'amex', {}, { complete: false, error: 'invalid_cvc' }],
    ['123', 'unknown', {}, { complete: true }],
    ['1234', 'unknown', {}, { complete: true }],
    ['12a', 'visa', {}, { complete: false, error: 'invalid_cvc' }],
    ['12 3', 'visa', {}, { complete: false, error: 'invalid_cvc' }],
    ['', 'uatp', { final: true }, { complete: true }],
    ['12', 'uatp', { final: true }, { complete: false, error: 'incomplete_cvc' }],
    ['123', 'uatp', {}, { complete: true }],
  ] as const)('%j for %s %j', (cvc, brand, options, expected) => {
    expect(checkCvc(cvc, brand, options)).toEqual(expected);
  });

  it('is complete exactly when it has no error on blur', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 6 }), fc.constantFrom(...BRANDS), (cvc, brand) => {
        const result = checkCvc(cvc, brand, { final: true });
        return result.complete === (result.error === undefined);
      }),
    );
  });
});
