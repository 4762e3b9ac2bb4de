import type { MandateRefusal, MandateVerdict } from '../types';
import type { VaultTokenRow } from './store';

// The vault's share of an AP2 Payment Mandate: what only the vault can see (whether this mandate was accepted
// before, for any of the merchant's vault tokens, and which agent platform delegated the token), and the record
// that it is accepted now. Both run in the charge's one synchronous step with the allowance check, under the
// token's lock: two charges with the same mandate on two tokens cannot both find it unspent, since nothing
// between the check and the insert awaits.

/** Whether the mandate with this id was accepted for a charge already. */
export const isAccepted = (sql: SqlStorage, id: string): boolean =>
  sql.exec('SELECT 1 FROM mandates WHERE id = ?', id).toArray().length > 0;

/**
 * Why the vault refuses a charge's mandate, or null to accept it. A mandate verified once and seen again is a
 * replay whatever else is wrong with it; one signed by another platform's issuer than the token's is invalid for
 * it; otherwise the worker's verdict on its terms stands.
 */
export function mandateRefusal(sql: SqlStorage, row: VaultTokenRow, verdict: MandateVerdict): MandateRefusal | null {
  if (!verdict.verified) return verdict.refusal;
  if (isAccepted(sql, verdict.id)) return 'mandate_replayed';
  if (!verdict.issuers.includes(row.agent_id)) return 'invalid_mandate';
  return verdict.refusal;
}

/**
 * Records a mandate as accepted for this vault token, before its charge is forwarded: whatever the destination
 * answers, the mandate has authorized one charge. A decline cannot be told apart from a charge that went through
 * before a timeout, and a mandate that could be presented again after either is a second payment.
 */
export function acceptMandate(
  sql: SqlStorage,
  row: VaultTokenRow,
  verdict: Extract<MandateVerdict, { verified: true }>,
  nowSeconds: number,
): void {
  sql.exec(
    'INSERT INTO mandates (id, vault_token_id, agent_id, accepted_at, expires_at) VALUES (?, ?, ?, ?, ?)',
    verdict.id,
    row.id,
    row.agent_id,
    nowSeconds,
    verdict.expiresAt,
  );
}
