// The cardholder's name and postal code: checked by the field page as the shopper types and by the edge on the
// unsealed card (`validateCard`), so both accept and refuse the same values.

/** The longest name on a card, in code points. */
export const MAX_NAME_LENGTH = 100;
/** The longest postal code, in characters (ASCII only). */
export const MAX_POSTAL_CODE_LENGTH = 16;

// Control characters, lone surrogates and line/paragraph separators would break logs, CSV exports and
// processors downstream; no printed name needs them.
const BAD_NAME_CHAR = /[\p{Cc}\p{Cs}\p{Zl}\p{Zp}]/u;
const POSTAL_CODE = /^(?=.*[A-Za-z0-9])[A-Za-z0-9 -]{1,16}$/;

/** A name as printed on a card: 1 to 100 code points, not blank, no control or separator characters. */
export function isValidName(name: string): boolean {
  const length = [...name].length;
  return length >= 1 && length <= MAX_NAME_LENGTH && !BAD_NAME_CHAR.test(name) && name.trim() !== '';
}

/** A postal code of any country: 1 to 16 ASCII letters, digits, spaces or dashes, with a letter or a digit. */
export function isValidPostalCode(postalCode: string): boolean {
  return POSTAL_CODE.test(postalCode);
}
