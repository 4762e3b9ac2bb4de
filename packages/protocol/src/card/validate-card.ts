import type { CardData } from '../api';
import type { Brand } from '../brands';
import type { ApiErrorCode } from '../errors';
import { isValidName, isValidPostalCode } from './check-billing';
import { checkCvc } from './check-cvc';
import { checkExpiry } from './check-expiry';
import { checkNumber } from './check-number';
import { detectBrand } from './detect-brand';

export type ValidatedCard = CardData & { brand: Brand };

/** The edge's verdict on an unsealed card. A failure names the field (`param`), never its value. */
export type CardValidation = { ok: true; card: ValidatedCard } | { ok: false; code: ApiErrorCode; param: string };

const KEYS: ReadonlySet<string> = new Set(['number', 'expMonth', 'expYear', 'cvc', 'name', 'postalCode']);

const fail = (code: ApiErrorCode, param: string): CardValidation => ({ ok: false, code, param });

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
// Own properties only: a value from the prototype chain was not in the JSON the client sent.
const own = (r: Rec, key: string): unknown => (Object.hasOwn(r, key) ? r[key] : undefined);

/**
 * Checks the plaintext of a sealed card, as the edge does after unsealing and before vaulting anything.
 * Strict where the field page is lenient: the number must be 12-19 ASCII digits with no spaces, the year
 * four digits. Returns a fresh object holding only the known fields, with the brand added.
 * An unexpected key is `invalid_request` with `param: 'card'`: the key's name is client data too, and may
 * hold digits, so it is never echoed.
 */
export function validateCard(card: unknown, now: Date): CardValidation {
  if (!isRecord(card)) return fail('invalid_request', 'card');
  for (const key of Object.keys(card)) if (!KEYS.has(key)) return fail('invalid_request', 'card');

  const number = own(card, 'number');
  if (typeof number !== 'string' || !/^\d{12,19}$/.test(number) || !checkNumber(number, { final: true }).complete) {
    return fail('invalid_card_number', 'number');
  }
  const brand = detectBrand(number);

  const expMonth = own(card, 'expMonth');
  const expYear = own(card, 'expYear');
  if (typeof expMonth !== 'number' || !Number.isInteger(expMonth) || expMonth < 1 || expMonth > 12) {
    return fail('invalid_expiry', 'expMonth');
  }
  if (typeof expYear !== 'number' || !Number.isInteger(expYear) || expYear < 1000 || expYear > 9999) {
    return fail('invalid_expiry', 'expYear');
  }
  const expiry = checkExpiry(expMonth, expYear, now);
  if (expiry !== null) {
    // A past month of this year is the month's fault; a past or too distant year is the year's.
    const monthAtFault = expiry === 'expired' && expYear >= now.getUTCFullYear();
    return fail('invalid_expiry', monthAtFault ? 'expMonth' : 'expYear');
  }

  const valid: ValidatedCard = { number, expMonth, expYear, brand };

  const cvc = own(card, 'cvc');
  if (cvc !== undefined) {
    if (typeof cvc !== 'string' || !checkCvc(cvc, brand, { final: true }).complete) return fail('invalid_cvc', 'cvc');
    valid.cvc = cvc;
  }

  const name = own(card, 'name');
  if (name !== undefined) {
    if (typeof name !== 'string' || !isValidName(name)) return fail('invalid_name', 'name');
    valid.name = name;
  }

  const postalCode = own(card, 'postalCode');
  if (postalCode !== undefined) {
    if (typeof postalCode !== 'string' || !isValidPostalCode(postalCode)) {
      return fail('invalid_postal_code', 'postalCode');
    }
    valid.postalCode = postalCode;
  }

  return { ok: true, card: valid };
}
