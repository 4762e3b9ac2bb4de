import {
  type Brand,
  brandRules,
  type CardData,
  checkCvc,
  checkExpiry,
  checkNumber,
  digitsOnly,
  type FieldErrorCode,
  isValidName,
  isValidPostalCode,
  parseExpiry,
} from '@tessera/protocol';

/** Every input a card element can show, in tab order: the combined card shows name and postal code on request. */
export const CARD_INPUTS = ['name', 'number', 'expiry', 'cvc', 'postalCode'] as const;
export type CardInput = (typeof CARD_INPUTS)[number];
/** What the combined card shows unless its options ask for more. */
export const CARD_DEFAULT_INPUTS: readonly CardInput[] = ['number', 'expiry', 'cvc'];

/** What the shopper typed, as shown in the inputs. Lives only in the field page's realm. */
export type CardValues = Record<CardInput, string>;
/** Inputs whose still-short value now counts as an error: left non-empty, or all of them when paying. */
export type FinalFlags = Record<CardInput, boolean>;
/** The inputs that may stay empty: an optional name or postal code. */
export type OptionalInputs = ReadonlySet<CardInput>;

export interface InputCheck {
  empty: boolean;
  complete: boolean;
  error?: FieldErrorCode;
}

export interface CardCheck {
  brand: Brand;
  inputs: Record<CardInput, InputCheck>;
}

/** The state the merchant page may know: no value, no digit. The error is a code; the element words it. */
export interface CardSummary {
  empty: boolean;
  complete: boolean;
  valid: boolean;
  brand: Brand;
  error?: FieldErrorCode;
}

export const EMPTY_VALUES: CardValues = { name: '', number: '', expiry: '', cvc: '', postalCode: '' };
export const NOT_FINAL: FinalFlags = { name: false, number: false, expiry: false, cvc: false, postalCode: false };
export const ALL_FINAL: FinalFlags = { name: true, number: true, expiry: true, cvc: true, postalCode: true };
const NONE: OptionalInputs = new Set();

function checkExpiryInput(value: string, final: boolean, now: Date): InputCheck {
  const empty = value.trim() === '';
  const parsed = parseExpiry(value);
  if (!parsed) return final ? { empty, complete: false, error: 'incomplete_expiry' } : { empty, complete: false };
  const error = checkExpiry(parsed.month, parsed.year, now);
  return error ? { empty, complete: false, error } : { empty, complete: true };
}

/** A name or postal code: wrong at once when it holds what no valid one can, incomplete only when final. */
function checkText(value: string, final: boolean, optional: boolean, input: 'name' | 'postalCode'): InputCheck {
  const text = value.trim();
  if (text === '') {
    if (optional) return { empty: value === '', complete: true };
    return final
      ? { empty: value === '', complete: false, error: `incomplete_${input === 'name' ? 'name' : 'postal_code'}` }
      : { empty: value === '', complete: false };
  }
  const valid = input === 'name' ? isValidName(text) : isValidPostalCode(text);
  return valid
    ? { empty: false, complete: true }
    : { empty: false, complete: false, error: input === 'name' ? 'invalid_name' : 'invalid_postal_code' };
}

/**
 * Checks every input with the protocol's card rules; `final` inputs report a short value as an error.
 * `knownBrand` is the brand a split CVC field learnt from its group's number frame (it has no number of its own).
 */
export function checkCard(
  values: CardValues,
  final: FinalFlags,
  now: Date,
  knownBrand?: Brand,
  optional: OptionalInputs = NONE,
): CardCheck {
  const digits = digitsOnly(values.number);
  const number = checkNumber(digits, { final: final.number });
  const brand = knownBrand ?? number.brand;
  const cvc = checkCvc(digitsOnly(values.cvc), brand, { final: final.cvc });
  return {
    brand,
    inputs: {
      name: checkText(values.name, final.name, optional.has('name'), 'name'),
      number: { empty: digits === '', complete: number.complete, ...(number.error && { error: number.error }) },
      expiry: checkExpiryInput(values.expiry, final.expiry, now),
      // A brand whose cards may carry no code takes an empty one as complete, but it is still empty.
      cvc: { empty: values.cvc === '', complete: cvc.complete, ...(cvc.error && { error: cvc.error }) },
      postalCode: checkText(values.postalCode, final.postalCode, optional.has('postalCode'), 'postalCode'),
    },
  };
}

/** The first error in tab order among `inputs`. */
export function firstError(check: CardCheck, inputs: readonly CardInput[]): FieldErrorCode | undefined {
  for (const input of inputs) {
    const code = check.inputs[input].error;
    if (code) return code;
  }
  return undefined;
}

/** The state of the inputs an element shows (the combined card's, or the one of a split field). */
export function summarize(check: CardCheck, inputs: readonly CardInput[]): CardSummary {
  const error = firstError(check, inputs);
  const all = inputs.map((input) => check.inputs[input]);
  return {
    empty: all.every((i) => i.empty),
    complete: all.every((i) => i.complete && !i.error),
    valid: error === undefined,
    brand: check.brand,
    ...(error && { error }),
  };
}

export function sameSummary(a: CardSummary | undefined, b: CardSummary): boolean {
  return (
    a !== undefined &&
    a.empty === b.empty &&
    a.complete === b.complete &&
    a.valid === b.valid &&
    a.brand === b.brand &&
    a.error === b.error
  );
}

/** The parts of the card that `inputs` hold, or undefined while any of them is incomplete or wrong. */
export function toCardParts(
  values: CardValues,
  check: CardCheck,
  inputs: readonly CardInput[],
): Partial<CardData> | undefined {
  if (!summarize(check, inputs).complete) return undefined;
  const parts: Partial<CardData> = {};
  if (inputs.includes('number')) parts.number = digitsOnly(values.number);
  if (inputs.includes('expiry')) {
    const expiry = parseExpiry(values.expiry);
    if (!expiry) return undefined;
    parts.expMonth = expiry.month;
    parts.expYear = expiry.year;
  }
  const cvc = digitsOnly(values.cvc);
  if (inputs.includes('cvc') && cvc) parts.cvc = cvc;
  const name = values.name.trim();
  if (inputs.includes('name') && name) parts.name = name;
  const postalCode = values.postalCode.trim();
  if (inputs.includes('postalCode') && postalCode) parts.postalCode = postalCode;
  return parts;
}

/** The card as sealed for the edge, or undefined while any input is incomplete or wrong. */
export function toCardData(values: CardValues, check: CardCheck, inputs: readonly CardInput[]): CardData | undefined {
  const parts = toCardParts(values, check, inputs);
  return parts && { number: parts.number ?? '', expMonth: parts.expMonth ?? 0, expYear: parts.expYear ?? 0, ...parts };
}

/** How many digits the security code input takes for this brand (4 for Amex). */
export function maxCvcLength(brand: Brand): number {
  return Math.max(...brandRules(brand).cvcLengths);
}
