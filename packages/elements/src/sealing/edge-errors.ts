import { API_ERRORS, type ApiErrorCode, isApiErrorCode, type Problem, type TesseraError } from '@tessera/protocol';

/** Problem codes about the card itself: the shopper can fix them, so they are validation errors. */
const CARD_PROBLEMS: ReadonlySet<ApiErrorCode> = new Set(['invalid_card_number', 'invalid_expiry', 'invalid_cvc']);

/** A problem answer of the edge as the error the parent gets; never carries anything but the code and text. */
export function problemError(problem: Problem): TesseraError {
  const code: ApiErrorCode = isApiErrorCode(problem.code) ? problem.code : 'internal_error';
  return {
    type: CARD_PROBLEMS.has(code) ? 'validation_error' : 'api_error',
    code,
    message: problem.title || API_ERRORS[code].message,
  };
}

/** An answer that is neither the expected body nor a problem (a proxy's error page, a truncated body). */
export const UNEXPECTED_ANSWER: TesseraError = {
  type: 'api_error',
  code: 'internal_error',
  message: API_ERRORS.internal_error.message,
};
