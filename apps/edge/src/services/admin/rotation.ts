import * as v from 'valibot';
import { getConfig } from '../../config/config';
import { forgetRegistrySnapshot, getEffectiveConfig } from '../../config/effective-config';
import { EdgeError } from '../../errors/edge-error';
import { everyShardOf } from '../../request/vault-of';
import type { AuditContext } from '../../vault/types';
import { parseBody } from './admin-input';
import { registryOf } from './registry-access';

const KekSchema = v.strictObject({ kek: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/)) });

/**
 * `POST /v1/admin/rotate { kek }`: the KEK (listed in TESSERA_KEKS) becomes the active one, and every merchant's
 * data keys and webhook secrets are rewrapped under it in the background. Safe to call twice.
 */
export async function startRotation(env: Env, body: unknown, audit: AuditContext) {
  const { kek } = parseBody(KekSchema, body);
  const config = await getConfig(env);
  if (!config.keks.byKid.has(kek)) {
    throw new EdgeError('invalid_request', { param: 'kek', detail: 'Add the KEK to TESSERA_KEKS first.' });
  }
  const merchants = [...(await getEffectiveConfig(env)).merchants.keys()].sort();
  const status = await registryOf(env).startRotation(kek, merchants, audit);
  forgetRegistrySnapshot();
  return status;
}

export const rotationStatus = (env: Env) => registryOf(env).rotationStatus();

/**
 * `POST /v1/admin/rotate/retire { kek }`: whether a KEK can leave TESSERA_KEKS. Refused (409 `kek_in_use`)
 * while it is the active one or still wraps a data key or a webhook secret anywhere; the answer says how many.
 */
export async function retireKek(env: Env, body: unknown) {
  const { kek } = parseBody(KekSchema, body);
  const config = await getEffectiveConfig(env);
  if (config.keks.active.kid === kek) {
    throw new EdgeError('kek_in_use', { param: 'kek', detail: 'It is the active KEK: rotate to another first.' });
  }
  let wraps = 0;
  for (const merchantId of config.merchants.keys()) {
    for (const vault of await everyShardOf(env, merchantId)) wraps += (await vault.kekUsage(merchantId))[kek] ?? 0;
    const queue = await env.WEBHOOKS.get(env.WEBHOOKS.idFromName(merchantId)).kekUsage();
    wraps += queue[kek] ?? 0;
  }
  if (wraps > 0) throw new EdgeError('kek_in_use', { param: 'kek', detail: `It still wraps ${wraps} key(s).` });
  return { kek, retirable: true } as const;
}

/** `POST /v1/admin/merchants/:id/data-key/rotate`: a new data key version for the merchant's new records. */
export async function rotateDataKey(env: Env, merchantId: string, audit: AuditContext) {
  const config = await getEffectiveConfig(env);
  if (!config.merchants.has(merchantId)) throw new EdgeError('not_found');
  // Every shard has data keys of its own; each moves to a new version (the home shard's is the one reported).
  const versions = await Promise.all((await everyShardOf(env, merchantId)).map((v) => v.rotateDataKey(merchantId)));
  const version = versions[0]?.version ?? 0;
  await registryOf(env).recordChange('admin.data_key_rotated', `${merchantId}:${version}`, audit);
  return { merchant: merchantId, version } as const;
}
