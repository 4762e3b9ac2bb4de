import type { WebhookDelivery, WebhookEventType } from '@tessera/protocol';

// Synchronous SQL over the queue's deliveries, and when to try again.

export type DeliveryRow = {
  endpoint_id: string;
  event_id: string;
  type: WebhookEventType;
  payload: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  created_at: number;
  next_attempt_at: number | null;
  last_attempt_at: number | null;
  last_status: number | null;
  last_error: string | null;
};

/** A delivery is tried for this long after its event, then marked failed. */
export const DELIVERY_WINDOW_MS = 3 * 24 * 60 * 60 * 1000;
/** An endpoint failing for this long (no success in between) is disabled. */
export const DISABLE_AFTER_MS = DELIVERY_WINDOW_MS;
/** Finished deliveries stay in the log this long. */
export const DELIVERY_LOG_MS = 30 * 24 * 60 * 60 * 1000;

const FIRST_RETRY_MS = 5_000;
const MAX_RETRY_MS = 6 * 60 * 60 * 1000;

/**
 * The wait before attempt `attempts + 1`: 5 s doubling up to 6 h, with "equal jitter" (half fixed, half random)
 * so endpoints that failed together do not all come back at once.
 */
export function retryDelay(attempts: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

const ms = (value: number | null) => (value === null ? null : Math.floor(value / 1000));

export function toDelivery(row: DeliveryRow): WebhookDelivery {
  const delivery: WebhookDelivery = {
    id: row.event_id,
    type: row.type,
    status: row.status,
    attempts: row.attempts,
    created: Math.floor(row.created_at / 1000),
    lastAttemptAt: ms(row.last_attempt_at),
    lastStatus: row.last_status,
    nextAttemptAt: ms(row.next_attempt_at),
  };
  if (row.last_error !== null) delivery.lastError = row.last_error;
  return delivery;
}

export function insertDelivery(
  sql: SqlStorage,
  endpointId: string,
  event: { id: string; type: WebhookEventType; payload: string },
  nowMs: number,
): void {
  // The vault may hand an event over twice (a restart between handing over and deleting it): once is enough.
  sql.exec(
    `INSERT OR IGNORE INTO deliveries (endpoint_id, event_id, type, payload, status, created_at, next_attempt_at)
     VALUES (?, ?, ?, ?, 'pending', ?, ?)`,
    endpointId,
    event.id,
    event.type,
    event.payload,
    nowMs,
    nowMs,
  );
}

export const selectDue = (sql: SqlStorage, nowMs: number, limit: number): DeliveryRow[] =>
  sql
    .exec<DeliveryRow>(
      `SELECT * FROM deliveries WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT ?`,
      nowMs,
      limit,
    )
    .toArray();

export const nextDue = (sql: SqlStorage): number | null =>
  sql.exec<{ at: number | null }>("SELECT min(next_attempt_at) AS at FROM deliveries WHERE status = 'pending'").one()
    .at;

export const selectDelivery = (sql: SqlStorage, endpointId: string, eventId: string): DeliveryRow | null =>
  sql
    .exec<DeliveryRow>('SELECT * FROM deliveries WHERE endpoint_id = ? AND event_id = ?', endpointId, eventId)
    .toArray()[0] ?? null;

export const selectLog = (sql: SqlStorage, endpointId: string, limit: number): DeliveryRow[] =>
  sql
    .exec<DeliveryRow>(
      'SELECT * FROM deliveries WHERE endpoint_id = ? ORDER BY created_at DESC, event_id LIMIT ?',
      endpointId,
      limit,
    )
    .toArray();

/** Records an attempt's result: delivered, tried again later, or failed for good once the window is over. */
export function recordAttempt(
  sql: SqlStorage,
  row: DeliveryRow,
  result: { ok: boolean; status: number | null; error: string | null },
  nowMs: number,
): { status: DeliveryRow['status']; next: number | null } {
  const attempts = row.attempts + 1;
  let status: DeliveryRow['status'] = 'delivered';
  let next: number | null = null;
  if (!result.ok) {
    const retryAt = nowMs + retryDelay(attempts);
    status = retryAt - row.created_at > DELIVERY_WINDOW_MS ? 'failed' : 'pending';
    next = status === 'pending' ? retryAt : null;
  }
  sql.exec(
    `UPDATE deliveries SET status = ?, attempts = ?, next_attempt_at = ?, last_attempt_at = ?, last_status = ?,
       last_error = ? WHERE endpoint_id = ? AND event_id = ?`,
    status,
    attempts,
    next,
    nowMs,
    result.status,
    result.error,
    row.endpoint_id,
    row.event_id,
  );
  return { status, next };
}

/**
 * How long a delivery taken for an attempt is held back from other attempts: longer than an attempt can last,
 * so two alarms can never send it at once, and short enough that one lost with a crashed alarm comes back soon.
 */
export const ATTEMPT_LEASE_MS = 60_000;

/** Takes deliveries for an attempt: they are not due again until the lease ends or their result is recorded. */
export function lease(sql: SqlStorage, rows: readonly DeliveryRow[], nowMs: number): void {
  for (const row of rows) {
    sql.exec(
      'UPDATE deliveries SET next_attempt_at = ? WHERE endpoint_id = ? AND event_id = ?',
      nowMs + ATTEMPT_LEASE_MS,
      row.endpoint_id,
      row.event_id,
    );
  }
}

/**
 * An endpoint that failed waits as a whole: its other pending deliveries are not tried before `until`, so a dead
 * endpoint costs one attempt per retry, not one per event it is owed. Their attempt counts do not change.
 */
export function holdBack(sql: SqlStorage, endpointId: string, until: number): void {
  sql.exec(
    `UPDATE deliveries SET next_attempt_at = max(next_attempt_at, ?)
     WHERE endpoint_id = ? AND status = 'pending' AND next_attempt_at IS NOT NULL`,
    until,
    endpointId,
  );
}

/** Erases finished deliveries past the log's retention. */
export function sweepLog(sql: SqlStorage, nowMs: number): void {
  sql.exec("DELETE FROM deliveries WHERE status != 'pending' AND created_at < ?", nowMs - DELIVERY_LOG_MS);
}
