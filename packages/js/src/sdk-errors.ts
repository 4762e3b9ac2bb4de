import type { TesseraError } from '@tessera/protocol';

/** Failures the SDK itself produces (the field page produces the others), with fixed messages. */
const FRAME_ERRORS = {
  not_mounted: 'The card element is not mounted or not ready yet.',
  frame_timeout: 'The card form did not answer in time. Check your connection and try again.',
  busy: 'A token is already being created for this card element.',
} as const;

export type FrameErrorCode = keyof typeof FRAME_ERRORS;

/** Builds the `{ type: 'frame_error' }` value for one of the SDK's own failures. */
export function frameError(code: FrameErrorCode): TesseraError {
  return { type: 'frame_error', code, message: FRAME_ERRORS[code] };
}
