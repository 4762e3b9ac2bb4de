import { describe, expect, it } from 'vitest';
import { API_ERRORS, type ApiErrorCode } from './errors';
import { keyCheckOutcome } from './key-check';

const problem = (code: ApiErrorCode) => ({
  type: `urn:tessera:error:${code}`,
  title: API_ERRORS[code].message,
  status: API_ERRORS[code].status,
  code,
});

describe('keyCheckOutcome', () => {
  it('reads 204 as allowed', () => {
    expect(keyCheckOutcome(204, null)).toBe('allowed');
  });

  it.each([
    ['unauthorized', 'invalid_key'],
    ['wrong_key_type', 'invalid_key'],
    ['forbidden_origin', 'origin_not_allowed'],
  ] as const)('reads the problem %s as %s', (code, outcome) => {
    expect(keyCheckOutcome(API_ERRORS[code].status, problem(code))).toBe(outcome);
  });

  it.each([
    ['rate limited', 429, problem('rate_limited')],
    ['an edge error', 500, problem('internal_error')],
    ['a 200 from something that is not the edge', 200, '<!doctype html>'],
    ['a 404 page', 404, problem('not_found')],
    ['a problem whose status is not the answer’s', 403, problem('unauthorized')],
    ['a body that is no problem', 401, { code: 'unauthorized' }],
  ])('knows nothing definite from %s', (_, status, body) => {
    expect(keyCheckOutcome(status, body)).toBe('unknown');
  });
});
