import type { Merchant } from '../config/config';
import { getEffectiveConfig } from '../config/effective-config';
import { EdgeError } from '../errors/edge-error';
import { vaultShardName } from '../lib/vault-shard-name';
import { shardOfToken } from '../vault/ids';

// Each merchant has its own vault, addressed by merchant id. A hot merchant's vault can be split into shards (the
// merchant's `vaultShards`, an operator setting, 1 by default): shard 0 is the object every vault has always been
// (`idFromName(merchantId)`), shard k > 0 is `idFromName("<merchantId>/<k>")` (a merchant id holds no `/`). New
// tokens are spread over the shards; a token id names its shard (vault/ids.ts), so growing the count later moves
// no token. What is one per merchant (agent vault tokens, refusals audited at the front) lives in shard 0.

export type VaultStub = DurableObjectStub<import('../vault/vault-object').VaultObject>;

/** One shard of a merchant's vault. */
export const vaultShard = (env: Env, merchantId: string, shard: number): VaultStub =>
  env.VAULT.get(env.VAULT.idFromName(vaultShardName(merchantId, shard)));

/** The merchant's home shard (0): the whole vault when it is not split. */
export const vaultOf = (env: Env, merchant: Pick<Merchant, 'id'>): VaultStub => vaultShard(env, merchant.id, 0);

/**
 * The shard holding a token (`tok_…`; a vault token `vt_…` lives in the home shard). An id naming a shard past the
 * merchant's count cannot exist (the count is only ever raised): 404 with no vault object asked, or made.
 */
export function vaultOfToken(env: Env, merchant: Pick<Merchant, 'id' | 'vaultShards'>, tokenId: string): VaultStub {
  const shard = shardOfToken(tokenId);
  if (shard >= merchant.vaultShards) throw new EdgeError('not_found');
  return vaultShard(env, merchant.id, shard);
}

/** Every shard of a merchant's vault, home first: for what fans out (fingerprint search, events, keys). */
export const everyShard = (env: Env, merchant: Pick<Merchant, 'id' | 'vaultShards'>): VaultStub[] =>
  Array.from({ length: merchant.vaultShards }, (_, shard) => vaultShard(env, merchant.id, shard));

/** Every shard of a merchant's vault, by merchant id (1 shard for a merchant the configuration no longer has). */
export async function everyShardOf(env: Env, merchantId: string): Promise<VaultStub[]> {
  const merchant = (await getEffectiveConfig(env)).merchants.get(merchantId);
  return everyShard(env, { id: merchantId, vaultShards: merchant?.vaultShards ?? 1 });
}

/** FNV-1a, 32 bits: spreads strings over shards; not a security boundary. */
function spread(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/**
 * Which shard a new token goes to. By the client's address when the request names one, so the vault's per-client
 * card-testing rules see all of one client's attempts in one shard; else by the Idempotency-Key, so a retry meets
 * its first attempt; else at random.
 */
export function shardForCreate(shards: number, clientIp: string | null, idempotencyKey: string | undefined): number {
  if (shards <= 1) return 0;
  const subject = clientIp ?? idempotencyKey;
  if (subject === undefined) return Math.floor(Math.random() * shards);
  return spread(subject) % shards;
}
