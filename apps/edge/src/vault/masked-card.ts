/** Digits that stay hidden between the BIN and the last four, whatever the number's length. */
export const MIN_HIDDEN_DIGITS = 5;

/**
 * The leading digits a token shows: six for numbers of 15 digits or more, fewer for shorter numbers, so that at
 * least five digits always stay hidden between them and the last four (a 12-digit Maestro shows three).
 */
export function visibleBin(number: string): string {
  const shown = Math.max(0, Math.min(6, number.length - 4 - MIN_HIDDEN_DIGITS));
  return number.slice(0, shown);
}
