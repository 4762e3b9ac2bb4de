import { SEAL_ALG, type SealPublicJwk } from '@tessera/protocol';
import * as v from 'valibot';
import { importKek } from '../crypto/envelope';
import { importSealKey } from '../crypto/seal';
import { EdgeError } from '../errors/edge-error';
import { fromBase64Url } from '../lib/encoding';
import { logEvent } from '../lib/log';
import { AgentsSchema, KeksSchema, MerchantsSchema, OperatorKeyHashesSchema, SealKeysSchema } from './config-schema';
import { DEFAULT_VELOCITY, type VelocityRules } from './velocity-rules';

export type KeyType = 'publishable' | 'secret';

export interface Merchant {
  id: string;
  /** Origins allowed to embed this merchant's field pages: the CSP `frame-ancestors`. */
  allowedOrigins: readonly string[];
  /** Hosts (`URL.host`: name, optionally `:port`) that `POST /v1/forward` may send this merchant's cards to. */
  forwardHosts: readonly string[];
  /** Card-testing thresholds of the merchant's vault: the defaults, with what its configuration overrides. */
  velocity: VelocityRules;
  /** Agent platforms whose vault tokens this merchant accepts. */
  agents: readonly string[];
  /** The longest allowance an agent's vault token for this merchant may have, in seconds. */
  maxAllowanceSeconds: number;
  /** Whether a charge of a vault token must carry an AP2 Payment Mandate. */
  requireMandate: boolean;
  /** How many shards the merchant's vault is split into (request/vault-of.ts); 1 unless an operator raised it. */
  vaultShards: number;
  /** A suspended merchant's keys are all refused. */
  status: 'active' | 'suspended';
  /** A display name (the id when configured in a secret). */
  name: string;
  /** Where the merchant is defined: a secret, or the operator API's registry. */
  source: 'config' | 'registry';
}

/** An agent platform: delegates cards under allowances (agent commerce) with its `ak_` keys. */
export interface Agent {
  id: string;
  name: string;
  /** Public P-256 keys its requests are signed with; empty when it does not sign. */
  signingKeys: readonly CryptoKey[];
  /** Public P-256 keys its AP2 Payment Mandates are signed with; empty when it issues none. */
  mandateIssuerKeys: readonly CryptoKey[];
}

export interface Kek {
  kid: string;
  key: CryptoKey;
}

export interface SealKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: SealPublicJwk;
}

export interface EdgeConfig {
  /** The active KEK wraps new data keys; every listed one still unwraps. */
  keks: { active: Kek; byKid: ReadonlyMap<string, Kek> };
  /** Current key first, as `/v1/keys/seal` lists them. */
  sealKeys: readonly SealKey[];
  sealKeysByKid: ReadonlyMap<string, CryptoKey>;
  merchants: ReadonlyMap<string, Merchant>;
  /** SHA-256 hex of an API key → whose key it is, what it may do, and until when (unix s) if it expires. */
  apiKeys: ReadonlyMap<string, { merchant: Merchant; type: KeyType; expiresAt?: number }>;
  /** SHA-256 hex of the operator keys. */
  operatorKeys: ReadonlyMap<string, { expiresAt?: number }>;
  agents: ReadonlyMap<string, Agent>;
  /** SHA-256 hex of an agent platform's key → the platform. */
  agentKeys: ReadonlyMap<string, Agent>;
  /** Each merchant's configured (secret) keys, by merchant id: the operator API can roll and revoke them too. */
  configuredKeys: ReadonlyMap<string, readonly { hash: string; type: KeyType }[]>;
}

/**
 * Local development (`TESSERA_ENVIRONMENT=development`, written by scripts/dev-vars.mjs) relaxes what must
 * never be relaxed in production, such as forwarding to loopback over http. Any other value, or none, is
 * production: a typo fails closed.
 */
export const isDevelopment = (env: Pick<Env, 'TESSERA_ENVIRONMENT'>): boolean =>
  env.TESSERA_ENVIRONMENT === 'development';

