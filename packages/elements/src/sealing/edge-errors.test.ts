import { API_ERRORS } from '@tessera/protocol';
import { describe, expect, it } from 'vitest';
import { problemError, UNEXPECTED_ANSWER } from './edge-errors';

describe('problemError', () => {
  it('makes the card problems validation errors and the rest api errors, with the edge’s words', () => {
    const problem = (code: 'invalid_cvc' | 'rate_limited', title: string) => ({
      type: 'about:blank',
      title,
      status: 400,
      code,
    });
    expect(problemError(problem('invalid_cvc', API_ERRORS.invalid_cvc.message))).toEqual({
      type: 'validation_error',
      code: 'invalid_cvc',
      message: API_ERRORS.invalid_cvc.message,
    });
    expect(problemError(problem('rate_limited', ''))).toEqual({
      type: 'api_error',
      code: 'rate_limited',
      message: API_ERRORS.internal_error.message,
    });
  });

  it('words an unexpected answer as the catalog’s internal error', () => {
    expect(UNEXPECTED_ANSWER.message).toBe(API_ERRORS.internal_error.message);
  });
});
