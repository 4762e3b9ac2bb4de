import type { ApiErrorCode, Problem, TesseraError } from '@tessera/protocol';

/** Problem codes about the card itself: the shopper can fix them, so they are validation errors. */
const CARD_PROBLEMS: ReadonlySet<ApiErrorCode> = new Set(['invalid_card_number', 'invalid_expiry', 'invalid_cvc']);

/**
 * A problem answer of the edge as the error the parent gets; never carries anything but the code and text. The page
 * and the edge ship together (the edge serves this very build), so a problem's code is one of the catalog's and its
 * title the catalog's message: the page need not carry the catalog to check them (`isProblem` checked the shape).
 */
export function problemError(problem: Problem): TesseraError {
  return {
    type: CARD_PROBLEMS.has(problem.code) ? 'validation_error' : 'api_error',
    code: problem.code,
    message: problem.title || UNEXPECTED_ANSWER.message,
  };
}

/** An answer that is neither the expected body nor a problem (a proxy's error page, a truncated body). */
export const UNEXPECTED_ANSWER: TesseraError = {
  type: 'api_error',
  code: 'internal_error',
  // API_ERRORS.internal_error's words, written out so that the page does not carry the whole catalog.
  message: 'An internal error occurred.',
};
