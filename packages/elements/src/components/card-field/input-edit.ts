import { detectBrand, digitsOnly, formatCardNumber, formatExpiry, maxNumberLength } from '@tessera/protocol';

/** An input's value after formatting, and where its caret goes. */
export interface Edit {
  value: string;
  caret: number;
}

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';

/** The index just after the `count`-th digit of `text` (0 when count is 0). */
function afterDigits(text: string, count: number): number {
  if (count <= 0) return 0;
  let seen = 0;
  for (let i = 0; i < text.length; i++) {
    if (isDigit(text[i]) && ++seen === count) return i + 1;
  }
  return text.length;
}

/**
 * Re-lays out an input's text after the shopper changed it (typing, deleting, pasting, autofill) and keeps the
 * caret after the same digit it followed. A deletion that removed only a separator the formatter adds (a space,
 * the ` / ` of the expiry) deletes the digit beside it instead, so backspace never gets stuck.
 */
export function reformat(
  raw: string,
  caret: number,
  previous: string,
  inputType: string,
  format: (text: string) => string,
): Edit {
  let text = raw.normalize('NFKC');
  let before = digitsOnly(text.slice(0, caret)).length;
  if (inputType.startsWith('delete') && raw !== previous && digitsOnly(raw) === digitsOnly(previous)) {
    const digits = digitsOnly(raw);
    if (inputType === 'deleteContentForward') {
      text = digits.slice(0, before) + digits.slice(before + 1);
    } else {
      before = Math.max(0, before - 1);
      text = digits.slice(0, before) + digits.slice(before + 1);
    }
  }
  const value = format(text);
  const total = digitsOnly(value).length;
  // At the end, the caret goes past any separator the formatter appended (`02 / `).
  return { value, caret: before >= total ? value.length : afterDigits(value, before) };
}

/** The card number laid out in its brand's groups, cut at the brand's longest length. */
export function formatNumberInput(text: string): string {
  const digits = digitsOnly(text);
  return formatCardNumber(digits.slice(0, maxNumberLength(detectBrand(digits))));
}

/** The expiry as `MM / YY` (typed `1234`, autofilled `12/2034` or `12/34`). */
export function formatExpiryInput(text: string): string {
  return formatExpiry(text);
}

/** The security code: digits only, at most `max`. */
export function formatCvcInput(text: string, max: number): string {
  return digitsOnly(text).slice(0, max);
}
