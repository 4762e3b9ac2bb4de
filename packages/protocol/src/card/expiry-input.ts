import { digitsOnly } from './format-number';

/** An expiry as parsed: month as written (checkExpiry judges it), year always four digits. */
export interface Expiry {
  month: number;
  year: number;
}

// Two-digit years are this century's: cards are issued for at most about 20 years, so 20xx holds till 2080.
const fullYear = (year: string) => (year.length === 2 ? 2000 + Number(year) : Number(year));

/**
 * Reads an expiry date; `null` when it is not a whole date yet. Accepted: `MM/YY`, `M/YY`, `MM/YYYY`, `M/YYYY`
 * with `/`, `-` or spaces around or as the separator (so `12 / 34` from formatExpiry), and bare typed digits
 * `MMYY` or `MMYYYY`. Three or five bare digits are refused: `134` could be 1/34 or 13/4.
 * The month is returned even when out of range, so a field can say "invalid" rather than "incomplete".
 * @example parseExpiry('12 / 34') // { month: 12, year: 2034 }
 */
export function parseExpiry(input: string): Expiry | null {
  if (input === '') return null;
  const text = input.normalize('NFKC').trim();
  const match = /^(\d{1,2})\s*(?:[/-]|\s)\s*(\d{2}|\d{4})$/.exec(text) ?? /^(\d{2})(\d{2}|\d{4})$/.exec(text);
  if (!match) return null;
  return { month: Number(match[1]), year: fullYear(match[2] ?? '') };
}

function layout(month: string, year: string): string {
  return `${month} / ${year}`;
}

/**
 * Lays out what the shopper typed as `MM / YY`, as far as it goes.
 * - `1` stays `1` (could become 10-12); `0` stays `0`.
 * - A first digit 2-9 is a month on its own: `2` → `02 / `.
 * - `1` followed by 3-9 cannot be a month, so it is `01` and the digit starts the year: `13` → `01 / 3`.
 * - Text with a separator keeps the shopper's split: `1/25` → `01 / 25`, and a four-digit year is shortened:
 *   `12/2034` → `12 / 34` (autofill and paste).
 * Only the first two year digits are kept; formatting its own output returns it unchanged.
 * Deleting across the ` / ` is the input's job: this function only ever sees a value.
 * @example formatExpiry('1234') // '12 / 34'
 */
export function formatExpiry(typed: string): string {
  const text = typed.normalize('NFKC');
  const split = /^\s*(\d{1,2})\s*[/-]\s*(\d*)\s*$/.exec(text);
  if (split) {
    const month = (split[1] ?? '').padStart(2, '0');
    const year = split[2] ?? '';
    return layout(month, year.length === 4 ? year.slice(2) : year.slice(0, 2));
  }
  const d = digitsOnly(text);
  const first = d[0];
  if (first === undefined) return '';
  if (first >= '2') return layout(`0${first}`, d.slice(1, 3));
  if (d.length === 1) return d;
  const second = d[1] ?? '';
  if (first === '1' && second > '2') return layout('01', d.slice(1, 3));
  const year = d.slice(2);
  return layout(d.slice(0, 2), year.length === 4 ? year.slice(2) : year.slice(0, 2));
}
