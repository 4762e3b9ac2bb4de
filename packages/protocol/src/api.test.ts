import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CreatedToken,
  FORWARD_METHODS,
  type ForwardResponse,
  isCreatedToken,
  isForwardResponse,
  isProblem,
  isSealKeySet,
  isTokenObject,
  MAX_BODY_BYTES,
  PROBLEM_CONTENT_TYPE,
  type Problem,
  SEAL_ALG,
  SEAL_ENC,
  SEAL_MAX_AGE_SECONDS,
  SEAL_MAX_SKEW_SECONDS,
  type SealKeySet,
  type SealPublicJwk,
  type TokenObject,
} from './api';
import { BRANDS } from './brands';
import { API_ERRORS } from './errors';

// Answers as the edge sends them, typed by the protocol so a change of a type breaks these first.
const PROBLEM: Problem = {
  type: 'about:blank',
  title: API_ERRORS.not_found.message,
  status: 404,
  code: 'not_found',
};
const KEY: SealPublicJwk = {
  kty: 'EC',
  crv: 'P-256',
  x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU',
  y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0',
  kid: 'seal-2026-11',
  alg: 'ECDH-ES',
  use: 'enc',
};
const KEYS: SealKeySet = { keys: [KEY] };
const FORWARD: ForwardResponse = {
  status: 201,
  headers: { 'content-type': 'application/json', 'x-request-id': 'req_1' },
  body: '{"id":"ch_1","card":"424242******4242"}',
};
const CREATED: CreatedToken = {
  id: 'tok_1PqR2sT3uV4wX5yZ',
  object: 'token',
  card: { brand: 'visa', last4: '4242', expMonth: 12, expYear: 2030 },
};
const TOKEN: TokenObject = {
  id: 'tok_1PqR2sT3uV4wX5yZ',
  object: 'token',
  type: 'card',
  created: 1_764_460_800,
  expiresAt: 1_764_547_200,
  card: { brand: 'visa', last4: '4242', bin: '424242', expMonth: 12, expYear: 2030, fingerprint: 'fp_Q2x8' },
  cvc: 'present',
};

const ABSENT = Symbol('absent');

/** A copy with the member at a dotted path set to `value`, or removed when `value` is ABSENT. */
function spoil(value: object, path: string, member: unknown): unknown {
  const copy = JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
  const keys = path.split('.');
  const last = keys.pop() ?? '';
  let at = copy;
  for (const key of keys) at = at[key] as Record<string, unknown>;
  if (member === ABSENT) delete at[last];
  else Object.defineProperty(at, last, { value: member, enumerable: true, writable: true, configurable: true });
  return copy;
}
const asArray = (value: object) => Object.assign([], value);

describe('constants', () => {
  it('seal with ECDH-ES and A256GCM, taking a sealed card for ten minutes and two minutes of clock skew', () => {
    expect([SEAL_ALG, SEAL_ENC]).toEqual(['ECDH-ES', 'A256GCM']);
    expect([SEAL_MAX_AGE_SECONDS, SEAL_MAX_SKEW_SECONDS]).toEqual([600, 120]);
  });

  it('name the problem media type, the body limit and the forward methods', () => {
    expect(PROBLEM_CONTENT_TYPE).toBe('application/problem+json');
    expect(MAX_BODY_BYTES).toBe(16_384);
    expect(FORWARD_METHODS).toEqual(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);
  });
});

// Each guard: the members it checks, with a value of the right type for each (used to tell fast-check's values
// of the wrong type apart), and tables of valid and spoiled answers.
type Check = (value: unknown) => boolean;
const isString: Check = (v) => typeof v === 'string';
const isNumber: Check = (v) => typeof v === 'number';
const isObject: Check = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
const oneOf =
  (values: readonly unknown[]): Check =>
  (v) =>
    values.includes(v);

interface GuardCase {
  guard: (value: unknown) => boolean;
  valid: object;
  /** Every member the guard checks, and which values are of its type. */
  members: Record<string, Check>;
  accepts: [string, unknown][];
  refuses: [string, unknown][];
}

