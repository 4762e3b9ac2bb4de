// The operator API's shapes (`/v1/admin/*` of the edge), shared by its clients: the CLI (packages/cli) and the
// console (apps/console). Each client keeps its own guards over them, as strict as it needs.

/** The limits a merchant's vault applies; every one has a value at the edge (defaults filled in). */
export const LIMIT_NAMES = [
  'windowSeconds',
  'maxCardsPerClient',
  'maxExpiriesPerCard',
  'maxAttemptsPerCard',
  'maxBinsPerKey',
  'throttledPerMinute',
  'maxAllowanceSeconds',
] as const;
export type LimitName = (typeof LIMIT_NAMES)[number];
export type MerchantLimits = { [name in LimitName]?: number | undefined };

/** The most shards a merchant's vault can be split into (`vaultShards`). */
export const MAX_VAULT_SHARDS = 64;

/** A merchant, as `GET /v1/admin/merchants` lists it. */
export interface AdminMerchant {
  id: string;
  object: 'merchant';
  name: string;
  origins: string[];
  forwardHosts: string[];
  agents: string[];
  limits: MerchantLimits;
  /** How many shards the merchant's vault is split into: raised for a merchant one vault object cannot carry. */
  vaultShards: number;
  status: 'active' | 'suspended';
  /** `config`: from the edge's TESSERA_MERCHANTS secret; `registry`: created through the operator API. */
  source: 'config' | 'registry';
}

/** What `POST /v1/admin/merchants` takes. */
export interface NewMerchant {
  id?: string;
  name: string;
  origins: string[];
  forwardHosts: string[];
  agents?: string[];
  limits?: MerchantLimits;
  vaultShards?: number;
}

/** What `PATCH /v1/admin/merchants/:id` takes: only what changes. */
export interface MerchantPatch {
  name?: string;
  origins?: string[];
  forwardHosts?: string[];
  agents?: string[];
  limits?: MerchantLimits;
  /** Only ever raised: a lower count is refused. */
  vaultShards?: number;
  status?: 'active' | 'suspended';
}

/** An API key as the operator sees it: never the key, only its prefix and last four. */
export interface ApiKey {
  id: string;
  object: 'api_key';
  type: 'publishable' | 'secret';
  prefix: string;
  last4: string | null;
  /** Unix seconds; null for a key configured in a secret. */
  created: number | null;
  lastUsed: number | null;
  expiresAt: number | null;
  status: 'active' | 'expired' | 'revoked';
  rolledTo?: string;
}

/** A key just issued: the only answer that holds the key itself. */
export interface IssuedKey extends ApiKey {
  key: string;
}

/** A roll's answer: the new key, shown this once, and the old one with the end of its overlap. */
export interface RolledKey extends IssuedKey {
  previous: ApiKey;
}

export interface AdminAgent {
  id: string;
  object: 'agent';
  name: string;
}

/** An agent platform just created, with its `ak_` key, shown once. */
export interface CreatedAgent extends AdminAgent {
  key: string;
  keyId: string;
}

/**
 * `GET /v1/admin/rotate`: every merchant's data keys and webhook secrets rewrapped under one KEK, a merchant at a
 * time. `done` counts the merchants rewrapped, `failed` those that could not be; `kek` is null before any rotation.
 */
export interface RotationStatus {
  state: 'idle' | 'running' | 'done';
  kek: string | null;
  total: number;
  done: number;
  failed: number;
}

/** `POST /v1/admin/rotate/retire`: the KEK wraps nothing and is not active, so it may leave TESSERA_KEKS. */
export interface RetiredKek {
  kek: string;
  retirable: true;
}

/** One hour of `GET /v1/admin/merchants/:id/stats`. */
export interface StatsBucket {
  /** Unix seconds, on the hour. */
  start: number;
  tokenizations: number;
  failures: number;
  rateLimited: number;
}
