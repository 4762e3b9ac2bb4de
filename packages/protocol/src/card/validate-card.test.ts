import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkNumber } from './check-number';
import { luhnCheckDigit } from './luhn';
import { validateCard } from './validate-card';

const now = new Date('2025-03-15T10:00:00Z');
const VISA = '4242424242424242'; // Stripe test Visa
const AMEX = '378282246310005'; // Stripe test Amex
const UATP = '135410014004955'; // Adyen test UATP
const UNIONPAY_NO_LUHN = '6200000000000006';
const PARAMS = ['card', 'number', 'expMonth', 'expYear', 'cvc', 'name', 'postalCode'];
const base = { number: VISA, expMonth: 12, expYear: 2030 };

describe('validateCard', () => {
  it('accepts a minimal card and returns only known fields, with the brand', () => {
    const result = validateCard({ ...base }, now);
    expect(result).toEqual({ ok: true, card: { ...base, brand: 'visa' } });
  });

  it('accepts every optional field', () => {
    const card = { ...base, cvc: '123', name: 'Zoë Ångström-Nakamura 🙂', postalCode: 'SW1A 1AA' };
    expect(validateCard(card, now)).toEqual({ ok: true, card: { ...card, brand: 'visa' } });
  });

  it('returns a fresh object', () => {
    const card = { ...base };
    const result = validateCard(card, now);
    expect(result.ok && result.card).not.toBe(card);
  });

  it.each([
    ['not an object', 'x', 'invalid_request', 'card'],
    ['null', null, 'invalid_request', 'card'],
    ['an array', [VISA, 12, 2030], 'invalid_request', 'card'],
    ['an extra key', { ...base, cvv: '123' }, 'invalid_request', 'card'],
    ['a key that is the number', { ...base, [VISA]: true }, 'invalid_request', 'card'],
    [
      'a __proto__ key',
      JSON.parse(`{"number":"${VISA}","expMonth":12,"expYear":2030,"__proto__":{}}`),
      'invalid_request',
      'card',
    ],
    ['no number', { expMonth: 12, expYear: 2030 }, 'invalid_card_number', 'number'],
    ['a numeric number', { ...base, number: 4242424242424242 }, 'invalid_card_number', 'number'],
    ['spaces', { ...base, number: '4242 4242 4242 4242' }, 'invalid_card_number', 'number'],
    ['a letter', { ...base, number: '424242424242424a' }, 'invalid_card_number', 'number'],
    ['full-width digits', { ...base, number: '４２４２４２４２４２４２４２４２' }, 'invalid_card_number', 'number'],
    ['11 digits', { ...base, number: '42424242428' }, 'invalid_card_number', 'number'],
    ['20 digits', { ...base, number: '42424242424242424242' }, 'invalid_card_number', 'number'],
    ['a Luhn failure', { ...base, number: '4242424242424241' }, 'invalid_card_number', 'number'],
    ['a wrong length for the brand', { ...base, number: `${AMEX}0` }, 'invalid_card_number', 'number'],
    ['no brand', { ...base, number: '7000000000000008' }, 'invalid_card_number', 'number'],
    ['month 0', { ...base, expMonth: 0 }, 'invalid_expiry', 'expMonth'],
    ['month 13', { ...base, expMonth: 13 }, 'invalid_expiry', 'expMonth'],
    ['month as text', { ...base, expMonth: '12' }, 'invalid_expiry', 'expMonth'],
    ['a fractional month', { ...base, expMonth: 1.5 }, 'invalid_expiry', 'expMonth'],
    ['no year', { number: VISA, expMonth: 12 }, 'invalid_expiry', 'expYear'],
    ['a two-digit year', { ...base, expYear: 30 }, 'invalid_expiry', 'expYear'],
    ['a past year', { ...base, expYear: 2024 }, 'invalid_expiry', 'expYear'],
    ['a past month of this year', { ...base, expMonth: 2, expYear: 2025 }, 'invalid_expiry', 'expMonth'],
    ['a year too far ahead', { ...base, expYear: 2046 }, 'invalid_expiry', 'expYear'],
    ['a short CVC', { ...base, cvc: '12' }, 'invalid_cvc', 'cvc'],
    ['an empty CVC', { ...base, cvc: '' }, 'invalid_cvc', 'cvc'],
    ['a 4-digit Visa CVC', { ...base, cvc: '1234' }, 'invalid_cvc', 'cvc'],
    ['a 3-digit Amex CVC', { ...base, number: AMEX, cvc: '123' }, 'invalid_cvc', 'cvc'],
    ['a numeric CVC', { ...base, cvc: 123 }, 'invalid_cvc', 'cvc'],
    ['a null CVC', { ...base, cvc: null }, 'invalid_cvc', 'cvc'],
    ['an empty name', { ...base, name: '' }, 'invalid_name', 'name'],
    ['a blank name', { ...base, name: '   ' }, 'invalid_name', 'name'],
    ['a 101-character name', { ...base, name: 'a'.repeat(101) }, 'invalid_name', 'name'],
    ['a newline in the name', { ...base, name: 'A\nB' }, 'invalid_name', 'name'],
    ['a line separator in the name', { ...base, name: 'A\u2028B' }, 'invalid_name', 'name'],
    ['a lone surrogate in the name', { ...base, name: 'A\uD800B' }, 'invalid_name', 'name'],
    ['a numeric name', { ...base, name: 42 }, 'invalid_name', 'name'],
    ['an empty postal code', { ...base, postalCode: '' }, 'invalid_postal_code', 'postalCode'],
    ['a blank postal code', { ...base, postalCode: '  ' }, 'invalid_postal_code', 'postalCode'],
    ['a 17-character postal code', { ...base, postalCode: '1'.repeat(17) }, 'invalid_postal_code', 'postalCode'],
    ['a symbol in the postal code', { ...base, postalCode: '1234%' }, 'invalid_postal_code', 'postalCode'],
  ])('refuses %s', (_, card, code, param) => {
    expect(validateCard(card, now)).toEqual({ ok: false, code, param });
  });

  it.each([
    ['a 4-digit Amex CVC', { ...base, number: AMEX, cvc: '1234' }],
    ['a UATP card with no CVC', { ...base, number: UATP }],
    ['a UATP card with an empty CVC', { ...base, number: UATP, cvc: '' }],
    ['a UnionPay number without a Luhn digit', { ...base, number: UNIONPAY_NO_LUHN }],
    ['a 100-character name', { ...base, name: 'a'.repeat(100) }],
    ['100 emoji as a name', { ...base, name: '🙂'.repeat(100) }],
    ['a ZIP+4', { ...base, postalCode: '12345-6789' }],
    ['a card expiring this month', { ...base, expMonth: 3, expYear: 2025 }],
    ['a card 20 years ahead', { ...base, expYear: 2045 }],
    ['undefined optional fields (from JS callers)', { ...base, cvc: undefined, name: undefined }],
  ])('accepts %s', (_, card) => {
    expect(validateCard(card, now).ok).toBe(true);
  });

  it('ignores values inherited from the prototype chain', () => {
    const card = Object.assign(Object.create({ number: VISA }), { expMonth: 12, expYear: 2030 });
    expect(validateCard(card, now)).toEqual({ ok: false, code: 'invalid_card_number', param: 'number' });
  });

  const number = fc.oneof(
    fc.stringMatching(/^\d{12,19}$/),
    fc.stringMatching(/^\d{11,18}$/).map((p) => p + luhnCheckDigit(p)),
    fc.constantFrom(VISA, AMEX, UATP),
  );
  const anyValue = fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.constant(undefined), fc.double());
  const card = fc.record(
    {
      number,
      expMonth: fc.oneof(fc.integer({ min: -1, max: 14 }), anyValue),
      expYear: fc.oneof(fc.integer({ min: 2020, max: 2050 }), anyValue),
      cvc: fc.oneof(fc.stringMatching(/^\d{0,5}$/), anyValue),
      name: fc.oneof(fc.string({ maxLength: 110 }), anyValue),
      postalCode: fc.oneof(fc.stringMatching(/^[A-Za-z0-9 -]{0,18}$/), anyValue),
    },
    { requiredKeys: ['number'] },
  );

  it('never puts the number in a failure, whatever else the card holds', () => {
    fc.assert(
      fc.property(card, fc.boolean(), (c, numberAsKey) => {
        const input = numberAsKey ? { ...c, [c.number]: c.number } : c;
        const result = validateCard(input, now);
        if (result.ok) return result.card.number === c.number;
        // The failure is built from fixed strings only: no value, and no key of the input, can reach it.
        return !JSON.stringify(result).includes(c.number) && PARAMS.includes(result.param);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on arbitrary JSON', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => typeof validateCard(v, now).ok === 'boolean'));
  });

  it('accepts exactly the numbers the field page calls complete', () => {
    fc.assert(
      fc.property(number, (n) => {
        const result = validateCard({ number: n, expMonth: 12, expYear: 2030 }, now);
        return result.ok === checkNumber(n, { final: true }).complete;
      }),
    );
  });
});
