import type { ElementType, FieldName, FrameToParent, TesseraError } from '@tessera/protocol';

type ChangePayload = Extract<FrameToParent, { type: 'change' }>['payload'];

/** `change`: the field state, never card digits. */
export type CardElementChangeEvent = { elementType: ElementType } & Omit<ChangePayload, 'element'>;
/** `focus` / `blur`: which input inside the element. */
export interface CardElementFocusEvent {
  elementType: ElementType;
  field: FieldName;
}
export interface CardElementReadyEvent {
  elementType: ElementType;
}
/** `escape`: the shopper pressed Escape in one of the element's inputs (to close a dialog holding it, say). */
export interface CardElementEscapeEvent {
  elementType: ElementType;
}
/**
 * `loaderror`: the frame cannot show the fields: the edge refused the key or this page (`invalid_key`,
 * `origin_not_allowed`, reported as soon as the frame has loaded) or it did not become ready in time
 * (`frame_timeout`).
 */
export interface CardElementLoadErrorEvent {
  elementType: ElementType;
  error: TesseraError;
}

/** Events of a card element, by name. */
export interface CardElementEvents extends Record<string, unknown> {
  ready: CardElementReadyEvent;
  change: CardElementChangeEvent;
  focus: CardElementFocusEvent;
  blur: CardElementFocusEvent;
  loaderror: CardElementLoadErrorEvent;
  escape: CardElementEscapeEvent;
}

export const CARD_ELEMENT_EVENTS = [
  'ready',
  'change',
  'focus',
  'blur',
  'loaderror',
  'escape',
] as const satisfies readonly (keyof CardElementEvents)[];
