import type { Brand } from '../brands';
import { EXTRA_RANGES } from './extra-ranges';
import { LIBRARY_NAMES, type LibraryBrand, libraryType } from './library-types';

/** One IIN range: numbers whose first `min.length` digits lie in [min, max] belong to `brand`. */
export interface IinRange {
  readonly brand: Brand;
  readonly min: string;
  readonly max: string;
  /**
   * Share of all numbers the range covers; the smaller, the more specific. For a plain prefix this orders
   * exactly like "longest prefix wins", and it also ranks ranges of the same length by width.
   */
  readonly coverage: number;
  /** A catch-all that only counts once no more specific range can still match (see detectBrand). */
  readonly fallback: boolean;
}

function range(brand: Brand, min: string, max = min, fallback = false): IinRange {
  const coverage = (Number(max) - Number(min) + 1) / 10 ** min.length;
  return { brand, min, max, coverage, fallback };
}

// credit-card-type files every number starting with 6 under Maestro. As a guess it would show a Maestro
// logo for the first digit of every Discover, UnionPay and RuPay card, so it waits until they are ruled out.
const isCatchAll = (brand: Brand, min: string) => brand === 'maestro' && min === '6';

function libraryRanges(): IinRange[] {
  const ranges: IinRange[] = [];
  for (const brand of Object.keys(LIBRARY_NAMES) as LibraryBrand[]) {
    for (const pattern of libraryType(brand).patterns) {
      const [min, max] = typeof pattern === 'number' ? [pattern, pattern] : pattern;
      ranges.push(range(brand, String(min), String(max), isCatchAll(brand, String(min))));
    }
  }
  return ranges;
}

let table: readonly IinRange[] | undefined;

/**
 * Every range we know, the library's first; on equal coverage the earlier range wins. Built on first use, not at
 * import: a field page that has not been typed in yet needs none of it.
 */
export function iinTable(): readonly IinRange[] {
  table ??= [...libraryRanges(), ...EXTRA_RANGES.map(([brand, min, max]) => range(brand, min, max))];
  return table;
}
