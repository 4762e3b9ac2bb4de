import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { luhnCheckDigit, luhnValid } from './luhn';

const digits = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });

describe('luhnValid', () => {
  it.each([
    ['79927398713', true], // the textbook example (ISO/IEC 7812-1, Wikipedia)
    ['4242424242424242', true], // Stripe test Visa
    ['378282246310005', true], // Stripe test Amex
    ['0', true],
    ['4242424242424241', false],
    ['79927398710', false],
    ['', false],
    ['4242 4242 4242 4242', false],
    ['42424242424242a2', false],
    ['٤٢٤٢', false], // Arabic-Indic digits are not ASCII digits
  ])('%j → %s', (input, expected) => {
    expect(luhnValid(input)).toBe(expected);
  });

  it('refuses any string with a character that is not an ASCII digit, wherever it stands', () => {
    const odd = fc.constantFrom(' ', '-', 'a', '٤', '４', '\n', '/');
    fc.assert(
      fc.property(digits(0, 19), odd, fc.nat(), (valid, char, at) => {
        const i = at % (valid.length + 1);
        return !luhnValid(valid.slice(0, i) + char + valid.slice(i));
      }),
      { numRuns: 1_000 },
    );
  });

  it('accepts any payload followed by its computed check digit', () => {
    fc.assert(fc.property(digits(0, 24), (payload) => luhnValid(payload + luhnCheckDigit(payload))));
  });

  it('rejects a valid number with any single digit changed', () => {
    fc.assert(
      fc.property(digits(1, 24), fc.nat(), fc.integer({ min: 1, max: 9 }), (payload, at, delta) => {
        const valid = payload + luhnCheckDigit(payload);
        const i = at % valid.length;
        const changed = String((Number(valid[i]) + delta) % 10);
        return !luhnValid(valid.slice(0, i) + changed + valid.slice(i + 1));
      }),
    );
  });

  it('has exactly one check digit per payload', () => {
    fc.assert(
      fc.property(digits(0, 24), (payload) => {
        const valid = [...'0123456789'].filter((d) => luhnValid(payload + d));
        return valid.length === 1 && valid[0] === luhnCheckDigit(payload);
      }),
    );
  });

  it('refuses non-digit payloads for the check digit', () => {
    expect(() => luhnCheckDigit('42 42')).toThrow(new TypeError('luhnCheckDigit takes digits only'));
  });
});
