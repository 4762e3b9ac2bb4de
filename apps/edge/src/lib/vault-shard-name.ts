// The names of a merchant's vault objects, shared by the Worker (request/vault-of.ts) and the Durable Objects that
// call a vault (the vault's own shards, the registry, the webhook queue). Shard 0 is the object every vault has
// always been, named by the merchant id; shard k > 0 is "<merchantId>/<k>" (a merchant id holds no `/`).

/** The Durable Object name of one shard of a merchant's vault (see request/vault-of.ts). */
export const vaultShardName = (merchantId: string, shard: number): string =>
  shard === 0 ? merchantId : `${merchantId}/${shard}`;

/** The shard a vault object's name says it is (0 for a merchant's first object, or an object without a name). */
export function shardOfName(name: string | undefined): number {
  const shard = name?.split('/')[1];
  return shard === undefined ? 0 : Number(shard);
}

/** The names of every shard of a vault split `shards` ways, home first. */
export const vaultShardNames = (merchantId: string, shards: number): string[] =>
  Array.from({ length: shards }, (_, shard) => vaultShardName(merchantId, shard));
