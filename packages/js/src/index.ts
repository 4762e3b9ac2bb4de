export type {
  Appearance,
  AppearanceRule,
  AppearanceRules,
  AppearanceSelector,
  AppearanceVariable,
  AppearanceVariables,
  CardElementOptions,
  CardFields,
  CardSummary,
  ElementStyle,
  ElementType,
  FieldRequirement,
  FontSource,
  LabelPlacement,
  Locale,
  LocaleOption,
  SdkErrorType,
  SplitElementType,
  StringKey,
  Strings,
  TesseraError,
  Theme,
  TokenizeResult,
} from '@tessera/protocol';
export type { TesseraCardElement } from './card-element';
export type {
  CardElementChangeEvent,
  CardElementEscapeEvent,
  CardElementEvents,
  CardElementFocusEvent,
  CardElementLoadErrorEvent,
  CardElementReadyEvent,
} from './card-element-events';
export type { Elements, ElementsOptions, SubmitResult } from './elements';
export { IntegrationError } from './integration-error';
export { type LoadTesseraOptions, loadTessera } from './load-tessera';
export type { Tessera } from './tessera';
