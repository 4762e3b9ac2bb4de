import { type Agent, type EdgeConfig, getConfig, type KeyType, type Merchant, velocityOf } from './config';
import type { KeyRow, MerchantRow, RegistrySnapshot } from './registry-snapshot';

// The configuration requests are served with: the secrets' (parsed once per isolate) with the operator
// registry's merchants, agent platforms, keys, revocations and expiries on top. Each isolate keeps the
// registry's snapshot for at most 30 s; what must take effect at once (a revoked key, a suspended merchant) is
// also enforced by the merchant's vault on its very next request.

/** How long an isolate serves a registry snapshot. */
export const SNAPSHOT_TTL_MS = 30_000;
/** An unknown key makes the isolate ask the registry again, at most this often. */
const REFRESH_MIN_MS = 2_000;

let snapshot: { at: number; value: Promise<RegistrySnapshot> } | undefined;
let merged: { base: EdgeConfig; snap: RegistrySnapshot; config: EdgeConfig } | undefined;

const registryOf = (env: Env) => env.REGISTRY.get(env.REGISTRY.idFromName('registry'));

function currentSnapshot(env: Env, maxAgeMs = SNAPSHOT_TTL_MS): Promise<RegistrySnapshot> {
  if (snapshot === undefined || Date.now() - snapshot.at > maxAgeMs) {
    const value = registryOf(env).snapshot();
    const entry = { at: Date.now(), value };
    // A failed read is not kept: the next request asks again.
    value.catch(() => {
      if (snapshot === entry) snapshot = undefined;
    });
    snapshot = entry;
  }
  return snapshot.value;
}

/** After an operator change in this isolate: the next request reads the registry again. */
export function forgetRegistrySnapshot(): void {
  snapshot = undefined;
}

/** The configuration as of the secrets and the registry's latest snapshot (at most 30 s old). */
export async function getEffectiveConfig(env: Env): Promise<EdgeConfig> {
  const base = await getConfig(env);
  const snap = await currentSnapshot(env);
  if (merged?.base === base && merged.snap === snap) return merged.config;
  const config = mergeRegistry(base, snap);
  merged = { base, snap, config };
  return config;
}

/** The configuration again, with a snapshot at most 2 s old: for a key this isolate has not seen yet. */
export function getFreshConfig(env: Env): Promise<EdgeConfig> {
  if (snapshot !== undefined && Date.now() - snapshot.at > REFRESH_MIN_MS) snapshot = undefined;
  return getEffectiveConfig(env);
}

const live = (row: KeyRow, nowSeconds: number) =>
  row.revoked_at === null && (row.expires_at === null || row.expires_at > nowSeconds);

function merchantOf(row: MerchantRow): Merchant {
  const limits = JSON.parse(row.limits) as Record<string, number | undefined>;
  return Object.freeze({
    id: row.id,
    name: row.name,
    allowedOrigins: Object.freeze(JSON.parse(row.origins) as string[]),
    forwardHosts: Object.freeze(JSON.parse(row.forward_hosts) as string[]),
    velocity: Object.freeze(velocityOf(limits)),
    agents: Object.freeze(JSON.parse(row.agents) as string[]),
    maxAllowanceSeconds: limits.maxAllowanceSeconds ?? 7 * 24 * 60 * 60,
    status: row.status,
    source: 'registry',
    requireMandate: limits.requireMandate === 1,
    vaultShards: limits.vaultShards ?? 1,
  });
}

/** The secrets' configuration with the registry's on top: registry rows win, revocations remove keys. */
export function mergeRegistry(base: EdgeConfig, snap: RegistrySnapshot, nowSeconds = Date.now() / 1000): EdgeConfig {
  const merchants = new Map(base.merchants);
  for (const row of snap.merchants) merchants.set(row.id, merchantOf(row));

  const apiKeys = new Map<string, { merchant: Merchant; type: KeyType; expiresAt?: number }>();
  for (const [hash, entry] of base.apiKeys) {
    const merchant = merchants.get(entry.merchant.id);
    if (merchant !== undefined) apiKeys.set(hash, { merchant, type: entry.type });
  }
  const agents = new Map<string, Agent>(base.agents);
  for (const row of snap.agents)
    if (!agents.has(row.id)) agents.set(row.id, { id: row.id, name: row.name, signingKeys: [], mandateIssuerKeys: [] });
  const agentKeys = new Map(base.agentKeys);
  const operatorKeys = new Map(base.operatorKeys);

  for (const row of snap.keys) {
    const expiresAt = row.expires_at ?? undefined;
    const withExpiry = expiresAt === undefined ? {} : { expiresAt };
    if (!live(row, nowSeconds)) {
      apiKeys.delete(row.key_hash);
      agentKeys.delete(row.key_hash);
      operatorKeys.delete(row.key_hash);
      continue;
    }
    if (row.owner_kind === 'merchant' && (row.type === 'publishable' || row.type === 'secret')) {
      const merchant = merchants.get(row.owner_id);
      if (merchant !== undefined) apiKeys.set(row.key_hash, { merchant, type: row.type, ...withExpiry });
    } else if (row.owner_kind === 'agent') {
      const agent = agents.get(row.owner_id);
      if (agent !== undefined) agentKeys.set(row.key_hash, agent);
    } else if (row.owner_kind === 'operator') {
      operatorKeys.set(row.key_hash, withExpiry);
    }
  }
  // A rotation's KEK is active only when the secret lists it; otherwise the secret's first stays active.
  const rotated = snap.activeKek === null ? undefined : base.keks.byKid.get(snap.activeKek);
  const keks = rotated === undefined ? base.keks : { ...base.keks, active: rotated };
  return { ...base, keks, merchants, apiKeys, agents, agentKeys, operatorKeys };
}
