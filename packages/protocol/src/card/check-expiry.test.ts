import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkExpiry } from './check-expiry';

const now = new Date('2025-03-15T10:00:00Z');

describe('checkExpiry', () => {
  it.each([
    [3, 2025, null],
    [3, 25, null],
    [12, 2045, null], // exactly 20 years ahead
    [1, 2046, 'invalid_expiry'],
    [2, 2025, 'expired'],
    [12, 2024, 'expired'],
    [2, 25, 'expired'],
    [0, 2030, 'invalid_expiry'],
    [13, 2030, 'invalid_expiry'],
    [1.5, 2030, 'invalid_expiry'],
    [Number.NaN, 2030, 'invalid_expiry'],
    [6, 2030.5, 'invalid_expiry'],
    [6, 99, 'invalid_expiry'], // 2099: too far ahead
    [6, 100, 'invalid_expiry'],
    [6, -1, 'invalid_expiry'],
    [6, 10000, 'invalid_expiry'],
    [6, 1999, 'expired'],
    [6, 1000, 'expired'], // the lowest four-digit year: a real, long past year
    [6, 999, 'invalid_expiry'],
  ])('%d/%d → %s', (month, year, expected) => {
    expect(checkExpiry(month, year, now)).toBe(expected);
  });

  it('keeps a card good until its month has ended in the last time zone (UTC-12)', () => {
    expect(checkExpiry(3, 2025, new Date('2025-03-31T23:59:59Z'))).toBeNull();
    expect(checkExpiry(3, 2025, new Date('2025-04-01T11:59:59.999Z'))).toBeNull();
    expect(checkExpiry(3, 2025, new Date('2025-04-01T12:00:00Z'))).toBe('expired');
    expect(checkExpiry(12, 2025, new Date('2026-01-01T11:59:59Z'))).toBeNull();
    expect(checkExpiry(12, 2025, new Date('2026-01-01T12:00:00Z'))).toBe('expired');
  });

  it('reads a two-digit year as 20yy up to and including 99', () => {
    // Year 99 is 2099: fourteen years ahead of 2085, so good; were it not read as 20yy it would be no year at all.
    expect(checkExpiry(6, 99, new Date('2085-01-01'))).toBeNull();
    expect(checkExpiry(6, 0, new Date('2085-01-01'))).toBe('expired');
  });

  it('takes four-digit years only, even when now is near year 9999', () => {
    const late = new Date('9990-06-15T00:00:00Z');
    expect(checkExpiry(12, 9999, late)).toBeNull();
    expect(checkExpiry(1, 10000, late)).toBe('invalid_expiry');
  });

  it('refuses an invalid date as a programming error', () => {
    expect(() => checkExpiry(1, 2030, new Date(Number.NaN))).toThrow(new RangeError('checkExpiry needs a valid date'));
  });

  const instant = fc.date({
    min: new Date('2001-01-01T00:00:00Z'),
    max: new Date('2090-12-31T00:00:00Z'),
    noInvalidDate: true,
  });

  it('never calls the current UTC month expired', () => {
    fc.assert(fc.property(instant, (at) => checkExpiry(at.getUTCMonth() + 1, at.getUTCFullYear(), at) === null));
  });

  it('always calls the month before last expired', () => {
    fc.assert(
      fc.property(instant, (at) => {
        const past = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() - 2, 1));
        return checkExpiry(past.getUTCMonth() + 1, past.getUTCFullYear(), at) === 'expired';
      }),
    );
  });

  it('agrees on two- and four-digit years', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 99 }), instant, (m, yy, at) => {
        return checkExpiry(m, yy, at) === checkExpiry(m, 2000 + yy, at);
      }),
    );
  });
});