/** The default thresholds with those a merchant's configuration sets (exactOptionalPropertyTypes-safe). */
export function velocityOf(overrides: Partial<Record<keyof VelocityRules, number | undefined>>): VelocityRules {
  const rules = { ...DEFAULT_VELOCITY };
  for (const name of Object.keys(rules) as (keyof VelocityRules)[]) {
    const value = overrides[name];
    if (value !== undefined) rules[name] = value;
  }
  return rules;
}

type SecretName =
  | 'TESSERA_KEKS'
  | 'TESSERA_SEAL_KEYS'
  | 'TESSERA_MERCHANTS'
  | 'TESSERA_AGENTS'
  | 'TESSERA_OPERATOR_KEY_HASHES';

/** Thrown while parsing; names the secret and where in it, never a value. */
class ConfigError extends Error {
  constructor(
    readonly secret: SecretName,
    readonly issues: string[],
  ) {
    super(`${secret} is invalid`);
  }
}

/**
 * What an issue says was wanted, never what was given: the expectation (a type, a pattern, a length), or for a
 * custom check the rule its message names (config-schema.ts writes them: 'not an origin', 'duplicate kid').
 * valibot's default message quotes the input, so a check without a message of its own says only `validation`.
 */
function issueText(issue: v.BaseIssue<unknown>): string {
  if (issue.type === 'check' && !issue.message.includes(issue.received)) return issue.message;
  return issue.expected ?? issue.kind;
}

function parseSecret<S extends v.GenericSchema>(secret: SecretName, raw: string | undefined, schema: S) {
  let json: unknown;
  try {
    json = JSON.parse(raw ?? '');
  } catch {
    throw new ConfigError(secret, ['not JSON']);
  }
  const result = v.safeParse(schema, json);
  if (!result.success) {
    throw new ConfigError(
      secret,
      result.issues.map((issue) => `${v.getDotPath(issue) ?? '(root)'}: ${issueText(issue)}`),
    );
  }
  return result.output as v.InferOutput<S>;
}

