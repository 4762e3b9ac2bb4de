import { isHost, isOrigin, MAX_VAULT_SHARDS } from '@tessera/protocol';
import * as v from 'valibot';

// Shapes of the edge's secrets. Parsed once per isolate (see config.ts); anything off fails closed.

const KID = /^[A-Za-z0-9_-]{1,64}$/;
const BASE64URL_32_BYTES = /^[A-Za-z0-9_-]{43}$/;
const SHA256_HEX = /^[0-9a-f]{64}$/;
const MERCHANT_ID = /^[A-Za-z0-9_-]{1,64}$/;
const AGENT_ID = /^[A-Za-z0-9_-]{1,64}$/;

const unique = (values: readonly string[]) => new Set(values).size === values.length;

/** `TESSERA_KEKS`: key-encryption keys, the first is the active one. */
export const KeksSchema = v.pipe(
  v.array(
    v.strictObject({ kid: v.pipe(v.string(), v.regex(KID)), key: v.pipe(v.string(), v.regex(BASE64URL_32_BYTES)) }),
  ),
  v.minLength(1),
  v.check((keks) => unique(keks.map((k) => k.kid)), 'duplicate kid'),
);

/** `TESSERA_SEAL_KEYS`: private P-256 JWKs for unsealing cards, the first is current. */
export const SealKeysSchema = v.pipe(
  v.array(
    // Not strict: JWKs exported by tools often carry `alg`, `use`, `key_ops` or `ext`; only these members are used.
    v.object({
      kty: v.literal('EC'),
      crv: v.literal('P-256'),
      kid: v.pipe(v.string(), v.regex(KID)),
      x: v.pipe(v.string(), v.regex(BASE64URL_32_BYTES)),
      y: v.pipe(v.string(), v.regex(BASE64URL_32_BYTES)),
      d: v.pipe(v.string(), v.regex(BASE64URL_32_BYTES)),
    }),
  ),
  v.minLength(1),
  v.check((keys) => unique(keys.map((k) => k.kid)), 'duplicate kid'),
);

const Positive = v.pipe(v.number(), v.safeInteger(), v.minValue(1));

export { MAX_VAULT_SHARDS };

const Hashes = v.array(v.pipe(v.string(), v.regex(SHA256_HEX)));

/** `TESSERA_MERCHANTS`: merchants with the SHA-256 (hex) of each of their keys, never the keys. */
export const MerchantsSchema = v.pipe(
  v.array(
    v.strictObject({
      id: v.pipe(v.string(), v.regex(MERCHANT_ID)),
      publishableKeyHashes: Hashes,
      secretKeyHashes: Hashes,
      allowedOrigins: v.array(v.pipe(v.string(), v.check(isOrigin, 'not an origin'))),
      // Optional so configurations from before forwarding stay valid: no hosts, no forwarding.
      forwardHosts: v.optional(v.array(v.pipe(v.string(), v.check(isHost, 'not a host'))), []),
      // Agent platforms whose vault tokens this merchant accepts (agent commerce), and the longest allowance.
      agents: v.optional(v.array(v.pipe(v.string(), v.regex(AGENT_ID))), []),
      maxAllowanceSeconds: v.optional(Positive, 7 * 24 * 60 * 60),
      // Whether a vault token's charge must carry an AP2 Payment Mandate (services/agents/mandate-check.ts).
      requireMandate: v.optional(v.boolean(), false),
      // Shards of the merchant's vault, for a merchant one object cannot carry (request/vault-of.ts). Raise it,
      // never lower it: tokens in a shard past the count stay readable by id but drop out of searches.
      vaultShards: v.optional(v.pipe(v.number(), v.safeInteger(), v.minValue(1), v.maxValue(MAX_VAULT_SHARDS)), 1),
      // Card-testing thresholds of the merchant's vault; each one left out keeps its default.
      cardTesting: v.optional(
        v.strictObject({
          windowSeconds: v.optional(Positive),
          maxCardsPerClient: v.optional(Positive),
          maxExpiriesPerCard: v.optional(Positive),
          maxAttemptsPerCard: v.optional(Positive),
          maxBinsPerKey: v.optional(Positive),
          throttledPerMinute: v.optional(Positive),
        }),
        {},
      ),
    }),
  ),
  v.minLength(1),
  v.check((merchants) => unique(merchants.map((m) => m.id)), 'duplicate merchant id'),
  // A hash listed twice would make a key's merchant or type ambiguous.
  v.check(
    (merchants) => unique(merchants.flatMap((m) => [...m.publishableKeyHashes, ...m.secretKeyHashes])),
    'duplicate key hash',
  ),
);

/** A public P-256 JWK; not strict, since exported JWKs often carry `alg`, `use`, `kid` or `key_ops`. */
const PublicP256Jwk = v.object({
  kty: v.literal('EC'),
  crv: v.literal('P-256'),
  x: v.pipe(v.string(), v.regex(BASE64URL_32_BYTES)),
  y: v.pipe(v.string(), v.regex(BASE64URL_32_BYTES)),
});

/** `TESSERA_AGENTS`: agent platforms, with the SHA-256 (hex) of each of their `ak_` keys. */
export const AgentsSchema = v.pipe(
  v.array(
    v.strictObject({
      id: v.pipe(v.string(), v.regex(AGENT_ID)),
      name: v.pipe(v.string(), v.minLength(1), v.maxLength(100)),
      keyHashes: Hashes,
      // Public P-256 keys the platform signs requests with (`Signature` / `Timestamp`); none: unsigned requests.
      signingKeys: v.optional(v.array(PublicP256Jwk), []),
      // Public P-256 keys of the issuer of the platform's AP2 Payment Mandates (its trusted surface, in AP2's
      // Trusted Agent Provider model). Kept apart from signingKeys: a key that signs API requests must not be
      // able to mint a user's mandate. None: the platform's mandates are refused.
      mandateIssuerKeys: v.optional(v.array(PublicP256Jwk), []),
    }),
  ),
  v.check((agents) => unique(agents.map((a) => a.id)), 'duplicate agent id'),
  v.check((agents) => unique(agents.flatMap((a) => a.keyHashes)), 'duplicate key hash'),
);

/** `TESSERA_OPERATOR_KEY_HASHES`: the bootstrap operator keys (SHA-256 hex); more are issued through the API. */
export const OperatorKeyHashesSchema = Hashes;

export type KekInput = v.InferOutput<typeof KeksSchema>[number];
export type SealKeyInput = v.InferOutput<typeof SealKeysSchema>[number];
export type MerchantInput = v.InferOutput<typeof MerchantsSchema>[number];
