import {
  type Brand,
  brandRules,
  type CardData,
  checkCvc,
  checkExpiry,
  checkNumber,
  digitsOnly,
  FIELD_ERRORS,
  type FieldError,
  type FieldErrorCode,
  parseExpiry,
} from '@tessera/protocol';

/** The three inputs of the card element, in tab order. */
export const CARD_INPUTS = ['number', 'expiry', 'cvc'] as const;
export type CardInput = (typeof CARD_INPUTS)[number];

/** What the shopper typed, as shown in the inputs. Lives only in the field page's realm. */
export type CardValues = Record<CardInput, string>;
/** Inputs whose still-short value now counts as an error: left non-empty, or all of them when paying. */
export type FinalFlags = Record<CardInput, boolean>;

export interface InputCheck {
  empty: boolean;
  complete: boolean;
  error?: FieldErrorCode;
}

export interface CardCheck {
  brand: Brand;
  inputs: Record<CardInput, InputCheck>;
}

/** The state the merchant page may know: no value, no digit. */
export interface CardFieldState {
  empty: boolean;
  complete: boolean;
  valid: boolean;
  brand: Brand;
  error?: FieldError;
}

export const EMPTY_VALUES: CardValues = { number: '', expiry: '', cvc: '' };
export const NOT_FINAL: FinalFlags = { number: false, expiry: false, cvc: false };
export const ALL_FINAL: FinalFlags = { number: true, expiry: true, cvc: true };

function checkExpiryInput(value: string, final: boolean, now: Date): InputCheck {
  const empty = value.trim() === '';
  const parsed = parseExpiry(value);
  if (!parsed) return final ? { empty, complete: false, error: 'incomplete_expiry' } : { empty, complete: false };
  const error = checkExpiry(parsed.month, parsed.year, now);
  return error ? { empty, complete: false, error } : { empty, complete: true };
}

/**
 * Checks every input with the protocol's card rules; `final` inputs report a short value as an error.
 * `knownBrand` is the brand a split CVC field learnt from its group's number frame (it has no number of its own).
 */
export function checkCard(values: CardValues, final: FinalFlags, now: Date, knownBrand?: Brand): CardCheck {
  const digits = digitsOnly(values.number);
  const number = checkNumber(digits, { final: final.number });
  const brand = knownBrand ?? number.brand;
  const cvc = checkCvc(digitsOnly(values.cvc), brand, { final: final.cvc });
  return {
    brand,
    inputs: {
      number: { empty: digits === '', complete: number.complete, ...(number.error && { error: number.error }) },
      expiry: checkExpiryInput(values.expiry, final.expiry, now),
      // A brand whose cards may carry no code takes an empty one as complete, but it is still empty.
      cvc: { empty: values.cvc === '', complete: cvc.complete, ...(cvc.error && { error: cvc.error }) },
    },
  };
}

/** The first error in tab order among `inputs` (all three by default), with its fixed message. */
export function firstError(check: CardCheck, inputs: readonly CardInput[] = CARD_INPUTS): FieldError | undefined {
  for (const input of inputs) {
    const code = check.inputs[input].error;
    if (code) return { code, message: FIELD_ERRORS[code] };
  }
  return undefined;
}

/** The state of the inputs an element shows (all three, or the one of a split field). */
export function summarize(check: CardCheck, inputs: readonly CardInput[] = CARD_INPUTS): CardFieldState {
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

export function sameState(a: CardFieldState | undefined, b: CardFieldState): boolean {
  return (
    a !== undefined &&
    a.empty === b.empty &&
    a.complete === b.complete &&
    a.valid === b.valid &&
    a.brand === b.brand &&
    a.error?.code === b.error?.code
  );
}

/** The parts of the card that `inputs` hold, or undefined while any of them is incomplete or wrong. */
export function toCardParts(
  values: CardValues,
  check: CardCheck,
  inputs: readonly CardInput[] = CARD_INPUTS,
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
  return parts;
}

/** The card as sealed for the edge, or undefined while any input is incomplete or wrong. */
export function toCardData(values: CardValues, check: CardCheck): CardData | undefined {
  const parts = toCardParts(values, check);
  return parts && { number: parts.number ?? '', expMonth: parts.expMonth ?? 0, expYear: parts.expYear ?? 0, ...parts };
}

/** How many digits the security code input takes for this brand (4 for Amex). */
export function maxCvcLength(brand: Brand): number {
  return Math.max(...brandRules(brand).cvcLengths);
}
