import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BRANDS, type Brand, isBrand } from './brands';
import { brandRules } from './card/brand-rules';
import { detectBrand } from './card/detect-brand';
import { iinTable } from './card/iin-table';

// The names are part of the API, the frame messages and the SDK's events: renaming one breaks merchants.
const NAMES: readonly Brand[] = [
  'visa',
  'mastercard',
  'amex',
  'discover',
  'diners',
  'jcb',
  'unionpay',
  'maestro',
  'mir',
  'elo',
  'hipercard',
  'hiper',
  'verve',
  'rupay',
  'troy',
  'uatp',
  'unknown',
];

describe('BRANDS', () => {
  it('lists exactly the published names, each once', () => {
    expect(BRANDS).toEqual(NAMES);
    expect(new Set(BRANDS).size).toBe(BRANDS.length);
  });

  it('spells every name in lower-case ASCII letters, as the API does', () => {
    for (const brand of BRANDS) expect(brand).toMatch(/^[a-z]+$/);
  });
});

describe('brands and the card rules agree', () => {
  it('gives every brand but unknown at least one IIN range, so each can be detected', () => {
    const detectable = new Set(iinTable().map((range) => range.brand));
    expect(BRANDS.filter((brand) => !detectable.has(brand))).toEqual(['unknown']);
  });

  it('files every IIN range under a brand', () => {
    expect(iinTable().filter((range) => !isBrand(range.brand))).toEqual([]);
  });

  it('gives every brand its own rules, not the fallback for names it does not know', () => {
    const fallback = brandRules('unknown');
    expect(BRANDS.filter((brand) => brand !== 'unknown' && brandRules(brand) === fallback)).toEqual([]);
  });

  it('detects only brands', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789'), maxLength: 19 }), (digits) =>
        isBrand(detectBrand(digits)),
      ),
    );
  });
});

describe('isBrand', () => {
  it.each(BRANDS)('accepts %s', (brand) => {
    expect(isBrand(brand)).toBe(true);
  });

  it.each([
    ['a capitalised name', 'Visa'],
    ['an upper-case name', 'AMEX'],
    ['a name with a space after it', 'visa '],
    ['a name with a newline after it', 'visa\n'],
    ['the library spelling', 'american-express'],
    ['a name of the library we do not use', 'naranja'],
    ['an empty string', ''],
    ['a prototype member', 'constructor'],
    ['__proto__', '__proto__'],
    ['toString', 'toString'],
    ['a String object', new String('visa')],
    ['an array holding a name', ['visa']],
    ['a number', 4],
    ['null', null],
    ['undefined', undefined],
  ])('refuses %s', (_, value) => {
    expect(isBrand(value)).toBe(false);
  });

  it('accepts a string exactly when it is one of the names', () => {
    // Half the samples are brand names, half any string (none of which was a brand in 100,000 samples); both
    // halves must be reached.
    const RUNS = 1_000;
    const MIN_SHARE = 0.4;
    let accepted = 0;
    fc.assert(
      fc.property(fc.oneof(fc.constantFrom(...BRANDS), fc.string()), (value) => {
        const ok = isBrand(value);
        if (ok) accepted += 1;
        expect(ok).toBe((NAMES as readonly string[]).includes(value));
      }),
      { numRuns: RUNS },
    );
    expect(accepted / RUNS).toBeGreaterThan(MIN_SHARE);
    expect(1 - accepted / RUNS).toBeGreaterThan(MIN_SHARE);
  });

  it('never throws and refuses anything that is not a string', () => {
    fc.assert(fc.property(fc.anything(), (value) => isBrand(value) === false || typeof value === 'string'));
  });
});
