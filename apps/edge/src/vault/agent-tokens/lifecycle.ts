import type { VaultTokenObject } from '@tessera/protocol';
import type { EventRecorder } from '../audit/recorder';
import type { CvcStore } from '../cvc-store';
import { deleteToken } from '../token-store';
import type { AuditContext } from '../types';
import { deactivate, selectExpired, selectVaultToken, toVaultTokenObject, type VaultTokenRow } from './store';

// A vault token's life after its creation: read by its agent platform or its merchant, revoked, expired. Each
// step is audited in the merchant's trail as an agent transaction; deactivations go to webhooks too.

export interface LifecycleDeps {
  storage: Pick<DurableObjectStorage, 'sql' | 'transactionSync'>;
  cvcs: CvcStore;
  events: EventRecorder;
}

/** Who asks: the merchant (its secret key), or an agent platform, which sees only the tokens it delegated. */
export type Requester = { merchant: true } | { agentId: string };

const visibleTo = (row: VaultTokenRow, who: Requester) => 'merchant' in who || row.agent_id === who.agentId;

export function readVaultToken(
  deps: LifecycleDeps,
  id: string,
  who: Requester,
  audit: AuditContext,
): VaultTokenObject | null {
  return deps.storage.transactionSync(() => {
    const row = selectVaultToken(deps.storage.sql, id);
    if (row === null || !visibleTo(row, who)) return null;
    deps.events.record({ action: 'vault_token.read', tokenId: id, audit, agent: { id: row.agent_id } });
    return toVaultTokenObject(row);
  });
}

/** Revokes an active vault token and erases its card; a deactivated one is answered as it is. */
export function revokeVaultToken(
  deps: LifecycleDeps,
  id: string,
  who: Requester,
  audit: AuditContext,
): VaultTokenObject | null {
  const row = deps.storage.transactionSync(() => {
    const found = selectVaultToken(deps.storage.sql, id);
    if (found === null || !visibleTo(found, who)) return null;
    if (deactivate(deps.storage.sql, id, 'revoked')) {
      deleteToken(deps.storage.sql, found.token_id);
      const revoked = selectVaultToken(deps.storage.sql, id) ?? found;
      deps.events.record(
        { action: 'vault_token.revoked', tokenId: id, audit, agent: { id: found.agent_id } },
        { vaultToken: toVaultTokenObject(revoked) },
      );
      return revoked;
    }
    return found;
  });
  if (row !== null) deps.cvcs.erase(row.token_id);
  return row === null ? null : toVaultTokenObject(row);
}

/** Expires the vault tokens whose allowance ran out and erases their cards. Call inside a transaction. */
export function expireVaultTokens(deps: LifecycleDeps, nowSeconds: number, audit: AuditContext): void {
  for (const row of selectExpired(deps.storage.sql, nowSeconds)) {
    deactivate(deps.storage.sql, row.id, 'expired');
    deleteToken(deps.storage.sql, row.token_id);
    deps.cvcs.erase(row.token_id);
    const expired = selectVaultToken(deps.storage.sql, row.id) ?? row;
    deps.events.record(
      { action: 'vault_token.expired', tokenId: row.id, audit, agent: { id: row.agent_id } },
      { vaultToken: toVaultTokenObject(expired) },
    );
  }
}
