import { SDJwtInstance } from '@sd-jwt/core';
import * as v from 'valibot';
import { fromBase64Url, toBase64Url, utf8 } from '../../lib/encoding';

// An AP2 Payment Mandate as presented with a charge: an SD-JWT VC signed by the agent platform's mandate issuer
// (AP2's Trusted Agent Provider model), its disclosures, and a key-binding JWT signed by the key its `cnf` names.
// Parsing, disclosure digests, `sd_hash` and the issuer JWT's iat/nbf/exp are @sd-jwt/core's; the signatures are
// WebCrypto ES256 through the two small verifier adapters below. What the library leaves to the verifier (typ,
// alg, the KB-JWT's audience and age, disclosures nobody references) is checked here.
//
// Not @sd-jwt/sd-jwt-vc's instance: its verify() fetches a status list or type metadata from URLs the credential
// names, a request from the payment path to wherever a mandate points. A mandate is single-use anyway (the vault
// records it), and the SD-JWT VC rules that matter here (typ, vct, cnf) are checked without it.

/** How far the KB-JWT's `iat` may be from the edge's clock: as for signed ACP requests. */
export const KEY_BINDING_TOLERANCE_SECONDS = 300;
/** Leeway for the issuer JWT's iat, nbf and exp against the edge's clock. */
const ISSUER_SKEW_SECONDS = 60;

/** SD-JWT VC's media type, which @sd-jwt/sd-jwt-vc issues; explicit typing keeps other JWTs of a key out. */
const SD_JWT_VC_TYP = 'dc+sd-jwt';
const ES256 = { name: 'ECDSA', hash: 'SHA-256' } as const;

/** A verified presentation: its id, the agent platforms whose issuer keys signed it, and its disclosed claims. */
export interface Presentation {
  /** base64url SHA-256 of the issuer JWT's signing input (header.payload): the same for every presentation. */
  id: string;
  issuers: string[];
  claims: Record<string, unknown>;
}

/** What the KB-JWT must be bound to: the verifier it is meant for (`aud`) and the transaction (`nonce`). */
export interface KeyBinding {
  audience: string;
  nonce: string;
}

const HolderKey = v.object({
  cnf: v.object({
    jwk: v.object({
      kty: v.literal('EC'),
      crv: v.literal('P-256'),
      x: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{43}$/)),
      y: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{43}$/)),
    }),
  }),
});

/** SD-JWT's hasher: SHA-256 only (SD-JWT's default `_sd_alg`, and AP2's), through WebCrypto. */
async function sha256(data: string | ArrayBuffer, alg: string): Promise<Uint8Array> {
  if (alg.toLowerCase() !== 'sha-256') throw new Error('unsupported _sd_alg');
  const bytes = typeof data === 'string' ? utf8(data) : new Uint8Array(data);
  return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
}

/** An ES256 JWS signature (IEEE P1363 r‖s, as WebCrypto takes it) over `data`. */
async function verifies(key: CryptoKey, data: string, signature: string): Promise<boolean> {
  let bytes: Uint8Array;
  try {
    bytes = fromBase64Url(signature);
  } catch {
    return false;
  }
  return crypto.subtle.verify(ES256, key, bytes, utf8(data));
}

/** The holder's key from the credential's `cnf.jwk` (RFC 7800), or null when there is no usable one. */
async function holderKey(claims: unknown): Promise<CryptoKey | null> {
  const parsed = v.safeParse(HolderKey, claims);
  if (!parsed.success) return null;
  try {
    return await crypto.subtle.importKey('jwk', parsed.output.cnf.jwk, { name: 'ECDSA', namedCurve: 'P-256' }, false, [
      'verify',
    ]);
  } catch {
    return null;
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Verifies a presented mandate: an issuer signature by one of `issuerKeys` (agent platform id → its keys), the
 * issuer JWT's times, a KB-JWT signed by the `cnf` key over exactly these disclosures (`sd_hash`), for
 * `binding.audience` and `binding.nonce`, issued within 5 minutes of now, and every disclosure referenced once.
 * Null when anything fails: which step failed is nobody's business but the issuer's.
 */
export async function verifyPresentation(
  compact: string,
  issuerKeys: ReadonlyMap<string, readonly CryptoKey[]>,
  binding: KeyBinding,
  nowSeconds: number,
): Promise<Presentation | null> {
  const issuers: string[] = [];
  const sdJwt = new SDJwtInstance({
    hasher: sha256,
    verifier: async (data, signature) => {
      for (const [agentId, keys] of issuerKeys) {
        for (const key of keys) {
          if (await verifies(key, data, signature)) {
            issuers.push(agentId);
            break;
          }
        }
      }
      return issuers.length > 0;
    },
    kbVerifier: async (data, signature, claims) => {
      const key = await holderKey(claims);
      return key !== null && verifies(key, data, signature);
    },
  });

  let verified: Awaited<ReturnType<typeof sdJwt.verify>>;
  let referenced: number;
  let disclosed: number;
  try {
    verified = await sdJwt.verify(compact, {
      keyBindingNonce: binding.nonce,
      currentDate: nowSeconds,
      skewSeconds: ISSUER_SKEW_SECONDS,
    });
    const decoded = await sdJwt.decode(compact);
    referenced = (await decoded.presentableKeys(sha256)).length;
    disclosed = decoded.disclosures?.length ?? 0;
  } catch {
    return null;
  }
  const { header, kb, payload } = verified;
  if (header?.typ !== SD_JWT_VC_TYP || header.alg !== 'ES256' || !isRecord(payload)) return null;
  // RFC 9901: a disclosure no digest refers to, or one given twice, makes the whole presentation invalid.
  if (referenced !== disclosed) return null;
  if (kb === undefined || kb.header.alg !== 'ES256' || kb.payload.aud !== binding.audience) return null;
  const { iat } = kb.payload;
  if (typeof iat !== 'number' || Math.abs(nowSeconds - iat) > KEY_BINDING_TOLERANCE_SECONDS) return null;

  const issuerJwt = compact.slice(0, compact.indexOf('~'));
  const signingInput = issuerJwt.slice(0, issuerJwt.lastIndexOf('.'));
  // Not the whole JWT: an ECDSA signature has a second valid form (s ↦ n − s), so a replay could re-sign nothing
  // and still change the bytes; the signing input cannot change without breaking the signature.
  const id = toBase64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', utf8(signingInput))));
  return { id, issuers, claims: payload };
}
