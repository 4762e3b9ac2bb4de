import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BRANDS, type Brand } from '../brands';
import { checkNumber } from './check-number';
import { detectBrand, matchBrand } from './detect-brand';
import { iinTable } from './iin-table';
import { luhnCheckDigit } from './luhn';

// Published test numbers: Stripe (docs.stripe.com/testing), Braintree (sandbox values), Adyen (test cards and
// POS test card applications). Brands none of them publish get a synthetic number: a real IIN padded with
// zeros and closed with its Luhn digit. Test numbers live in test files only.
const synthetic = (prefix: string, length = 16) => {
  const payload = prefix.padEnd(length - 1, '0');
  return payload + luhnCheckDigit(payload);
};

const TEST_CARDS: readonly [number: string, brand: Brand, source: string][] = [
  ['4242424242424242', 'visa', 'Stripe'],
  ['4000056655665556', 'visa', 'Stripe debit'],
  ['4111111111111111', 'visa', 'Braintree'],
  ['4012888888881881', 'visa', 'Stripe'],
  [synthetic('4', 19), 'visa', 'synthetic 19-digit'],
  ['5555555555554444', 'mastercard', 'Stripe'],
  ['2223003122003222', 'mastercard', 'Stripe 2-series'],
  ['2221000000000009', 'mastercard', 'Braintree 2-series'],
  ['5200828282828210', 'mastercard', 'Stripe debit'],
  ['5105105105105100', 'mastercard', 'Stripe prepaid'],
  [synthetic('2720'), 'mastercard', 'synthetic, top of 2-series'],
  ['378282246310005', 'amex', 'Stripe'],
  ['371449635398431', 'amex', 'Stripe'],
  ['6011111111111117', 'discover', 'Stripe'],
  ['6011000990139424', 'discover', 'Stripe'],
  ['6445644564456445', 'discover', 'Adyen'],
  ['3056930009020004', 'diners', 'Stripe 16-digit'],
  ['36227206271667', 'diners', 'Stripe 14-digit'],
  ['30569309025904', 'diners', 'Braintree'],
  ['3566002020360505', 'jcb', 'Stripe'],
  ['3530111333300000', 'jcb', 'Braintree'],
  ['6200000000000005', 'unionpay', 'Stripe'],
  ['6205500000000000004', 'unionpay', 'Stripe 19-digit'],
  ['6243030000000001', 'unionpay', 'Adyen POS'],
  ['6000070736169237003', 'maestro', 'Adyen POS 19-digit'],
  ['6799998900000099990', 'maestro', 'Adyen POS'],
  ['6304000000000000', 'maestro', 'Braintree'],
  ['5066991111111118', 'elo', 'Braintree'],
  ['6362970000457013', 'elo', 'Adyen'],
  ['6062826786276634', 'hipercard', 'Adyen'],
  ['6062820524845321', 'hipercard', 'Braintree'],
  ['6370950000000005', 'hiper', 'Braintree'],
  [synthetic('2200'), 'mir', 'synthetic'],
  [synthetic('2204', 19), 'mir', 'synthetic 19-digit'],
  [synthetic('506099'), 'verve', 'synthetic'],
  [synthetic('650002'), 'verve', 'synthetic, extra range'],
  [synthetic('508500'), 'rupay', 'synthetic'],
  [synthetic('6070'), 'rupay', 'synthetic'],
  [synthetic('652150'), 'rupay', 'synthetic'],
  [synthetic('9792'), 'troy', 'synthetic'],
  ['135410014004955', 'uatp', 'Adyen'],
];

describe('detectBrand on whole numbers', () => {
  it.each(TEST_CARDS)('%s is %s (%s) and valid', (number, brand) => {
    expect(detectBrand(number)).toBe(brand);
    expect(checkNumber(number, { final: true })).toEqual({ brand, complete: true });
  });

  it('covers every brand but unknown', () => {
    const covered = new Set(TEST_CARDS.map(([, brand]) => brand));
    expect(BRANDS.filter((b) => b !== 'unknown' && !covered.has(b))).toEqual([]);
  });
});

