export type {
  CardElementChangeEvent,
  CardElementFocusEvent,
  CardElementLoadErrorEvent,
  CardElementOptions,
  ElementsOptions,
  TesseraError,
  TokenizeResult,
} from '@tessera/js';
export { type TesseraContextValue, useTessera, useTesseraElements } from './context';
export type { TesseraElementHandle, TesseraElementType } from './element-types';
export {
  CardCvcElement,
  CardElement,
  CardExpiryElement,
  CardNumberElement,
  type ElementProps,
  TesseraElement,
  type TesseraElementProps,
} from './tessera-element';
export { TesseraElements, type TesseraElementsProps } from './tessera-elements';
export { useCreateToken } from './use-create-token';
