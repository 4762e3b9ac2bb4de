import type { ElementType, TesseraCardElement } from '@tessera/js';

/** The element types the components mount: the whole card, or its split fields. */
export type TesseraElementType = ElementType;

/** What `elements.create()` returns; the split fields share the card element's interface. */
export type TesseraElementHandle = TesseraCardElement;
