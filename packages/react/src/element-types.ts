import type { CardElement, CardElementOptions, Elements } from '@tessera/js';

/** The element types the components mount: the whole card, or its split fields. */
export type TesseraElementType = 'card' | 'cardNumber' | 'cardExpiry' | 'cardCvc';

/** What `elements.create()` returns; the split fields share the card element's interface. */
export type TesseraElementHandle = CardElement;

/**
 * The part of `Elements` the components call, typed for every element type. `@tessera/js` checks the type at run
 * time (an unknown one throws `IntegrationError`), so this only widens the static signature until the SDK's own
 * `create` / `getElement` name the split fields; then it is the same signature.
 */
interface ElementsByType {
  create(type: TesseraElementType, options?: CardElementOptions): TesseraElementHandle;
  getElement(type: TesseraElementType): TesseraElementHandle | null;
}

/** Creates an element of any type in the group. */
export function createElement(
  elements: Elements,
  type: TesseraElementType,
  options: CardElementOptions,
): TesseraElementHandle {
  return (elements as unknown as ElementsByType).create(type, options);
}

/** The group's live element of that type, or `null`. */
export function getElement(elements: Elements, type: TesseraElementType): TesseraElementHandle | null {
  return (elements as unknown as ElementsByType).getElement(type);
}
