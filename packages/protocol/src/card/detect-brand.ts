import type { Brand } from '../brands';
import { type IinRange, iinTable } from './iin-table';

/** How a digit string stands against the IIN table. */
export interface BrandMatch {
  /** The brand to show now. */
  brand: Brand;
  /** No further digit can change `brand`. */
  settled: boolean;
  /** Some brand can still match, now or after more digits. */
  possible: boolean;
}

const moreSpecific = (a: IinRange, b: IinRange | undefined) => b === undefined || a.coverage < b.coverage;

/** Matches digits against every range: the rule behind detectBrand, exposed for checkNumber and tests. */
export function matchBrand(digits: string): BrandMatch {
  // No digit yet: every range is still being typed (what the loop below finds, without walking the table).
  if (digits === '') return { brand: 'unknown', settled: false, possible: true };
  if (!/^\d*$/.test(digits)) return { brand: 'unknown', settled: true, possible: false };
  let best: IinRange | undefined;
  let bestFallback: IinRange | undefined;
  let pending = false;
  for (const range of iinTable()) {
    const n = range.min.length;
    const head = digits.slice(0, n);
    // Compare equal-length digit strings; for a short input, against the same-length heads of min and max.
    if (head < range.min.slice(0, head.length) || head > range.max.slice(0, head.length)) continue;
    if (digits.length < n) pending = true;
    else if (range.fallback) bestFallback = moreSpecific(range, bestFallback) ? range : bestFallback;
    else best = moreSpecific(range, best) ? range : best;
  }
  const chosen = best ?? (pending ? undefined : bestFallback);
  return { brand: chosen?.brand ?? 'unknown', settled: !pending, possible: pending || chosen !== undefined };
}

/**
 * The card brand of a full or partly typed number (digits only).
 *
 * The most specific range whose whole prefix is already typed wins, and a more specific range still being
 * typed may take over later: `4` is Visa at once (Visa issues nearly every 4-number, so it is the likely
 * answer) and becomes Elo if `01178` follows. While no range is complete yet the answer is `unknown`
 * (`5`, `3`, `62`) rather than a coin toss between networks. Maestro's catch-all `6` counts only once
 * Discover, UnionPay, RuPay and the rest are ruled out (`600` is Maestro, `60` is still unknown).
 * @example detectBrand('4') // 'visa'
 * @example detectBrand('') // 'unknown'
 */
export function detectBrand(digits: string): Brand {
  return matchBrand(digits).brand;
}
