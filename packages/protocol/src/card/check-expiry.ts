import type { FieldErrorCode } from '../errors';

export type ExpiryError = Extract<FieldErrorCode, 'invalid_expiry' | 'expired'>;

// A card is good through the last day of its month in the issuer's time zone, which we do not know. The
// month ends last at UTC-12, so that is when we call it expired: a day early would refuse a valid card.
const LAST_MONTH_END_OFFSET_MS = 12 * 60 * 60 * 1000;
// Issuers print at most about 20 years ahead; a later year is a typo, not a card.
const MAX_YEARS_AHEAD = 20;

/**
 * Checks an expiry against `now`. `year` may be two digits (20xx) or four. Returns null when the card is
 * good: month 1-12, not past the end of its month anywhere on Earth, at most 20 years ahead.
 * @example checkExpiry(12, 34, new Date('2025-01-01')) // null
 */
export function checkExpiry(month: number, year: number, now: Date): ExpiryError | null {
  const time = now.getTime();
  if (Number.isNaN(time)) throw new RangeError('checkExpiry needs a valid date');
  if (!Number.isInteger(month) || !Number.isInteger(year) || month < 1 || month > 12) return 'invalid_expiry';
  const fullYear = year >= 0 && year <= 99 ? 2000 + year : year;
  if (fullYear < 1000 || fullYear > 9999) return 'invalid_expiry';
  if (fullYear - now.getUTCFullYear() > MAX_YEARS_AHEAD) return 'invalid_expiry';
  // Date.UTC months count from 0, so `month` here is the first day of the month after expiry.
  const endsAt = Date.UTC(fullYear, month, 1) + LAST_MONTH_END_OFFSET_MS;
  return time >= endsAt ? 'expired' : null;
}
