import type { VaultTokenObject } from '@tessera/protocol';

// Synchronous SQL over an agent's vault tokens: the allowance and the state of each, beside the card record in
// `tokens` (a row of its own, never shown to anyone as a tok_).

export type VaultTokenRow = {
  id: string;
  token_id: string;
  agent_id: string;
  merchant_id: string;
  max_amount: number;
  currency: string;
  checkout_session_id: string;
  expires_at: number;
  status: VaultTokenObject['status'];
  deactivated_reason: 'consumed' | 'revoked' | 'expired' | null;
  created_at: number;
  brand: string;
  last4: string;
  metadata: string;
};

export function insertVaultToken(sql: SqlStorage, row: VaultTokenRow): void {
  sql.exec(
    `INSERT INTO vault_tokens (id, token_id, agent_id, merchant_id, max_amount, currency, checkout_session_id,
       expires_at, status, deactivated_reason, created_at, brand, last4, metadata)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    row.id,
    row.token_id,
    row.agent_id,
    row.merchant_id,
    row.max_amount,
    row.currency,
    row.checkout_session_id,
    row.expires_at,
    row.status,
    row.deactivated_reason,
    row.created_at,
    row.brand,
    row.last4,
    row.metadata,
  );
}

export const selectVaultToken = (sql: SqlStorage, id: string): VaultTokenRow | null =>
  sql.exec<VaultTokenRow>('SELECT * FROM vault_tokens WHERE id = ?', id).toArray()[0] ?? null;

/** Ends a vault token's life: spent, revoked or expired. Only an active one changes. */
export function deactivate(sql: SqlStorage, id: string, reason: 'consumed' | 'revoked' | 'expired'): boolean {
  return (
    sql.exec(
      "UPDATE vault_tokens SET status = ?, deactivated_reason = ? WHERE id = ? AND status = 'active'",
      reason,
      reason,
      id,
    ).rowsWritten > 0
  );
}

/** Active vault tokens whose allowance has run out. */
export const selectExpired = (sql: SqlStorage, nowSeconds: number): VaultTokenRow[] =>
  sql
    .exec<VaultTokenRow>("SELECT * FROM vault_tokens WHERE status = 'active' AND expires_at <= ?", nowSeconds)
    .toArray();

/** When the next active vault token expires (unix seconds), if any. */
export const nextExpiry = (sql: SqlStorage): number | null =>
  sql.exec<{ at: number | null }>("SELECT min(expires_at) AS at FROM vault_tokens WHERE status = 'active'").one().at;

export function toVaultTokenObject(row: VaultTokenRow): VaultTokenObject {
  const token: VaultTokenObject = {
    id: row.id,
    object: 'vault_token',
    status: row.status,
    created: row.created_at,
    allowance: {
      reason: 'one_time',
      max_amount: row.max_amount,
      currency: row.currency,
      checkout_session_id: row.checkout_session_id,
      merchant_id: row.merchant_id,
      expires_at: new Date(row.expires_at * 1000).toISOString(),
    },
    card: { brand: row.brand, last4: row.last4 },
    agent: row.agent_id,
  };
  if (row.deactivated_reason !== null) token.deactivated_reason = row.deactivated_reason;
  return token;
}

/** Overwrites a card record's ciphertext: what a spent vault token held can no longer be read. */
export function eraseCardRecord(sql: SqlStorage, tokenId: string): void {
  sql.exec("UPDATE tokens SET card_iv = x'', card_ct = x'' WHERE id = ?", tokenId);
}
