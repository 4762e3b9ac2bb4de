import { isDevelopment } from '../../config/config';
import { forgetRegistrySnapshot, getEffectiveConfig } from '../../config/effective-config';
import { EdgeError } from '../../errors/edge-error';
import { keyIdOf } from '../../middleware/auth';
import { everyShardOf } from '../../request/vault-of';
import type { ConfiguredKey } from '../../vault/registry/registry';
import type { KeyRow } from '../../vault/registry/store';
import type { AuditContext } from '../../vault/types';
import { IssueKeySchema, parseBody, RollKeySchema } from './admin-input';
import { merchantOrThrow } from './merchants';
import { pushAccess, registryOf } from './registry-access';

const environmentOf = (env: Env) => (isDevelopment(env) ? 'test' : 'live');

/** A key as the operator API lists it: never the key, only its prefix and last four. */
export function keyObject(row: KeyRow, lastUsed: number | null = null) {
  const now = Date.now() / 1000;
  const status =
    row.revoked_at !== null ? 'revoked' : row.expires_at !== null && row.expires_at <= now ? 'expired' : 'active';
  return {
    id: row.id,
    object: 'api_key',
    type: row.type,
    prefix: row.prefix,
    last4: row.last4 || null,
    created: row.created_at || null,
    lastUsed,
    expiresAt: row.expires_at,
    status,
    ...(row.rolled_to === null ? {} : { rolledTo: row.rolled_to }),
  };
}

/** The keys configured in secrets for a merchant, as registry rows (no prefix past the type, no last four). */
async function configuredKeys(env: Env, merchantId: string): Promise<ConfiguredKey[]> {
  const config = await getEffectiveConfig(env);
  return (config.configuredKeys.get(merchantId) ?? []).map((key) => ({
    hash: key.hash,
    type: key.type,
    ownerKind: 'merchant' as const,
    ownerId: merchantId,
  }));
}

export async function issueKey(env: Env, merchantId: string, body: unknown, audit: AuditContext) {
  const input = parseBody(IssueKeySchema, body);
  await merchantOrThrow(env, merchantId);
  if (input.expiresAt !== undefined && input.expiresAt <= Date.now() / 1000) {
    throw new EdgeError('invalid_request', { param: 'expiresAt' });
  }
  const issued = await registryOf(env).issueKey(
    { kind: 'merchant', id: merchantId },
    input.type,
    input.expiresAt ?? null,
    environmentOf(env),
    audit,
  );
  if (input.expiresAt !== undefined) await pushAccess(env, merchantId);
  forgetRegistrySnapshot();
  return { ...keyObject(issued.row), key: issued.key };
}

/** Every key of a merchant: issued ones, and those configured in secrets; with when each was last used. */
export async function listKeys(env: Env, merchantId: string) {
  await merchantOrThrow(env, merchantId);
  const rows = await registryOf(env).keysOf('merchant', merchantId);
  const known = new Set(rows.map((row) => row.key_hash));
  const configured = (await configuredKeys(env, merchantId))
    .filter((key) => !known.has(key.hash))
    .map(
      (key): KeyRow => ({
        id: keyIdOf(key.hash),
        owner_kind: 'merchant',
        owner_id: merchantId,
        type: key.type,
        key_hash: key.hash,
        prefix: key.type === 'publishable' ? 'pk_' : 'sk_',
        last4: '',
        created_at: 0,
        expires_at: null,
        revoked_at: null,
        rolled_to: null,
      }),
    );
  const lastUsed: Record<string, number> = {};
  for (const vault of await everyShardOf(env, merchantId)) {
    for (const [id, at] of Object.entries(await vault.keysLastUsed(merchantId))) {
      lastUsed[id] = Math.max(at, lastUsed[id] ?? 0);
    }
  }
  const data = [...configured, ...rows].map((row) => keyObject(row, lastUsed[row.id] ?? null));
  return { object: 'list', data } as const;
}

async function configuredKeyById(env: Env, merchantId: string, keyId: string): Promise<ConfiguredKey | null> {
  return (await configuredKeys(env, merchantId)).find((key) => keyIdOf(key.hash) === keyId) ?? null;
}

/** `POST …/keys/:keyId/roll`: a new key; the old one works until `expiresIn` seconds from now. */
export async function rollKey(env: Env, merchantId: string, keyId: string, body: unknown, audit: AuditContext) {
  const { expiresIn } = parseBody(RollKeySchema, body);
  await merchantOrThrow(env, merchantId);
  const registry = registryOf(env);
  const owned = (await registry.keysOf('merchant', merchantId)).find((row) => row.id === keyId);
  const configured = owned ? null : await configuredKeyById(env, merchantId, keyId);
  if (!owned && configured === null) throw new EdgeError('not_found');
  if (owned?.revoked_at != null) throw new EdgeError('key_revoked');
  const rolled = await registry.rollKey(keyId, configured, expiresIn, environmentOf(env), audit);
  if (rolled === null) throw new EdgeError('key_revoked');
  await pushAccess(env, merchantId);
  forgetRegistrySnapshot();
  return { ...keyObject(rolled.issued.row), key: rolled.issued.key, previous: keyObject(rolled.old) };
}

/** `POST …/keys/:keyId/revoke`: refused from the next request on. */
export async function revokeKey(env: Env, merchantId: string, keyId: string, audit: AuditContext) {
  await merchantOrThrow(env, merchantId);
  const registry = registryOf(env);
  const owned = (await registry.keysOf('merchant', merchantId)).find((row) => row.id === keyId);
  const configured = owned ? null : await configuredKeyById(env, merchantId, keyId);
  if (!owned && configured === null) throw new EdgeError('not_found');
  const revoked = await registry.revokeKey(keyId, configured, audit);
  if (revoked === null) throw new EdgeError('not_found');
  await pushAccess(env, merchantId);
  forgetRegistrySnapshot();
  return keyObject(revoked);
}
