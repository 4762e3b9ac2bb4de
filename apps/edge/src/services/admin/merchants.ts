import type { Merchant } from '../../config/config';
import { forgetRegistrySnapshot, getEffectiveConfig } from '../../config/effective-config';
import { EdgeError } from '../../errors/edge-error';
import { randomBytes, toHex } from '../../lib/encoding';
import type { MerchantFields } from '../../vault/registry/registry';
import type { AuditContext } from '../../vault/types';
import { MerchantPatchSchema, NewMerchantSchema, parseBody } from './admin-input';
import { pushAccess, registryOf } from './registry-access';

/** A merchant as the operator API shows it. */
export function merchantObject(merchant: Merchant) {
  const { velocity } = merchant;
  return {
    id: merchant.id,
    object: 'merchant',
    name: merchant.name,
    origins: [...merchant.allowedOrigins],
    forwardHosts: [...merchant.forwardHosts],
    agents: [...merchant.agents],
    limits: { ...velocity, maxAllowanceSeconds: merchant.maxAllowanceSeconds },
    vaultShards: merchant.vaultShards,
    status: merchant.status,
    source: merchant.source,
  } as const;
}

export async function listMerchants(env: Env) {
  const config = await getEffectiveConfig(env);
  const data = [...config.merchants.values()].sort((a, b) => a.id.localeCompare(b.id)).map(merchantObject);
  return { object: 'list', data } as const;
}

export async function merchantOrThrow(env: Env, id: string): Promise<Merchant> {
  const merchant = (await getEffectiveConfig(env)).merchants.get(id);
  if (merchant === undefined) throw new EdgeError('not_found');
  return merchant;
}

export async function getMerchant(env: Env, id: string) {
  return merchantObject(await merchantOrThrow(env, id));
}

/** `POST /v1/admin/merchants`: a new merchant, validated now, live on every isolate within 30 s. */
export async function createMerchant(env: Env, body: unknown, audit: AuditContext) {
  const input = parseBody(NewMerchantSchema, body);
  const id = input.id ?? `m-${toHex(randomBytes(6))}`;
  if ((await getEffectiveConfig(env)).merchants.has(id)) throw new EdgeError('merchant_exists', { param: 'id' });
  const fields: MerchantFields = {
    name: input.name,
    origins: input.origins,
    forwardHosts: input.forwardHosts,
    agents: input.agents,
    // The shard count rides in the limits record: the registry stores limits as JSON, so no migration is needed.
    limits: { ...input.limits, vaultShards: input.vaultShards },
    status: 'active',
  };
  await registryOf(env).putMerchant(id, fields, 'admin.merchant_created', audit);
  forgetRegistrySnapshot();
  return getMerchant(env, id);
}

/** `PATCH /v1/admin/merchants/:id`: changes what is given; a suspension reaches the vault at once. */
export async function updateMerchant(env: Env, id: string, body: unknown, audit: AuditContext) {
  const patch = parseBody(MerchantPatchSchema, body);
  const current = await merchantOrThrow(env, id);
  // Lowering it would drop the tokens of the shards past the new count out of every search and event listing.
  if (patch.vaultShards !== undefined && patch.vaultShards < current.vaultShards) {
    throw new EdgeError('invalid_request', {
      param: 'vaultShards',
      detail: `A vault's shards can only be raised (it has ${current.vaultShards}).`,
    });
  }
  const { maxAllowanceSeconds, ...velocity } = merchantObject(current).limits;
  const fields: MerchantFields = {
    name: patch.name ?? current.name,
    origins: patch.origins ?? [...current.allowedOrigins],
    forwardHosts: patch.forwardHosts ?? [...current.forwardHosts],
    agents: patch.agents ?? [...current.agents],
    limits: {
      ...velocity,
      maxAllowanceSeconds,
      ...patch.limits,
      vaultShards: patch.vaultShards ?? current.vaultShards,
    },
    status: patch.status ?? current.status,
  };
  await registryOf(env).putMerchant(id, fields, 'admin.merchant_updated', audit);
  await pushAccess(env, id, fields.status);
  forgetRegistrySnapshot();
  return getMerchant(env, id);
}
