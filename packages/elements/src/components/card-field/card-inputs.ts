import { type CardFields, MAX_NAME_LENGTH, MAX_POSTAL_CODE_LENGTH, maxNumberLength } from '@tessera/protocol';
import {
  CARD_DEFAULT_INPUTS,
  CARD_INPUTS,
  type CardCheck,
  type CardInput,
  maxCvcLength,
  type OptionalInputs,
} from './card-state';

/** How each input is marked up: the autocomplete token browsers fill it by, and what the keyboard offers. */
export interface InputAttributes {
  autocomplete: string;
  name: string;
  /** Digits only, laid out left to right whatever the page's direction. */
  digits: boolean;
  maxlength?: number;
  autocapitalize?: 'words' | 'characters';
}

// The autocomplete tokens are the ones browsers fill saved cards by: number, expiry, code and name in one go.
export const INPUT_ATTRIBUTES: Record<CardInput, InputAttributes> = {
  name: { autocomplete: 'cc-name', name: 'ccname', digits: false, maxlength: MAX_NAME_LENGTH, autocapitalize: 'words' },
  number: { autocomplete: 'cc-number', name: 'cardnumber', digits: true },
  expiry: { autocomplete: 'cc-exp', name: 'exp-date', digits: true },
  cvc: { autocomplete: 'cc-csc', name: 'cvc', digits: true },
  postalCode: {
    autocomplete: 'billing postal-code',
    name: 'postal',
    digits: false,
    maxlength: MAX_POSTAL_CODE_LENGTH,
    autocapitalize: 'characters',
  },
};

export const isCardInput = (id: string): id is CardInput => (CARD_INPUTS as readonly string[]).includes(id);

/** `inputs="expiry cvc"` → the inputs it names, in tab order; nothing valid → undefined (the combined card). */
export function readInputs(value: string | null): readonly CardInput[] | undefined {
  const named = new Set((value ?? '').split(/\s+/));
  const inputs = CARD_INPUTS.filter((input) => named.has(input));
  return inputs.length > 0 ? inputs : undefined;
}

/** The combined card's inputs: number, expiry and code, with the name and postal code its `fields` ask for. */
export function combinedInputs(fields: CardFields = {}): readonly CardInput[] {
  const extra = (input: CardInput) =>
    input === 'name' ? fields.name : input === 'postalCode' ? fields.postalCode : 'never';
  return CARD_INPUTS.filter((input) => CARD_DEFAULT_INPUTS.includes(input) || (extra(input) ?? 'never') !== 'never');
}

/** The combined card's inputs the shopper may leave empty. */
export function optionalInputs(fields: CardFields = {}): OptionalInputs {
  const optional = new Set<CardInput>();
  if (fields.name === 'optional') optional.add('name');
  if (fields.postalCode === 'optional') optional.add('postalCode');
  return optional;
}

// A pasted number may hold spaces, dashes or dots between its groups (and a slash in a date); a letter means the
// clipboard held something else, and the paste is refused rather than silently stripped to some other number.
const PASTE_SEPARATORS = /^[\d\s\-‐‑–—./]*$/;

/** Whether pasted text may go into a digits input. */
export const isDigitsPaste = (text: string) => PASTE_SEPARATORS.test(text.normalize('NFKC'));

// Auto-advance is focus policy, not a card rule: a number moves on when it is complete and either has its
// brand's longest length or at least 16 digits, so a 13-digit prefix of a 16-digit Visa that happens to pass
// Luhn never steals focus mid-number. A code moves on only at its brand's longest length; an expiry when complete;
// a name or postal code never (no length says it is whole).
const ADVANCE_AT_DIGITS = 16;

/**
 * Where focus goes after the shopper typed the last character of `input`: the next input shown, `out` of the
 * element when `input` is its last (a split field hands focus to the next frame), or nowhere yet.
 */
export function nextInput(
  input: CardInput,
  value: string,
  check: CardCheck,
  inputs: readonly CardInput[],
): CardInput | 'out' | undefined {
  const { complete, error } = check.inputs[input];
  if (!complete || error || !INPUT_ATTRIBUTES[input].digits) return undefined;
  const digits = value.replace(/\D/g, '').length;
  if (input === 'number' && digits < ADVANCE_AT_DIGITS && digits !== maxNumberLength(check.brand)) return undefined;
  if (input === 'cvc' && digits !== maxCvcLength(check.brand)) return undefined;
  return inputs[inputs.indexOf(input) + 1] ?? 'out';
}
