import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  API_ERRORS,
  type ApiErrorCode,
  CLIENT_ERRORS,
  type ClientErrorCode,
  clientError,
  FIELD_ERRORS,
  type FieldErrorCode,
  isApiErrorCode,
  isFieldErrorCode,
  SDK_ERROR_TYPES,
} from './errors';

const API_CODES = Object.keys(API_ERRORS) as ApiErrorCode[];
const FIELD_CODES = Object.keys(FIELD_ERRORS) as FieldErrorCode[];
const CLIENT_CODES = Object.keys(CLIENT_ERRORS) as ClientErrorCode[];

/**
 * A fixed, finished sentence: capital first, full stop last, nothing that could be filled in from a request
 * (no placeholders, no quotes of a value, no long digit runs such as a card number or an amount).
 */
function expectFixedSentence(message: string) {
  expect(message).toMatch(/^[A-Z].*\.$/);
  expect(message).not.toMatch(/[{}<>%$`"]|\d{3,}/);
  expect(message.length).toBeLessThanOrEqual(120);
}

describe('API_ERRORS', () => {
  // The statuses are part of the API (docs/openapi.json lists them): changing one breaks clients.
  it.each<[ApiErrorCode, number]>([
    ['invalid_request', 400],
    ['invalid_json', 400],
    ['invalid_card_number', 400],
    ['invalid_expiry', 400],
    ['invalid_cvc', 400],
    ['invalid_name', 400],
    ['invalid_postal_code', 400],
    ['invalid_sealed_card', 400],
    ['cvc_unavailable', 400],
    ['unknown_seal_key', 400],
    ['invalid_cursor', 400],
    ['invalid_webhook_url', 400],
    ['invalid_webhook_event', 400],
    ['allowance_exceeded', 400],
    ['allowance_currency_mismatch', 400],
    ['allowance_session_mismatch', 400],
    ['mandate_required', 400],
    ['invalid_mandate', 400],
    ['mandate_mismatch', 400],
    ['mandate_constraint_unsupported', 400],
    ['unauthorized', 401],
    ['forbidden_origin', 403],
    ['merchant_suspended', 403],
    ['wrong_key_type', 403],
    ['forbidden_host', 403],
    ['not_found', 404],
    ['method_not_allowed', 405],
    ['idempotency_conflict', 409],
    ['audit_chain_broken', 409],
    ['audit_chain_truncated', 409],
    ['vault_token_consumed', 409],
    ['vault_token_revoked', 409],
    ['vault_token_expired', 409],
    ['mandate_replayed', 409],
    ['merchant_exists', 409],
    ['agent_exists', 409],
    ['kek_in_use', 409],
    ['key_revoked', 409],
    ['too_many_webhook_endpoints', 409],
    ['payload_too_large', 413],
    ['unsupported_media_type', 415],
    ['rate_limited', 429],
    ['internal_error', 500],
    ['forward_failed', 502],
  ])('%s answers %d', (code, status) => {
    expect(API_ERRORS[code].status).toBe(status);
  });

  it('has exactly the codes above, each with a status and a message and nothing else', () => {
    expect(API_CODES).toHaveLength(44);
    for (const code of API_CODES) expect(Object.keys(API_ERRORS[code]).sort()).toEqual(['message', 'status']);
  });

  it('blames the server (5xx) only for its own failure and an unreachable destination', () => {
    const serverSide = API_CODES.filter((code) => API_ERRORS[code].status >= 500);
    expect(serverSide).toEqual(['internal_error', 'forward_failed']);
    for (const code of API_CODES) {
      expect(API_ERRORS[code].status).toBeGreaterThanOrEqual(400);
      expect(API_ERRORS[code].status).toBeLessThan(600);
    }
  });

  it('names codes in snake_case', () => {
    for (const code of API_CODES) expect(code).toMatch(/^[a-z]+(_[a-z0-9]+)*$/);
  });

  it.each(API_CODES)('%s has a fixed message of its own', (code) => {
    const { message } = API_ERRORS[code];
    expectFixedSentence(message);
    expect(API_CODES.filter((other) => API_ERRORS[other].message === message)).toEqual([code]);
  });

  // The edge answers every failure to open a sealed card with the same words, so they reveal nothing.
  it('says nothing about why a sealed card could not be opened', () => {
    expect(API_ERRORS.invalid_sealed_card.message).toBe('The sealed card could not be opened.');
  });
});

describe('FIELD_ERRORS', () => {
  it('has one code for each way a field can be wrong', () => {
    expect(FIELD_CODES).toEqual([
      'incomplete_number',
      'invalid_number',
      'incomplete_expiry',
      'invalid_expiry',
      'expired',
      'incomplete_cvc',
      'invalid_cvc',
      'incomplete_name',
      'invalid_name',
      'incomplete_postal_code',
      'invalid_postal_code',
    ]);
  });

  it.each(FIELD_CODES)('%s speaks to the shopper in a fixed sentence of its own', (code) => {
    const message = FIELD_ERRORS[code];
    expectFixedSentence(message);
    expect(message).toMatch(/^Your (card|postal code)/);
    expect(FIELD_CODES.filter((other) => FIELD_ERRORS[other] === message)).toEqual([code]);
  });
});

describe('CLIENT_ERRORS and clientError', () => {
  it('lists the kinds of failure the SDK hands back', () => {
    expect(SDK_ERROR_TYPES).toEqual([
      'validation_error',
      'api_error',
      'network_error',
      'frame_error',
      'integration_error',
    ]);
  });

  it.each<[ClientErrorCode, string]>([
    ['not_mounted', 'frame_error'],
    ['frame_timeout', 'frame_error'],
    ['busy', 'frame_error'],
    ['not_number_element', 'frame_error'],
    ['sealing_unavailable', 'frame_error'],
    ['network', 'network_error'],
    ['invalid_key', 'integration_error'],
    ['origin_not_allowed', 'integration_error'],
  ])('%s is a %s with its fixed message', (code, type) => {
    expect(clientError(code)).toEqual({ type, code, message: CLIENT_ERRORS[code].message });
    expectFixedSentence(CLIENT_ERRORS[code].message);
  });

  it('has exactly the codes above, none shared with the edge catalog', () => {
    expect(CLIENT_CODES).toHaveLength(8);
    expect(CLIENT_CODES.filter((code) => Object.hasOwn(API_ERRORS, code))).toEqual([]);
    expect(CLIENT_CODES.filter((code) => Object.hasOwn(FIELD_ERRORS, code))).toEqual([]);
  });

  it('gives each client failure a message of its own', () => {
    const messages = new Set(CLIENT_CODES.map((code) => CLIENT_ERRORS[code].message));
    expect(messages.size).toBe(CLIENT_CODES.length);
  });

  it('hands out a fresh value each time, so a caller that changes it cannot change the catalog', () => {
    const first = clientError('busy');
    (first as { message: string }).message = 'changed';
    expect(clientError('busy').message).toBe(CLIENT_ERRORS.busy.message);
  });
});

describe.each([
  ['isApiErrorCode', isApiErrorCode, API_CODES],
  ['isFieldErrorCode', isFieldErrorCode, FIELD_CODES],
] as const)('%s', (_, guard, codes) => {
  it.each(codes)('accepts %s', (code) => {
    expect(guard(code)).toBe(true);
  });

  it.each([
    ['an upper-case code', codes[0]?.toUpperCase()],
    ['a code with a space after it', `${codes[0]} `],
    ['an empty string', ''],
    ['a prototype member', 'constructor'],
    ['__proto__', '__proto__'],
    ['hasOwnProperty', 'hasOwnProperty'],
    // Object.hasOwn turns its key into a string: only the type check keeps these out.
    ['an array holding a code', [codes[0]]],
    ['a String object', new String(codes[0])],
    ['a number', 400],
    ['null', null],
    ['undefined', undefined],
  ])('refuses %s', (_, value) => {
    expect(guard(value)).toBe(false);
  });

  it('accepts exactly the catalog codes', () => {
    // Half the samples are catalog codes, half any value (none of which was a code in 100,000 samples).
    const RUNS = 1_000;
    const MIN_SHARE = 0.4;
    let accepted = 0;
    fc.assert(
      fc.property(fc.oneof(fc.constantFrom(...codes), fc.anything()), (value) => {
        const ok = guard(value);
        if (ok) accepted += 1;
        expect(ok).toBe(typeof value === 'string' && (codes as readonly string[]).includes(value));
      }),
      { numRuns: RUNS },
    );
    expect(accepted / RUNS).toBeGreaterThan(MIN_SHARE);
    expect(1 - accepted / RUNS).toBeGreaterThan(MIN_SHARE);
  });
});
