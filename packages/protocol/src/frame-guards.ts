import { isBrand } from './brands';
import { isValidName, isValidPostalCode } from './card/check-billing';
import { isFieldErrorCode, type TesseraError } from './errors';
import {
  type CardSummary,
  ELEMENT_TYPES,
  type ElementType,
  type Envelope,
  FIELD_NAMES,
  type FieldError,
  type FieldName,
  FRAME_PROTOCOL,
  type FrameToFrame,
  type FrameToParent,
  OPTIONAL_SPLIT_TYPES,
  type ParentToFrame,
  SPLIT_ELEMENT_TYPES,
  type SplitElementType,
  type TokenizeResult,
} from './frame-messages';
import { isRecord, SANITIZE_PROBLEMS, type SanitizeProblem } from './sanitize-context';

// The runtime guards of frame-messages.ts: each side runs one on every message it receives, after its origin and
// source checks, so that nothing of the wrong shape (or, towards the merchant page, with a digit it must not carry)
// is ever acted on.

type Rec = Record<string, unknown>;
const among =
  <T extends string>(values: readonly T[]) =>
  (v: unknown): v is T =>
    typeof v === 'string' && (values as readonly string[]).includes(v);
const isElementType = among<ElementType>(ELEMENT_TYPES);
const isSplitElementType = among<SplitElementType>(SPLIT_ELEMENT_TYPES);
const isFieldName = among<FieldName>(FIELD_NAMES);
const isId = (v: unknown): v is string => typeof v === 'string' && /^[\w-]{1,64}$/.test(v);
const isEmptyRecord = (v: unknown): boolean => isRecord(v) && Object.keys(v).length === 0;
// A frame's title is text for the iframe's accessible name: printable, short, and without a single digit.
const isTitle = (v: unknown): v is string => typeof v === 'string' && /^[^\p{Cc}\p{N}]{1,200}$/u.test(v);

// A warning names an option by its path, with the allowed values or a limit: printable text only.
const isWarningText = (v: unknown, max: number): v is string =>
  typeof v === 'string' && v.length <= max && /^[^\p{Cc}]+$/u.test(v);
const isWarningDetail = (v: unknown): boolean =>
  v === undefined || (Array.isArray(v) && v.length <= 64 && v.every((d) => isWarningText(d, 100)));

function isFieldError(v: unknown): v is FieldError {
  return isRecord(v) && isFieldErrorCode(v.code) && typeof v.message === 'string';
}

function isCardSummary(v: unknown): v is CardSummary {
  return (
    isRecord(v) &&
    isBrand(v.brand) &&
    typeof v.last4 === 'string' &&
    /^\d{4}$/.test(v.last4) &&
    Number.isInteger(v.expMonth) &&
    Number.isInteger(v.expYear)
  );
}

function isTesseraError(v: unknown): v is TesseraError {
  return isRecord(v) && typeof v.type === 'string' && typeof v.code === 'string' && typeof v.message === 'string';
}

function isTokenizeResult(v: unknown): v is TokenizeResult {
  if (!isRecord(v)) return false;
  if ('error' in v) return isTesseraError(v.error);
  return typeof v.token === 'string' && /^tok_[\w-]+$/.test(v.token) && isCardSummary(v.card);
}

/** Guard for messages a merchant page accepts from a field page (after its origin and source checks). */
export function isFrameToParent(data: unknown): data is Envelope<FrameToParent> {
  if (!isRecord(data) || data.tessera !== FRAME_PROTOCOL) return false;
  const p = data.payload;
  if (!isRecord(p)) return false;
  switch (data.type) {
    case 'ready':
      return isElementType(p.element) && isId(p.channel);
    case 'change':
      return (
        isElementType(p.element) &&
        typeof p.empty === 'boolean' &&
        typeof p.complete === 'boolean' &&
        typeof p.valid === 'boolean' &&
        isBrand(p.brand) &&
        (p.error === undefined || isFieldError(p.error))
      );
    case 'focus':
    case 'blur':
      return isElementType(p.element) && isFieldName(p.field);
    case 'escape':
    case 'advance':
      return isElementType(p.element);
    case 'resize':
      return typeof p.height === 'number' && Number.isFinite(p.height) && p.height >= 0 && p.height < 10_000;
    case 'title':
      return isTitle(p.title);
    case 'warning':
      return (
        isWarningText(p.option, 200) &&
        among<SanitizeProblem>(SANITIZE_PROBLEMS)(p.problem) &&
        isWarningDetail(p.detail)
      );
    case 'validate:result':
      return isId(data.id) && isElementType(p.element) && (p.error === undefined || isFieldError(p.error));
    case 'tokenize:result':
      return isId(data.id) && isTokenizeResult(p);
    default:
      return false;
  }
}

/** `{}` or `{ collect: [...] }`: optional split types, each at most once. */
function isTokenizePayload(p: unknown): boolean {
  if (!isRecord(p)) return false;
  const keys = Object.keys(p);
  if (keys.length === 0) return true;
  if (keys.length !== 1 || keys[0] !== 'collect' || !Array.isArray(p.collect)) return false;
  const collect: unknown[] = p.collect;
  return collect.every(among(OPTIONAL_SPLIT_TYPES)) && new Set(collect).size === collect.length;
}

/** Guard for messages a field page accepts from its parent (after its origin and source checks). */
export function isParentToFrame(data: unknown): data is Envelope<ParentToFrame> {
  if (!isRecord(data) || data.tessera !== FRAME_PROTOCOL) return false;
  switch (data.type) {
    case 'tokenize':
      return isId(data.id) && isTokenizePayload(data.payload);
    case 'validate':
      return isId(data.id) && isEmptyRecord(data.payload);
    case 'update':
      return isRecord(data.payload);
    case 'focus':
    case 'blur':
    case 'clear':
      return isEmptyRecord(data.payload);
    default:
      return false;
  }
}

const isMonth = (v: unknown) => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 12;
const isYear = (v: unknown) => Number.isInteger(v) && (v as number) >= 2000 && (v as number) < 2200;

function isCollectedPart(p: Rec): boolean {
  if ('error' in p) return isSplitElementType(p.element) && p.element !== 'cardNumber' && isFieldError(p.error);
  switch (p.element) {
    case 'cardExpiry':
      return isMonth(p.expMonth) && isYear(p.expYear);
    case 'cardCvc':
      return p.cvc === undefined || (typeof p.cvc === 'string' && /^\d{3,4}$/.test(p.cvc));
    case 'cardholderName':
      return typeof p.name === 'string' && isValidName(p.name);
    case 'postalCode':
      return typeof p.postalCode === 'string' && isValidPostalCode(p.postalCode);
    default:
      return false;
  }
}

/**
 * Guard for messages a field page accepts from a sibling frame of its split group (after its origin, source and
 * channel checks, the channel being in every payload).
 */
export function isFrameToFrame(data: unknown): data is Envelope<FrameToFrame> {
  if (!isRecord(data) || data.tessera !== FRAME_PROTOCOL) return false;
  const p = data.payload;
  if (!isRecord(p) || !isId(p.channel)) return false;
  switch (data.type) {
    case 'hello':
      return isSplitElementType(p.element);
    case 'brand':
      return isBrand(p.brand);
    case 'collect':
      return isId(data.id) && isBrand(p.brand);
    case 'collect:result':
      return isId(data.id) && isCollectedPart(p);
    default:
      return false;
  }
}
