import type { Brand } from './brands';
import type { CardElementOptions } from './element-options';
import type { FieldErrorCode, TesseraError } from './errors';
import type { SanitizeProblem } from './sanitize-context';

/** Version tag of every postMessage between the merchant page and a field page. */
export const FRAME_PROTOCOL = 1 as const;

/**
 * Elements a merchant can create: the combined card, or the split fields (one iframe each): number, expiry and
 * CVC, and optionally the cardholder's name and postal code.
 */
export const ELEMENT_TYPES = ['card', 'cardNumber', 'cardExpiry', 'cardCvc', 'cardholderName', 'postalCode'] as const;
export type ElementType = (typeof ELEMENT_TYPES)[number];

/** Split fields: one group's frames gather the card frame-to-frame, never through the parent. */
export const SPLIT_ELEMENT_TYPES = ['cardNumber', 'cardExpiry', 'cardCvc', 'cardholderName', 'postalCode'] as const;
export type SplitElementType = (typeof SPLIT_ELEMENT_TYPES)[number];
/** The split fields every group needs before it can tokenize. */
export const REQUIRED_SPLIT_TYPES = ['cardNumber', 'cardExpiry', 'cardCvc'] as const;
/** The split fields a group may add; the number frame collects their parts only when the SDK names them. */
export const OPTIONAL_SPLIT_TYPES = ['cardholderName', 'postalCode'] as const;
export type OptionalSplitType = (typeof OPTIONAL_SPLIT_TYPES)[number];
/** The split fields whose frame hands its value to the number frame when it collects the card. */
export type CollectedElementType = Exclude<SplitElementType, 'cardNumber'>;

/** The inputs inside an element, named for focus and blur events. */
export const FIELD_NAMES = ['number', 'expiry', 'cvc', 'name', 'postalCode'] as const;
export type FieldName = (typeof FIELD_NAMES)[number];

/** What the merchant page may know about a card: never digits beyond last4 and never the CVC. */
export interface CardSummary {
  brand: Brand;
  last4: string;
  expMonth: number;
  expYear: number;
}

export type TokenizeResult = { token: string; card: CardSummary } | { error: TesseraError };

export interface FieldError {
  code: FieldErrorCode;
  message: string;
}

/** Field page → merchant page. State only: never a value the shopper typed. */
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
  /** Escape pressed in an input; `advance`: a split field is complete, focus may move to the next one. */
  | { type: 'escape' | 'advance'; payload: { element: ElementType } }
  | { type: 'resize'; payload: { height: number } }
  /** An option the field page could not apply (its default does): the SDK warns in the console, naming it. */
  | { type: 'warning'; payload: { option: string; problem: SanitizeProblem; detail?: string[] } }
  /** The frame's name in its locale, for the iframe's `title` (it has no digit: the guard refuses one). */
  | { type: 'title'; payload: { title: string } }
  | { type: 'validate:result'; id: string; payload: { element: ElementType; error?: FieldError } }
  | { type: 'tokenize:result'; id: string; payload: TokenizeResult };

/** Merchant page → field page. */
export type ParentToFrame =
  /** Split fields: `collect` names the group's optional frames whose parts the number frame must gather. */
  | { type: 'tokenize'; id: string; payload: { collect?: OptionalSplitType[] } }
  /** Shows every error of the element, as paying would, and answers `validate:result`. */
  | { type: 'validate'; id: string; payload: Record<string, never> }
  /** New options, merged into the current ones; the field page reads them with `readElementOptions`. */
  | { type: 'update'; payload: CardElementOptions }
  | { type: 'focus' | 'blur' | 'clear'; payload: Record<string, never> };

/** What a sibling frame hands to the number frame: its own part of the card, checked, or why it cannot. */
export type CollectedPart =
  | { element: 'cardExpiry'; expMonth: number; expYear: number }
  | { element: 'cardCvc'; cvc?: string }
  | { element: 'cardholderName'; name: string }
  | { element: 'postalCode'; postalCode: string }
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
