import type { ForwardResponse } from '@tessera/protocol';
import type { ForwardAudit } from './types';

// Stored forward results for Idempotency-Key replays. What is stored is exactly what the merchant was sent: the
// destination's answer already masked, or the fixed failure. Callers run these inside a transaction.

/** What a replay returns: a result or a `forward_failed` problem, as the first request ended. */
export type StoredForward =
  | { ok: true; response: ForwardResponse; replayed: boolean }
  | { ok: false; code: 'forward_failed'; detail: string };

export interface ForwardIdempotencyRow extends ForwardAudit {
  bodyDigest: string;
  tokenId: string;
  outcome: StoredForward;
}

export function selectForwardIdempotent(
  sql: SqlStorage,
  key: string,
  sinceSeconds: number,
): ForwardIdempotencyRow | null {
  const row = sql
    .exec<{ body_digest: string; token_id: string; host: string; status: number | null; outcome: string }>(
      'SELECT body_digest, token_id, host, status, outcome FROM forward_idempotency_keys WHERE key = ? AND created_at > ?',
      key,
      sinceSeconds,
    )
    .toArray()[0];
  if (row === undefined) return null;
  return {
    bodyDigest: row.body_digest,
    tokenId: row.token_id,
    host: row.host,
    status: row.status,
    outcome: JSON.parse(row.outcome) as StoredForward,
  };
}

export function insertForwardIdempotent(
  sql: SqlStorage,
  key: string,
  row: ForwardIdempotencyRow,
  nowSeconds: number,
): void {
  // REPLACE: an older row for this key is past its 24 h and may be reused.
  sql.exec(
    `INSERT OR REPLACE INTO forward_idempotency_keys (key, body_digest, token_id, host, status, outcome, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
    key,
    row.bodyDigest,
    row.tokenId,
    row.host,
    row.status,
    JSON.stringify(row.outcome),
    nowSeconds,
  );
}

export function sweepForwardIdempotency(sql: SqlStorage, beforeSeconds: number): void {
  sql.exec('DELETE FROM forward_idempotency_keys WHERE created_at <= ?', beforeSeconds);
}