const CASES: Record<string, GuardCase> = {
  isProblem: {
    guard: isProblem,
    valid: PROBLEM,
    members: { code: isString, status: isNumber, title: isString },
    accepts: [
      ['a problem with every member', { ...PROBLEM, detail: 'No token tok_1 here.', instance: 'req_1', param: 'id' }],
      ['a problem of every status', { ...PROBLEM, code: 'internal_error', status: 500 }],
    ],
    refuses: [
      ['no code', spoil(PROBLEM, 'code', ABSENT)],
      ['a numeric code', spoil(PROBLEM, 'code', 404)],
      ['no status', spoil(PROBLEM, 'status', ABSENT)],
      ['a status as text', spoil(PROBLEM, 'status', '404')],
      ['no title', spoil(PROBLEM, 'title', ABSENT)],
      ['a null title', spoil(PROBLEM, 'title', null)],
      ['an array carrying its members', asArray(PROBLEM)],
      ['an HTML error page', '<html>502 Bad Gateway</html>'],
    ],
  },
  isSealKeySet: {
    guard: isSealKeySet,
    valid: KEYS,
    members: {
      keys: Array.isArray,
      'keys.0': isObject,
      'keys.0.kty': oneOf(['EC']),
      'keys.0.crv': oneOf(['P-256']),
      'keys.0.x': isString,
      'keys.0.y': isString,
      'keys.0.kid': isString,
      'keys.0.alg': oneOf(['ECDH-ES']),
      'keys.0.use': oneOf(['enc']),
    },
    accepts: [
      ['two keys, during a rotation', { keys: [KEY, { ...KEY, kid: 'seal-2026-12' }] }],
      ['a key with members we do not read', { keys: [{ ...KEY, key_ops: [] }] }],
    ],
    refuses: [
      ['no keys', { keys: [] }],
      ['keys as an object', { keys: { 0: KEY } }],
      ['a null key', { keys: [null] }],
      ['a key that is an array', { keys: [asArray(KEY)] }],
      ['a good key and a bad one', { keys: [KEY, { ...KEY, crv: 'P-384' }] }],
      ['a bad key and a good one', { keys: [{ ...KEY, use: 'sig' }, KEY] }],
      ['an RSA key', spoil(KEYS, 'keys.0.kty', 'RSA')],
      ['a P-384 key', spoil(KEYS, 'keys.0.crv', 'P-384')],
      ['a key for RSA-OAEP', spoil(KEYS, 'keys.0.alg', 'RSA-OAEP')],
      ['a key wrapping with ECDH-ES+A256KW', spoil(KEYS, 'keys.0.alg', 'ECDH-ES+A256KW')],
      ['a signing key', spoil(KEYS, 'keys.0.use', 'sig')],
      ['a key without x', spoil(KEYS, 'keys.0.x', ABSENT)],
      ['a key without y', spoil(KEYS, 'keys.0.y', ABSENT)],
      ['a key with a numeric y', spoil(KEYS, 'keys.0.y', 1)],
      ['a key without kid', spoil(KEYS, 'keys.0.kid', ABSENT)],
      ['a set that is an array of keys', [KEY]],
    ],
  },
  isForwardResponse: {
    guard: isForwardResponse,
    valid: FORWARD,
    members: { status: isNumber, body: isString, headers: isObject },
    accepts: [
      ['no headers and an empty body', { status: 204, headers: {}, body: '' }],
      ['a status the destination made up', { ...FORWARD, status: 599 }],
    ],
    refuses: [
      ['a header with a numeric value', spoil(FORWARD, 'headers.content-length', 12)],
      ['a header with several values', spoil(FORWARD, 'headers.set-cookie', ['a=1', 'b=2'])],
      ['a header with a null value', spoil(FORWARD, 'headers.x-request-id', null)],
      ['headers as a list of pairs', spoil(FORWARD, 'headers', [['content-type', 'text/plain']])],
      ['headers that are an array carrying names', spoil(FORWARD, 'headers', asArray({ a: 'b' }))],
      ['a body that is JSON, not text', spoil(FORWARD, 'body', { id: 'ch_1' })],
    ],
  },
  isCreatedToken: {
    guard: isCreatedToken,
    valid: CREATED,
    members: {
      id: isString,
      object: oneOf(['token']),
      card: isObject,
      'card.brand': oneOf(BRANDS),
      'card.last4': isString,
      'card.expMonth': isNumber,
      'card.expYear': isNumber,
    },
    accepts: [
      ['a card of every brand', { ...CREATED, card: { ...CREATED.card, brand: 'unknown' } }],
      ['the token object a secret key reads', TOKEN],
    ],
    refuses: [
      ['another object', spoil(CREATED, 'object', 'card')],
      ['a card of an unknown brand', spoil(CREATED, 'card.brand', 'Visa')],
      ['a card that is an array', spoil(CREATED, 'card', asArray(CREATED.card))],
    ],
  },
  isTokenObject: {
    guard: isTokenObject,
    valid: TOKEN,
    members: {
      id: isString,
      object: oneOf(['token']),
      type: oneOf(['card']),
      created: isNumber,
      card: isObject,
      'card.last4': isString,
      cvc: oneOf(['present', 'absent']),
    },
    accepts: [
      ['a token without a CVC', { ...TOKEN, cvc: 'absent' }],
      ['a token that never expires', spoil(TOKEN, 'expiresAt', ABSENT)],
    ],
    refuses: [
      ['another object', spoil(TOKEN, 'object', 'charge')],
      ['another type', spoil(TOKEN, 'type', 'bank_account')],
      ['a CVC state that is the CVC', spoil(TOKEN, 'cvc', '123')],
      ['a CVC state as a boolean', spoil(TOKEN, 'cvc', true)],
      ['a created time as a date string', spoil(TOKEN, 'created', '2025-11-30T00:00:00Z')],
      ['a card that is an array', spoil(TOKEN, 'card', asArray(TOKEN.card))],
      ['what a publishable key gets', CREATED],
    ],
  },
};

