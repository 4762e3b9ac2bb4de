import { runInDurableObject } from 'cloudflare:test';
import { env, exports } from 'cloudflare:workers';
import { API_ERRORS, type ApiErrorCode, type CardData, PROBLEM_CONTENT_TYPE, type Problem } from '@tessera/protocol';
import { base64url, CompactEncrypt, importJWK, type JWK } from 'jose';
import * as v from 'valibot';
import { expect } from 'vitest';
import { ProblemSchema } from '../../src/openapi/response-schemas';

/** The edge as the tests call it; requests from its field pages carry this as their Origin. */
export const EDGE = 'https://edge.test';

/** The seeded local merchants of local development (vitest.config.ts configures exactly these). */
export const DEMO_PK = 'pk_test_demo_local';
export const DEMO_SK = 'sk_test_demo_local';
export const OTHER_PK = 'pk_test_other_local';
export const OTHER_SK = 'sk_test_other_local';

/** Test cards; the numbers live only in test files. */
export const VISA = '4242424242424242';
export const MASTERCARD = '5555555555554444';
export const AMEX = '378282246310005';

export const futureYear = () => new Date().getUTCFullYear() + 3;

export const validCard = (overrides: Partial<CardData> = {}): CardData => ({
  number: VISA,
  expMonth: 12,
  expYear: futureYear(),
  cvc: '123',
  ...overrides,
});

export const call = (path: string, init?: RequestInit) => exports.default.fetch(new Request(`${EDGE}${path}`, init));

/** The public sealing keys, as a field page fetches them. */
export async function sealKeys(pk = DEMO_PK): Promise<JWK[]> {
  const res = await call('/v1/keys/seal', { headers: { Authorization: `Bearer ${pk}` } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { keys: JWK[] }).keys;
}

/** Seals anything (a card or garbage) the way a field page does: JWE compact, ECDH-ES + A256GCM. */
export async function seal(
  plaintext: unknown,
  options: { jwk?: JWK; raw?: Uint8Array; header?: Record<string, unknown>; pk?: string } = {},
): Promise<string> {
  const jwk = options.jwk ?? (await sealKeys())[0]!;
  const key = await importJWK(jwk, 'ECDH-ES');
  const bytes = options.raw ?? new TextEncoder().encode(JSON.stringify(plaintext));
  // Bound like a field page binds it: to the publishable key it is posted with, and to now.
  const binding = { iat: Math.floor(Date.now() / 1000), pkh: await publishableKeyHash(options.pk ?? DEMO_PK) };
  return new CompactEncrypt(bytes)
    .setProtectedHeader({ alg: 'ECDH-ES', enc: 'A256GCM', kid: jwk.kid!, ...binding, ...options.header })
    .encrypt(key);
}

/** base64url SHA-256 of a publishable key: a sealed card's `pkh`. */
export async function publishableKeyHash(pk: string): Promise<string> {
  return base64url.encode(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(pk))));
}

/** Headers of a create from a field page of the edge. */
export const fieldPageHeaders = (pk = DEMO_PK): Record<string, string> => ({
  Authorization: `Bearer ${pk}`,
  'Content-Type': 'application/json',
  Origin: EDGE,
  'Sec-Fetch-Site': 'same-origin',
});

export function postToken(body: string | ReadableStream, headers: Record<string, string> = fieldPageHeaders()) {
  return call('/v1/tokens', { method: 'POST', headers, body });
}

/** Seals a card and creates a token from it, as the field page does. */
export async function createToken(card: unknown = validCard(), headers = fieldPageHeaders()) {
  const pk = headers.Authorization?.replace(/^Bearer /, '') ?? DEMO_PK;
  return postToken(JSON.stringify({ sealed: await seal(card, { pk }) }), headers);
}

export const getToken = (id: string, sk = DEMO_SK) =>
  call(`/v1/tokens/${id}`, { headers: { Authorization: `Bearer ${sk}` } });

export const deleteTokenCall = (id: string, sk = DEMO_SK) =>
  call(`/v1/tokens/${id}`, { method: 'DELETE', headers: { Authorization: `Bearer ${sk}` } });

const PROBLEM_MEMBERS = new Set(['type', 'title', 'status', 'code', 'detail', 'instance', 'param', 'event']);

/**
 * Asserts a problem response: status, media type, stable code, only the RFC 9457 members we send, the
 * catalog's fixed title, and that no secret appears anywhere in it (the random `instance` aside, which could
 * hold a short digit run by chance).
 */
export async function expectProblem(
  res: Response,
  code: ApiErrorCode,
  options: { param?: string; secrets?: string[] } = {},
): Promise<Problem> {
  const text = await res.text();
  expect({ status: res.status, code: (JSON.parse(text) as Problem).code }).toEqual({
    status: API_ERRORS[code].status,
    code,
  });
  expect(res.headers.get('Content-Type')).toBe(PROBLEM_CONTENT_TYPE);
  const body = JSON.parse(text) as Problem;
  expect(Object.keys(body).every((k) => PROBLEM_MEMBERS.has(k))).toBe(true);
  // The shape the OpenAPI document promises.
  expect(v.safeParse(ProblemSchema, body).success).toBe(true);
  expect(body.title).toBe(API_ERRORS[code].message);
  expect(body.status).toBe(API_ERRORS[code].status);
  if (options.param !== undefined) expect(body.param).toBe(options.param);
  const { instance: _instance, ...rest } = body;
  for (const secret of options.secrets ?? []) {
    expect(JSON.stringify(rest)).not.toContain(secret);
    if (secret.length >= 6) expect(text).not.toContain(secret);
  }
  return body;
}

export interface VaultCounts {
  tokens: number;
  events: number;
  idempotencyKeys: number;
  dataKeys: number;
}

/** Row counts of a merchant's vault, read inside the Durable Object. */
export async function vaultCounts(merchantId = 'demo'): Promise<VaultCounts> {
  const stub = env.VAULT.get(env.VAULT.idFromName(merchantId));
  return runInDurableObject(stub, (_instance, state) => {
    const count = (table: string) =>
      state.storage.sql.exec<{ n: number }>(`SELECT count(*) AS n FROM ${table}`).one().n;
    return {
      tokens: count('tokens'),
      // A refused request is audited (auth.refused, request.refused) after the answer, by design: not a write of
      // card data.
      events: state.storage.sql
        .exec<{ n: number }>("SELECT count(*) AS n FROM events WHERE action NOT IN ('auth.refused', 'request.refused')")
        .one().n,
      idempotencyKeys: count('idempotency'),
      dataKeys: count('data_keys'),
    };
  });
}

/** Runs a request and asserts that neither vault changed: no token, event, key or idempotency row. */
export async function expectNothingWritten<T>(action: () => Promise<T>): Promise<T> {
  const before = [await vaultCounts('demo'), await vaultCounts('other')];
  const result = await action();
  expect([await vaultCounts('demo'), await vaultCounts('other')]).toEqual(before);
  return result;
}
