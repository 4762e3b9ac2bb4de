export type {
  Appearance,
  CardElementChangeEvent,
  CardElementEscapeEvent,
  CardElementFocusEvent,
  CardElementLoadErrorEvent,
  CardElementOptions,
  ElementsOptions,
  Locale,
  LocaleOption,
  Strings,
  SubmitResult,
  TesseraError,
  TokenizeResult,
} from '@tessera/js';
export { type TesseraContextValue, useTessera, useTesseraElements } from './context';
export type { TesseraElementHandle, TesseraElementType } from './element-types';
export {
  CardCvcElement,
  CardElement,
  CardExpiryElement,
  CardholderNameElement,
  CardNumberElement,
  type ElementProps,
  PostalCodeElement,
  TesseraElement,
  type TesseraElementProps,
} from './tessera-element';
export { TesseraElements, type TesseraElementsProps } from './tessera-elements';
export { useCreateToken } from './use-create-token';