describe.each(Object.entries(CASES))('%s', (_, { guard, valid, members, accepts, refuses }) => {
  it.each<[string, unknown]>([['the answer as the edge sends it', valid], ...accepts])('accepts %s', (_, value) => {
    expect(guard(value)).toBe(true);
  });

  // An array element is not taken away: that would leave a hole, which JSON cannot carry.
  const removable = (path: string) => !/\.\d+$/.test(path);
  const spoiled = Object.entries(members).flatMap(([path, right]): [string, unknown][] => [
    ...(removable(path) ? [[`no ${path}`, spoil(valid, path, ABSENT)] as [string, unknown]] : []),
    ...[null, undefined, 0, '', 'x', true, [], {}]
      .filter((value) => !right(value))
      .map((value): [string, unknown] => [
        `${path} ${JSON.stringify(value) ?? 'undefined'}`,
        spoil(valid, path, value),
      ]),
  ]);
  it.each<[string, unknown]>([
    ...refuses,
    ...spoiled,
    ['null', null],
    ['undefined', undefined],
    ['text', JSON.stringify(valid)],
    ['an empty object', {}],
  ])('refuses %s', (_, value) => {
    expect(guard(value)).toBe(false);
  });

  // Half the samples are the valid answer, half the answer with one checked member replaced by a value of another
  // type (fast-check's anything) or taken away; every member is spoiled in some sample. Shares over 100,000 samples:
  // 50 % accepted, 50 % refused, each member's refusals 50 % / (number of members).
  it('accepts the answer and refuses it with any one checked member spoiled', () => {
    const RUNS = 1_000;
    const MIN_SHARE = 0.4;
    const paths = Object.keys(members);
    let accepted = 0;
    const sample = fc.oneof(
      fc.constant({ value: valid as unknown, accept: true }),
      fc.constantFrom(...paths).chain((path) =>
        fc
          .oneof(
            fc.anything().filter((v) => !(members[path] as Check)(v)),
            fc.constant(removable(path) ? ABSENT : null),
          )
          .map((member) => ({ value: spoil(valid, path, member), accept: false })),
      ),
    );
    fc.assert(
      fc.property(sample, ({ value, accept }) => {
        if (accept) accepted += 1;
        expect(guard(value)).toBe(accept);
      }),
      { numRuns: RUNS },
    );
    expect(accepted / RUNS).toBeGreaterThan(MIN_SHARE);
    expect(1 - accepted / RUNS).toBeGreaterThan(MIN_SHARE);
  });

  it('never throws, and accepts nothing fast-check makes up', () => {
    // fc.anything() never made an accepted answer in 100,000 samples.
    fc.assert(fc.property(fc.anything(), (value) => guard(value) === false));
  });
});