describe('detectBrand while typing', () => {
  it.each<[string, Brand]>([
    ['', 'unknown'],
    ['4', 'visa'],
    ['4011', 'visa'], // still could be Elo 401178…
    ['401178', 'elo'],
    ['34', 'amex'],
    ['37', 'amex'],
    ['3', 'unknown'], // Amex, Diners or JCB
    ['35', 'unknown'], // JCB 3528-3589 or RuPay 3538xx
    ['3528', 'jcb'],
    ['5', 'unknown'],
    ['51', 'mastercard'],
    ['2', 'unknown'],
    ['222', 'unknown'],
    ['2221', 'mastercard'],
    ['2720', 'mastercard'],
    ['2200', 'mir'],
    ['6', 'unknown'], // not Maestro's catch-all yet: Discover, UnionPay, RuPay are still open
    ['60', 'unknown'],
    ['600', 'maestro'],
    ['6011', 'discover'],
    ['62', 'unknown'],
    ['620', 'unionpay'],
    ['65', 'discover'],
    ['65215', 'rupay'],
    ['1', 'uatp'],
    ['1800', 'jcb'],
    ['7', 'unknown'],
    ['42 42', 'unknown'],
  ])('%j → %s', (digits, brand) => {
    expect(detectBrand(digits)).toBe(brand);
  });

  // Every RuPay, Verve and UATP range this package adds to credit-card-type, at both ends.
  it.each([
    ...['100003', '508200', '508299', '508500', '508999', '6069', '607', '608', '65215', '65219', '6522', '6525'],
    ...['65285', '65289', '653003', '653004', '81720', '81721', '81723', '81725', '81727', '81729', '81733'],
    ...['81738', '817406', '817410', '353800', '353802', '353805', '353806', '353809'],
  ])('finds RuPay at %s', (prefix) => {
    expect(checkNumber(synthetic(prefix), { final: true })).toEqual({ brand: 'rupay', complete: true });
  });

  it.each([
    ['650002', 'verve', 16],
    ['650027', 'verve', 16],
    ['1', 'uatp', 15],
  ] as const)('finds %s at %s', (prefix, brand, length) => {
    expect(checkNumber(synthetic(prefix, length), { final: true })).toEqual({ brand, complete: true });
  });

  it('lets a narrower range win inside a wider one of another brand', () => {
    expect(detectBrand(synthetic('493698'))).toBe('maestro'); // inside Visa's 4
    expect(detectBrand(synthetic('353800'))).toBe('rupay'); // inside JCB's 3528-3589
    expect(detectBrand(synthetic('4936'))).toBe('visa');
  });

  it('keeps Naranja ranges with the networks that issue them', () => {
    expect(detectBrand(synthetic('402918'))).toBe('visa');
    expect(detectBrand(synthetic('527572'))).toBe('mastercard');
    expect(detectBrand(synthetic('589562'))).toBe('maestro');
  });

  it('finds Mastercard for every 4-digit prefix 2221-2720 and none just outside', () => {
    for (let p = 2221; p <= 2720; p++) expect(detectBrand(String(p))).toBe('mastercard');
    expect(detectBrand('2220')).not.toBe('mastercard');
    expect(detectBrand('2721')).not.toBe('mastercard');
  });

  it('settles by the 8th digit, the longest IIN in the table', () => {
    expect(Math.max(...iinTable().map((r) => r.min.length))).toBe(8);
    fc.assert(fc.property(fc.stringMatching(/^\d{8,19}$/), (d) => matchBrand(d).settled));
  });

  it('never changes a settled brand as digits are added', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{0,9}$/), fc.stringMatching(/^\d{0,10}$/), (prefix, more) => {
        fc.pre(matchBrand(prefix).settled);
        return detectBrand(prefix + more) === detectBrand(prefix);
      }),
    );
  });

  it('says a brand is impossible only when no extension can ever match one', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{1,6}$/), fc.stringMatching(/^\d{0,12}$/), (prefix, more) => {
        fc.pre(!matchBrand(prefix).possible);
        return detectBrand(prefix + more) === 'unknown';
      }),
    );
  });

  it('has nothing settled before the first digit: every range is still possible', () => {
    expect(matchBrand('')).toEqual({ brand: 'unknown', settled: false, possible: true });
  });

  it('calls text with a non-digit settled and impossible', () => {
    expect(matchBrand('4242 4242')).toEqual({ brand: 'unknown', settled: true, possible: false });
  });

  it('answers a brand name for any string at all', () => {
    fc.assert(fc.property(fc.string(), (s) => (BRANDS as readonly string[]).includes(detectBrand(s))));
  });
});

describe('IIN table', () => {
  it('holds well-formed ranges', () => {
    for (const r of iinTable()) {
      expect(r.min).toMatch(/^\d+$/);
      expect(r.max.length).toBe(r.min.length);
      expect(r.min <= r.max).toBe(true);
      expect(r.brand).not.toBe('unknown');
    }
  });
});
