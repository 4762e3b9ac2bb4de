import type { ElementStyle } from './appearance';
import { sanitizeStyle } from './appearance';
import { type Brand, isBrand } from './brands';
import { type FieldErrorCode, isFieldErrorCode, type TesseraError } from './errors';

/** Version tag of every postMessage between the merchant page and a field page. */
export const FRAME_PROTOCOL = 1 as const;

/** Elements a merchant can create: the combined card, or the split fields (one iframe each). */
export const ELEMENT_TYPES = ['card', 'cardNumber', 'cardExpiry', 'cardCvc'] as const;
export type ElementType = (typeof ELEMENT_TYPES)[number];

/** Split fields: one group's number, expiry and CVC frames gather the card frame-to-frame, never through the parent. */
export const SPLIT_ELEMENT_TYPES = ['cardNumber', 'cardExpiry', 'cardCvc'] as const;
export type SplitElementType = (typeof SPLIT_ELEMENT_TYPES)[number];
/** The split fields whose frame hands its value to the number frame when it collects the card. */
export type CollectedElementType = Exclude<SplitElementType, 'cardNumber'>;

/** The inputs inside an element, named for focus and blur events. */
export const FIELD_NAMES = ['number', 'expiry', 'cvc'] as const;
export type FieldName = (typeof FIELD_NAMES)[number];

/** What the merchant page may know about a card: never digits beyond last4 and never the CVC. */
export interface CardSummary {
  brand: Brand;
  last4: string;
  expMonth: number;
  expYear: number;
}

export type TokenizeResult = { token: string; card: CardSummary } | { error: TesseraError };

/** Options given to `elements.create('card', options)`; they reach the field page in the URL fragment. */
export interface CardElementOptions {
  style?: ElementStyle;
  disabled?: boolean;
  /** Hides the brand icon inside the number input. */
  hideIcon?: boolean;
  /**
   * `false` hides the frame's own error text (screen readers still hear it), for a merchant that shows the
   * `change` event's `error` its own way. Shown by default.
   */
  showErrors?: boolean;
}

export interface FieldError {
  code: FieldErrorCode;
  message: string;
}

/** Field page → merchant page. */
export type FrameToParent =
  | { type: 'ready'; payload: { element: ElementType; channel: string } }
  | {
      type: 'change';
      payload: {
        element: ElementType;
        empty: boolean;
        complete: boolean;
        valid: boolean;
        brand: Brand;
        error?: FieldError;
      };
    }
  | { type: 'focus' | 'blur'; payload: { element: ElementType; field: FieldName } }
  | { type: 'resize'; payload: { height: number } }
  | { type: 'tokenize:result'; id: string; payload: TokenizeResult };

/** Merchant page → field page. */
export type ParentToFrame =
  | { type: 'tokenize'; id: string; payload: Record<string, never> }
  | { type: 'update'; payload: CardElementOptions }
  | { type: 'focus' | 'blur' | 'clear'; payload: Record<string, never> };

/** What a sibling frame hands to the number frame: its own part of the card, checked, or why it cannot. */
export type CollectedPart =
  | { element: 'cardExpiry'; expMonth: number; expYear: number }
  | { element: 'cardCvc'; cvc?: string }
  | { element: CollectedElementType; error: FieldError };

/**
 * Field page → sibling field page of the same split group: posted to `window.parent.frames[i]` with the page's
 * own (edge) origin as target, accepted only from that origin, from a frame of the same parent, with the same
 * channel. The only messages that carry card values, and they never leave the edge origin.
 */
export type FrameToFrame =
  | { type: 'hello'; payload: { channel: string; element: SplitElementType } }
  | { type: 'brand'; payload: { channel: string; brand: Brand } }
  | { type: 'collect'; id: string; payload: { channel: string; brand: Brand } }
  | { type: 'collect:result'; id: string; payload: { channel: string } & CollectedPart };

export type Envelope<M> = { tessera: typeof FRAME_PROTOCOL } & M;

/** Wraps a message in the protocol envelope. */
export function envelope<M extends FrameToParent | ParentToFrame | FrameToFrame>(message: M): Envelope<M> {
  return { tessera: FRAME_PROTOCOL, ...message };
}

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const isElementType = (v: unknown): v is ElementType =>
  typeof v === 'string' && (ELEMENT_TYPES as readonly string[]).includes(v);
const isSplitElementType = (v: unknown): v is SplitElementType =>
  typeof v === 'string' && (SPLIT_ELEMENT_TYPES as readonly string[]).includes(v);
const isFieldName = (v: unknown): v is FieldName =>
  typeof v === 'string' && (FIELD_NAMES as readonly string[]).includes(v);
const isId = (v: unknown): v is string => typeof v === 'string' && /^[\w-]{1,64}$/.test(v);
const isEmptyRecord = (v: unknown): boolean => isRecord(v) && Object.keys(v).length === 0;

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
    case 'resize':
      return typeof p.height === 'number' && Number.isFinite(p.height) && p.height >= 0 && p.height < 10_000;
    case 'tokenize:result':
      return isId(data.id) && isTokenizeResult(p);
    default:
      return false;
  }
}

/** Guard for messages a field page accepts from its parent (after its origin and source checks). */
export function isParentToFrame(data: unknown): data is Envelope<ParentToFrame> {
  if (!isRecord(data) || data.tessera !== FRAME_PROTOCOL) return false;
  switch (data.type) {
    case 'tokenize':
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

function isCollectedPart(p: Rec): boolean {
  if ('error' in p) return (p.element === 'cardExpiry' || p.element === 'cardCvc') && isFieldError(p.error);
  if (p.element === 'cardExpiry') {
    return (
      Number.isInteger(p.expMonth) &&
      Number.isInteger(p.expYear) &&
      (p.expMonth as number) >= 1 &&
      (p.expMonth as number) <= 12 &&
      (p.expYear as number) >= 2000 &&
      (p.expYear as number) < 2200
    );
  }
  return p.element === 'cardCvc' && (p.cvc === undefined || (typeof p.cvc === 'string' && /^\d{3,4}$/.test(p.cvc)));
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

/** Reads element options from untrusted input (URL fragment or an `update` message), keeping only what is safe. */
export function readElementOptions(input: unknown): CardElementOptions {
  if (!isRecord(input)) return {};
  const out: CardElementOptions = {};
  if (input.style !== undefined) out.style = sanitizeStyle(input.style);
  if (typeof input.disabled === 'boolean') out.disabled = input.disabled;
  if (typeof input.hideIcon === 'boolean') out.hideIcon = input.hideIcon;
  if (typeof input.showErrors === 'boolean') out.showErrors = input.showErrors;
  return out;
}