/** Imports an agent platform's public P-256 JWKs as ECDSA verification keys; `path` names them in an error. */
async function importVerifyKeys(jwks: readonly JsonWebKey[], path: string): Promise<CryptoKey[]> {
  const keys: CryptoKey[] = [];
  for (const jwk of jwks) {
    try {
      keys.push(await crypto.subtle.importKey('jwk', jwk, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']));
    } catch {
      throw new ConfigError('TESSERA_AGENTS', [`${path}: not a valid P-256 public key`]);
    }
  }
  return keys;
}

/** Parses and imports the secrets. Throws ConfigError (without values) when any is broken. */
export async function parseEdgeConfig(env: Pick<Env, SecretName>): Promise<EdgeConfig> {
  const keksInput = parseSecret('TESSERA_KEKS', env.TESSERA_KEKS, KeksSchema);
  const sealInput = parseSecret('TESSERA_SEAL_KEYS', env.TESSERA_SEAL_KEYS, SealKeysSchema);
  const merchantsInput = parseSecret('TESSERA_MERCHANTS', env.TESSERA_MERCHANTS, MerchantsSchema);
  // Optional: a deployment without agent commerce leaves it unset.
  const agentsInput = parseSecret('TESSERA_AGENTS', env.TESSERA_AGENTS || '[]', AgentsSchema);
  const operatorInput = parseSecret(
    'TESSERA_OPERATOR_KEY_HASHES',
    env.TESSERA_OPERATOR_KEY_HASHES || '[]',
    OperatorKeyHashesSchema,
  );

  const keks: Kek[] = [];
  for (const [i, { kid, key }] of keksInput.entries()) {
    const raw = fromBase64Url(key);
    if (raw.length !== 32) throw new ConfigError('TESSERA_KEKS', [`${i}.key: 32 bytes`]);
    keks.push({ kid, key: await importKek(raw) });
  }

  const sealKeys: SealKey[] = [];
  for (const [i, jwk] of sealInput.entries()) {
    try {
      sealKeys.push({
        kid: jwk.kid,
        privateKey: await importSealKey(jwk),
        publicJwk: { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y, kid: jwk.kid, alg: SEAL_ALG, use: 'enc' },
      });
    } catch {
      throw new ConfigError('TESSERA_SEAL_KEYS', [`${i}: not a valid P-256 private key`]);
    }
  }

  const merchants = new Map<string, Merchant>();
  const apiKeys = new Map<string, { merchant: Merchant; type: KeyType }>();
  const configuredKeys = new Map<string, { hash: string; type: KeyType }[]>();
  for (const m of merchantsInput) {
    const merchant: Merchant = {
      id: m.id,
      allowedOrigins: Object.freeze([...m.allowedOrigins]),
      forwardHosts: Object.freeze([...m.forwardHosts]),
      velocity: Object.freeze(velocityOf(m.cardTesting)),
      agents: Object.freeze([...m.agents]),
      maxAllowanceSeconds: m.maxAllowanceSeconds,
      requireMandate: m.requireMandate,
      vaultShards: m.vaultShards,
      status: 'active',
      name: m.id,
      source: 'config',
    };
    merchants.set(m.id, merchant);
    for (const hash of m.publishableKeyHashes) apiKeys.set(hash, { merchant, type: 'publishable' });
    for (const hash of m.secretKeyHashes) apiKeys.set(hash, { merchant, type: 'secret' });
    configuredKeys.set(m.id, [
      ...m.publishableKeyHashes.map((hash) => ({ hash, type: 'publishable' as const })),
      ...m.secretKeyHashes.map((hash) => ({ hash, type: 'secret' as const })),
    ]);
  }

  const agents = new Map<string, Agent>();
  const agentKeys = new Map<string, Agent>();
  for (const [i, a] of agentsInput.entries()) {
    const agent: Agent = {
      id: a.id,
      name: a.name,
      signingKeys: Object.freeze(await importVerifyKeys(a.signingKeys, `${i}.signingKeys`)),
      mandateIssuerKeys: Object.freeze(await importVerifyKeys(a.mandateIssuerKeys, `${i}.mandateIssuerKeys`)),
    };
    agents.set(a.id, agent);
    for (const hash of a.keyHashes) {
      if (apiKeys.has(hash)) throw new ConfigError('TESSERA_AGENTS', [`${i}.keyHashes: also a merchant key`]);
      agentKeys.set(hash, agent);
    }
  }

  const activeKek = keks[0]!;
  return {
    keks: { active: activeKek, byKid: new Map(keks.map((k) => [k.kid, k])) },
    sealKeys,
    sealKeysByKid: new Map(sealKeys.map((k) => [k.kid, k.privateKey])),
    merchants,
    apiKeys,
    agents,
    agentKeys,
    operatorKeys: new Map(operatorInput.map((hash) => [hash, {}])),
    configuredKeys,
  };
}

// One parse per isolate. Keyed by the secrets' text so a test (or a redeploy) with other values parses again;
// a broken config is cached too, so a bad deploy logs once per isolate instead of once per request.
let cache: { source: string; config: Promise<EdgeConfig> } | undefined;

/**
 * The edge's configuration, parsed and imported once per isolate. Fails closed: when a secret is broken every
 * caller gets a generic 500 (`internal_error`), and one log line names the secret and the path, not the value.
 */
export function getConfig(env: Pick<Env, SecretName>): Promise<EdgeConfig> {
  const source = JSON.stringify([
    env.TESSERA_KEKS,
    env.TESSERA_SEAL_KEYS,
    env.TESSERA_MERCHANTS,
    env.TESSERA_AGENTS,
    env.TESSERA_OPERATOR_KEY_HASHES,
  ]);
  if (cache?.source !== source) {
    const config = parseEdgeConfig(env).catch((error: unknown) => {
      if (error instanceof ConfigError) {
        logEvent('error', 'edge config invalid', { secret: error.secret, issues: error.issues });
      } else {
        logEvent('error', 'edge config failed', { error: error instanceof Error ? error.name : typeof error });
      }
      throw new EdgeError('internal_error');
    });
    // Callers that never await a failed parse must not surface it as an unhandled rejection.
    config.catch(() => {});
    cache = { source, config };
  }
  return cache.config;
}
