import type { VaultTokenObject } from '@tessera/protocol';
import { getEffectiveConfig } from '../../config/effective-config';
import { EdgeError } from '../../errors/edge-error';
import { bearerKey } from '../../middleware/auth';
import type { AuthContext } from '../../request/auth-context';
import { vaultOf } from '../../request/vault-of';
import type { AuditContext } from '../../vault/types';
import { callerOf } from './agent-auth';

const VAULT_TOKEN_ID = /^vt_[A-Za-z0-9_-]{22}$/;

/** Whether a string could be a vault token id the edge issued. */
export const isVaultTokenId = (id: string): boolean => VAULT_TOKEN_ID.test(id);

/**
 * `GET /v1/vault_tokens/:id` and `POST …/revoke`: the merchant its allowance names (secret key) or the agent
 * platform that delegated it (its `ak_` key). Anyone else, another merchant or platform included, gets 404.
 */
export async function vaultTokenAction(
  env: Env,
  request: Request,
  requestId: string,
  id: string,
  action: 'read' | 'revoke',
  onRefusedKey: (auth: AuthContext) => void,
): Promise<VaultTokenObject> {
  const caller = await callerOf(env, bearerKey(request.headers.get('Authorization') ?? undefined));
  if (caller.kind === 'none') {
    throw new EdgeError('unauthorized', { headers: { 'WWW-Authenticate': 'Bearer realm="tessera"' } });
  }
  if (caller.kind === 'merchant' && caller.auth.keyType !== 'secret') {
    onRefusedKey(caller.auth);
    throw new EdgeError('wrong_key_type');
  }
  if (!isVaultTokenId(id)) throw new EdgeError('not_found');
  const clientIp = request.headers.get('CF-Connecting-IP');

  let merchantId: string | null;
  let audit: AuditContext;
  if (caller.kind === 'merchant') {
    merchantId = caller.auth.merchant.id;
    audit = { keyId: caller.auth.keyId, clientIp, requestId };
  } else {
    merchantId = await env.AGENTS.get(env.AGENTS.idFromName(caller.agent.id)).merchantOf(id);
    audit = { keyId: caller.keyId, clientIp, requestId };
  }
  const merchant = merchantId === null ? undefined : (await getEffectiveConfig(env)).merchants.get(merchantId);
  if (merchant === undefined) throw new EdgeError('not_found');
  const who = caller.kind === 'merchant' ? ({ merchant: true } as const) : { agentId: caller.agent.id };
  const vault = vaultOf(env, merchant);
  const token =
    action === 'read'
      ? await vault.readVaultToken(merchant.id, id, who, audit)
      : await vault.revokeVaultToken(merchant.id, id, who, audit);
  if (token === null) throw new EdgeError('not_found');
  return token;
}
