import { type Brand, isBrand } from './brands';
import type { ApiErrorCode } from './errors';

/** Plaintext inside the JWE that a field page seals for `POST /v1/tokens`. */
export interface CardData {
  number: string;
  expMonth: number;
  expYear: number;
  cvc?: string;
  name?: string;
  postalCode?: string;
}

/** `POST /v1/tokens` body. */
export interface CreateTokenRequest {
  /** JWE compact serialization, `alg: ECDH-ES`, `enc: A256GCM`, `kid` from `/v1/keys/seal`. */
  sealed: string;
  /** Unix seconds after which the token is erased. */
  expiresAt?: number;
}

export const SEAL_ALG = 'ECDH-ES' as const;
export const SEAL_ENC = 'A256GCM' as const;
/** How long after sealing (`iat`) the edge still takes a sealed card, and how far ahead a clock may run. */
export const SEAL_MAX_AGE_SECONDS = 10 * 60;
export const SEAL_MAX_SKEW_SECONDS = 2 * 60;

/**
 * The protected header of a sealed card. Besides the algorithms and the key, it binds the card to the
 * publishable key that sealed it (`pkh`: base64url of the key's SHA-256) and to the time of sealing (`iat`,
 * unix seconds), so a leaked sealed card cannot be vaulted under another merchant, or later.
 */
export interface SealHeader {
  alg: typeof SEAL_ALG;
  enc: typeof SEAL_ENC;
  kid: string;
  iat: number;
  pkh: string;
}

/** One public key of `GET /v1/keys/seal`. */
export interface SealPublicJwk {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
  kid: string;
  alg: typeof SEAL_ALG;
  use: 'enc';
}

export interface SealKeySet {
  keys: SealPublicJwk[];
}

/** The token object of the API: masked, never the number or the CVC. */
export interface TokenObject {
  id: string;
  object: 'token';
  type: 'card';
  created: number;
  expiresAt?: number;
  card: {
    brand: Brand;
    last4: string;
    bin: string;
    expMonth: number;
    expYear: number;
    fingerprint: string;
  };
  cvc: 'present' | 'absent';
}

/**
 * What `POST /v1/tokens` answers a publishable key: only what a field page shows. The publishable key is public,
 * so the answer must not help anyone guess a card: no fingerprint, no BIN (a secret key reads those).
 */
export interface CreatedToken {
  id: string;
  object: 'token';
  card: Pick<TokenObject['card'], 'brand' | 'last4' | 'expMonth' | 'expYear'>;
}

/** RFC 9457 problem details as the edge sends them (`application/problem+json`). */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: ApiErrorCode;
  detail?: string;
  /** Request id, to find the request in the edge's logs. */
  instance?: string;
  /** Which request field was wrong, when one was (never its value). */
  param?: string;
  /** `audit_chain_broken`: the first event of the trail that does not check. */
  event?: string;
}

/** Methods `POST /v1/forward` sends with. */
export const FORWARD_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type ForwardMethod = (typeof FORWARD_METHODS)[number];

/** `POST /v1/forward` answer: the destination's status, its safe headers and its body with card numbers masked. */
export interface ForwardResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json' as const;
/** Largest request body the edge reads, in bytes. */
export const MAX_BODY_BYTES = 16 * 1024;

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Guard for a problem body, for clients reading an edge error. */
export function isProblem(v: unknown): v is Problem {
  return isRecord(v) && typeof v.code === 'string' && typeof v.status === 'number' && typeof v.title === 'string';
}

/** Guard for a JWK Set of sealing keys. */
export function isSealKeySet(v: unknown): v is SealKeySet {
  return (
    isRecord(v) &&
    Array.isArray(v.keys) &&
    v.keys.length > 0 &&
    v.keys.every(
      (k: unknown) =>
        isRecord(k) &&
        k.kty === 'EC' &&
        k.crv === 'P-256' &&
        typeof k.x === 'string' &&
        typeof k.y === 'string' &&
        typeof k.kid === 'string' &&
        k.alg === SEAL_ALG &&
        k.use === 'enc',
    )
  );
}

/** Guard for the answer of `POST /v1/forward`. */
export function isForwardResponse(v: unknown): v is ForwardResponse {
  return (
    isRecord(v) &&
    typeof v.status === 'number' &&
    typeof v.body === 'string' &&
    isRecord(v.headers) &&
    Object.values(v.headers).every((value) => typeof value === 'string')
  );
}

/** Guard for the answer of `POST /v1/tokens`, for the field page. */
export function isCreatedToken(v: unknown): v is CreatedToken {
  return (
    isRecord(v) &&
    typeof v.id === 'string' &&
    v.object === 'token' &&
    isRecord(v.card) &&
    isBrand(v.card.brand) &&
    typeof v.card.last4 === 'string' &&
    typeof v.card.expMonth === 'number' &&
    typeof v.card.expYear === 'number'
  );
}

/** Guard for a token object, for SDKs and merchant servers reading one. */
export function isTokenObject(v: unknown): v is TokenObject {
  return (
    isRecord(v) &&
    typeof v.id === 'string' &&
    v.object === 'token' &&
    v.type === 'card' &&
    typeof v.created === 'number' &&
    isRecord(v.card) &&
    typeof v.card.last4 === 'string' &&
    (v.cvc === 'present' || v.cvc === 'absent')
  );
}
