import type { TesseraError } from '@tessera/protocol';
import type { CardElementChangeEvent } from '../card-element-events';

/** What `<tessera-card>` tells its form until the frame has said otherwise: nothing typed yet. */
export const EMPTY_MESSAGE = 'Enter your card details.';
/** Typed but not yet a card the frame would tokenize, and no field has an error of its own to name. */
export const INCOMPLETE_MESSAGE = 'Your card details are incomplete.';

/** A form control's validity, as `ElementInternals.setValidity` takes it; `{}` with no message is valid. */
export interface CardValidity {
  flags: ValidityStateFlags;
  message: string;
}

/**
 * The validity of the card as the form sees it: `valueMissing` while empty, `badInput` until the frame says the
 * card is complete and valid (with the frame's own message for the field in error), and the failure itself when
 * the card cannot be used at all (the fields did not load, or the last tokenization failed): `customError`.
 */
export function cardValidity(state: CardElementChangeEvent | undefined, failure?: TesseraError): CardValidity {
  if (failure !== undefined) return { flags: { customError: true }, message: failure.message };
  if (state === undefined || state.empty) return { flags: { valueMissing: true }, message: EMPTY_MESSAGE };
  if (state.error !== undefined) return { flags: { badInput: true }, message: state.error.message };
  if (!state.complete || !state.valid) return { flags: { badInput: true }, message: INCOMPLETE_MESSAGE };
  return { flags: {}, message: '' };
}
