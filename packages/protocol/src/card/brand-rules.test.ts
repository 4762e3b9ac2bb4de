import { describe, expect, it } from 'vitest';
import { BRANDS, type Brand } from '../brands';
import { brandRules, maxNumberLength } from './brand-rules';

describe('brandRules', () => {
  it.each<[Brand, ReturnType<typeof brandRules>]>([
    ['visa', { lengths: [16, 18, 19], cvcLengths: [3], gaps: [4, 8, 12, 16], luhn: true }],
    ['mastercard', { lengths: [16], cvcLengths: [3], gaps: [4, 8, 12, 16], luhn: true }],
    ['amex', { lengths: [15], cvcLengths: [4], gaps: [4, 10], luhn: true }],
    ['diners', { lengths: [14, 16, 19], cvcLengths: [3], gaps: [4, 10], luhn: true }],
    ['unionpay', { lengths: [14, 15, 16, 17, 18, 19], cvcLengths: [3], gaps: [4, 8, 12, 16], luhn: false }],
    ['maestro', { lengths: [12, 13, 14, 15, 16, 17, 18, 19], cvcLengths: [3], gaps: [4, 8, 12, 16], luhn: true }],
    ['rupay', { lengths: [16], cvcLengths: [3], gaps: [4, 8, 12, 16], luhn: true }],
    ['uatp', { lengths: [15], cvcLengths: [0, 3], gaps: [4, 8, 12, 16], luhn: true }],
    ['unknown', { lengths: [12, 13, 14, 15, 16, 17, 18, 19], cvcLengths: [3, 4], gaps: [4, 8, 12, 16], luhn: true }],
  ])('%s', (brand, rules) => {
    expect(brandRules(brand)).toEqual(rules);
  });

  it.each(BRANDS)('%s has sane rules', (brand) => {
    const { lengths, cvcLengths, gaps } = brandRules(brand);
    const ascending = (xs: readonly number[]) => xs.every((x, i) => i === 0 || x > (xs[i - 1] ?? 0));
    expect(lengths.length).toBeGreaterThan(0);
    expect(ascending(lengths) && ascending(cvcLengths) && ascending(gaps)).toBe(true);
    expect(Math.min(...lengths)).toBeGreaterThanOrEqual(12);
    expect(Math.max(...lengths)).toBeLessThanOrEqual(19);
    expect(Math.max(...cvcLengths)).toBeGreaterThanOrEqual(3);
    expect(Math.max(...cvcLengths)).toBeLessThanOrEqual(4);
  });

  it('falls back to unknown for a name that is not a brand (plain-JS callers)', () => {
    expect(brandRules('constructor' as Brand)).toBe(brandRules('unknown'));
  });
});

describe('maxNumberLength', () => {
  it.each<[Brand, number]>([
    ['visa', 19],
    ['mastercard', 16],
    ['amex', 15],
    ['uatp', 15],
    ['unknown', 19],
  ])('%s → %d', (brand, max) => {
    expect(maxNumberLength(brand)).toBe(max);
  });
});
