export type {
  CardElementOptions,
  CardSummary,
  ElementStyle,
  ElementType,
  SdkErrorType,
  SplitElementType,
  TesseraError,
  TokenizeResult,
} from '@tessera/protocol';
export type { TesseraCardElement } from './card-element';
export type {
  CardElementChangeEvent,
  CardElementEvents,
  CardElementFocusEvent,
  CardElementLoadErrorEvent,
  CardElementReadyEvent,
} from './card-element-events';
export type { Elements, ElementsOptions } from './elements';
export { IntegrationError } from './integration-error';
export { type LoadTesseraOptions, loadTessera } from './load-tessera';
export type { Tessera } from './tessera';
