import { Validator } from '@cfworker/json-schema';
import { expect } from 'vitest';
import examples from '../../specs/acp-2026-04-17/examples.delegate_payment.json';
import schema from '../../specs/acp-2026-04-17/schema.delegate_payment.json';
import { call, futureYear, VISA } from './edge';

export const AGENT_KEY = 'ak_test_agent_local';
export const API_VERSION = '2026-04-17';

/** The spec's own schema of an answer, to hold every answer of the ACP route to. */
const validatorOf = (name: 'DelegatePaymentResponse' | 'Error') =>
  new Validator({ $ref: `#/$defs/${name}`, $defs: schema.$defs } as never, '2020-12', false);
const responseValidator = validatorOf('DelegatePaymentResponse');
/**
 * The spec's Error schema lists six codes; for failures none of them names (a bad key, a version, an allowance
 * this edge refuses) the edge answers codes of its own, as the spec's own 401 and 429 examples do. Everything
 * else about such an answer must still match the schema.
 */
const OUR_CODES = new Set([
  'unauthorized',
  'wrong_key_type',
  'unsupported_api_version',
  'unsupported_media_type',
  'payload_too_large',
  'invalid_signature',
  'invalid_request',
  'invalid_allowance',
  'internal_error',
]);
const errorValidator = validatorOf('Error');

export function expectConformant(status: number, body: Record<string, unknown>): void {
  if (status === 201) {
    expect(responseValidator.validate(body).errors).toEqual([]);
    return;
  }
  const code = String(body.code);
  const checked = OUR_CODES.has(code) ? { ...body, code: 'invalid_card' } : body;
  expect(errorValidator.validate(checked).errors).toEqual([]);
}

/** The spec's example request, for merchant `demo`, expiring in an hour, with a fresh checkout session. */
export function delegateBody(change: (body: typeof examples.delegate_payment_request) => void = () => {}) {
  const body = structuredClone(examples.delegate_payment_request);
  body.payment_method.number = VISA;
  body.payment_method.exp_year = String(futureYear());
  body.allowance.merchant_id = 'demo';
  body.allowance.expires_at = new Date(Date.now() + 3600_000).toISOString();
  body.allowance.checkout_session_id = `csn_${crypto.randomUUID()}`;
  change(body);
  return body;
}

export interface DelegateOptions {
  key?: string | null;
  idempotencyKey?: string | null;
  version?: string | null;
  headers?: Record<string, string>;
  raw?: string;
}

/** `POST /agentic_commerce/delegate_payment`; the answer, checked against the spec's schema. */
export async function delegate(body: unknown, options: DelegateOptions = {}) {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', ...options.headers };
  const key = options.key === undefined ? AGENT_KEY : options.key;
  if (key !== null) headers.Authorization = `Bearer ${key}`;
  const version = options.version === undefined ? API_VERSION : options.version;
  if (version !== null) headers['API-Version'] = version;
  const idem = options.idempotencyKey === undefined ? crypto.randomUUID() : options.idempotencyKey;
  if (idem !== null) headers['Idempotency-Key'] = idem;
  const res = await call('/agentic_commerce/delegate_payment', {
    method: 'POST',
    headers,
    body: options.raw ?? JSON.stringify(body),
  });
  const json = (await res.json()) as Record<string, unknown>;
  expectConformant(res.status, json);
  return { res, status: res.status, json };
}

/** A fresh vault token for merchant `demo`: its id and the allowance it was made with. */
export async function newVaultToken(change?: Parameters<typeof delegateBody>[0]) {
  const body = delegateBody(change);
  const { status, json } = await delegate(body);
  expect(status).toBe(201);
  return { id: json.id as string, allowance: body.allowance };
}

export { examples };
