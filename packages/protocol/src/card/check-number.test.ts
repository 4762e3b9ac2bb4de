import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkNumber } from './check-number';
import { luhnCheckDigit } from './luhn';

describe('checkNumber', () => {
  it.each([
    ['', {}, { brand: 'unknown', complete: false }],
    ['', { final: true }, { brand: 'unknown', complete: false, error: 'incomplete_number' }],
    ['4', {}, { brand: 'visa', complete: false }],
    ['4242', { final: true }, { brand: 'visa', complete: false, error: 'incomplete_number' }],
    ['4242424242424242', {}, { brand: 'visa', complete: true }],
    // 16 digits failing Luhn: a Visa may still grow to 18 or 19, so only blur calls it invalid.
    ['4242424242424241', {}, { brand: 'visa', complete: false }],
    ['4242424242424241', { final: true }, { brand: 'visa', complete: false, error: 'invalid_number' }],
    // 17 digits: between Visa lengths.
    ['42424242424242424', {}, { brand: 'visa', complete: false }],
    ['42424242424242424', { final: true }, { brand: 'visa', complete: false, error: 'incomplete_number' }],
    // Mastercard is 16 digits only: a Luhn failure there is final at once.
    ['5555555555554440', {}, { brand: 'mastercard', complete: false, error: 'invalid_number' }],
    ['378282246310006', {}, { brand: 'amex', complete: false, error: 'invalid_number' }],
    ['3782822463100051', {}, { brand: 'amex', complete: false, error: 'invalid_number' }],
    ['42424242424242424242', {}, { brand: 'visa', complete: false, error: 'invalid_number' }],
    ['7', {}, { brand: 'unknown', complete: false, error: 'invalid_number' }],
    ['0000000000000000', {}, { brand: 'unknown', complete: false, error: 'invalid_number' }],
    ['5', {}, { brand: 'unknown', complete: false }],
    // UnionPay numbers are not Luhn-checked.
    ['6200000000000006', {}, { brand: 'unionpay', complete: true }],
    ['4242 4242', {}, { brand: 'unknown', complete: false, error: 'invalid_number' }],
  ] as const)('%j %j', (digits, options, expected) => {
    expect(checkNumber(digits, options)).toEqual(expected);
  });

  it('shows no error on any prefix of a valid number while typing', () => {
    const valid = fc
      .tuple(fc.constantFrom('4', '51', '2221', '34', '6011', '620', '3528', '2200', '606282', '508500'), fc.nat())
      .map(([iin, seed]) => {
        const length = checkNumber(iin).brand === 'amex' ? 15 : 16;
        const payload = (iin + String(seed).padStart(15, '0')).slice(0, length - 1);
        return payload + luhnCheckDigit(payload);
      });
    fc.assert(
      fc.property(valid, (number) => {
        if (!checkNumber(number, { final: true }).complete) return false;
        for (let i = 0; i < number.length; i++) {
          if (checkNumber(number.slice(0, i)).error !== undefined) return false;
        }
        return true;
      }),
    );
  });

  it('is complete exactly when it has no error on blur', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{0,21}$/), (d) => {
        const result = checkNumber(d, { final: true });
        return result.complete === (result.error === undefined);
      }),
    );
  });

  it('never reports an error while typing that blur would not', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{0,21}$/), (d) => {
        const typing = checkNumber(d);
        return typing.error === undefined || checkNumber(d, { final: true }).error === typing.error;
      }),
    );
  });
});
