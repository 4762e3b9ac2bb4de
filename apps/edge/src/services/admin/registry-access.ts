import { getEffectiveConfig } from '../../config/effective-config';
import { everyShardOf } from '../../request/vault-of';

/** The one registry of the deployment. */
export const registryOf = (env: Env) => env.REGISTRY.get(env.REGISTRY.idFromName('registry'));

/**
 * Tells a merchant's vault what the registry now says of its keys (revoked, expiring) and its status, so the
 * vault refuses them on the very next request whatever an isolate's cached configuration says.
 */
export async function pushAccess(env: Env, merchantId: string, status?: 'active' | 'suspended'): Promise<void> {
  const keys = await registryOf(env).keysOf('merchant', merchantId);
  const merchant = (await getEffectiveConfig(env)).merchants.get(merchantId);
  const access = {
    status: status ?? merchant?.status ?? 'active',
    keys: keys
      .filter((key) => key.revoked_at !== null || key.expires_at !== null)
      .map((key) => ({ hash: key.key_hash, expiresAt: key.expires_at, revokedAt: key.revoked_at })),
  };
  // Every shard: a revocation must hold wherever the key's next request lands.
  await Promise.all((await everyShardOf(env, merchantId)).map((vault) => vault.setAccess(merchantId, access)));
}
