import type { ValidatedCard } from '@tessera/protocol';
import { fingerprint } from '../../crypto/fingerprint';
import { randomId } from '../../lib/encoding';
import type { EventRecorder } from '../audit/recorder';
import { encryptCard } from '../card-records';
import type { CvcStore } from '../cvc-store';
import { newTokenId } from '../ids';
import { visibleBin } from '../masked-card';
import { insertToken } from '../token-store';
import type { AuditContext } from '../types';
import type { VaultKeyring } from '../vault-keys';
import { insertVaultToken } from './store';

/** What an agent platform delegates: a validated card under an allowance checked by the worker. */
export interface DelegateInput {
  merchantId: string;
  agentId: string;
  card: ValidatedCard;
  allowance: { maxAmount: number; currency: string; checkoutSessionId: string; expiresAt: number };
  metadata: Record<string, string>;
  audit: AuditContext;
}

export interface DelegateDeps {
  storage: DurableObjectStorage;
  keys: VaultKeyring;
  cvcs: CvcStore;
  events: EventRecorder;
}

/** How long a delegated CVC is held at most: as a tokenized one's, and never past the allowance. */
const CVC_TTL_SECONDS = 60 * 60;

/**
 * Vaults a delegated card like any card (envelope encryption, fingerprint, CVC in memory only) and records its
 * allowance as a vault token `vt_…`. The card record expires with the allowance, so the alarm erases it then.
 */
export async function delegateCard(deps: DelegateDeps, input: DelegateInput, nowSeconds: number) {
  const keys = await deps.keys.current();
  const { card, allowance } = input;
  const tokenId = newTokenId();
  const id = randomId('vt', 16);
  const record = await encryptCard(keys, input.merchantId, tokenId, card);
  const cardFingerprint = await fingerprint(keys.fingerprintKey, card.number);
  deps.storage.transactionSync(() => {
    insertToken(deps.storage.sql, {
      id: tokenId,
      createdAt: nowSeconds,
      expiresAt: allowance.expiresAt,
      brand: card.brand,
      bin: visibleBin(card.number),
      last4: card.number.slice(-4),
      expMonth: card.expMonth,
      expYear: card.expYear,
      fingerprint: cardFingerprint,
      keyVersion: keys.version,
      card: record,
    });
    insertVaultToken(deps.storage.sql, {
      id,
      token_id: tokenId,
      agent_id: input.agentId,
      merchant_id: input.merchantId,
      max_amount: allowance.maxAmount,
      currency: allowance.currency,
      checkout_session_id: allowance.checkoutSessionId,
      expires_at: allowance.expiresAt,
      status: 'active',
      deactivated_reason: null,
      created_at: nowSeconds,
      brand: card.brand,
      last4: card.number.slice(-4),
      metadata: JSON.stringify(input.metadata),
    });
    deps.events.record({
      action: 'vault_token.created',
      tokenId: id,
      audit: input.audit,
      agent: { id: input.agentId, amount: allowance.maxAmount, currency: allowance.currency },
    });
  });
  if (card.cvc !== undefined) {
    const until = Math.min(nowSeconds + CVC_TTL_SECONDS, allowance.expiresAt);
    deps.cvcs.put(tokenId, card.cvc, until, nowSeconds);
  }
  return { id, created: nowSeconds };
}
