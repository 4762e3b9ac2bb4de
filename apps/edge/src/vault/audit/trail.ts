import { randomId } from '../../lib/encoding';
import type { AuditAction, AuditContext, ForwardAudit } from '../types';
import { type ChainAnchor, type ChainedEvent, eventHash, GENESIS } from './chain';

// The vault's audit trail: synchronous SQL over the `events` table, called inside the transaction of the write it
// records, so a change and its event commit together or not at all.

/** How a request ended, as its event records it. */
export type EventOutcome = 'success' | 'refused' | 'failed';

/** Events are kept this long, then erased by the vault's alarm (the chain's anchor moves past them). */
export const EVENT_RETENTION_MS = 365 * 24 * 60 * 60 * 1000;

export interface NewEvent {
  action: AuditAction;
  tokenId?: string | null;
  audit: AuditContext;
  forward?: ForwardAudit;
  /** A fixed word about the event (a card-testing rule's name, why a CVC went); never request data. */
  detail?: string;
  /** Defaults to what the action says (see `outcomeOf`). */
  outcome?: EventOutcome;
  /** Agent commerce: which agent platform, for how much. */
  agent?: { id: string; amount?: number; currency?: string };
}

/** A row of `events`, as stored. */
export type EventRow = ChainedEvent & {
  prev_hash: string;
  hash: string;
};

const REFUSED: ReadonlySet<AuditAction> = new Set([
  'auth.refused',
  'vault_token.refused',
  'request.refused',
  'token.forward_refused',
  'token.idempotency_conflict',
]);

/** What an action says of its outcome: a forward is a failure unless its destination answered 2xx. */
export function outcomeOf(action: AuditAction, forward?: ForwardAudit): EventOutcome {
  if (REFUSED.has(action)) return 'refused';
  if (action === 'token.forwarded') {
    const status = forward?.status ?? null;
    return status !== null && status >= 200 && status < 300 ? 'success' : 'failed';
  }
  return 'success';
}

const ANCHOR = 'audit_anchor';

/** Where the chain starts: the genesis, or the newest event retention has erased. */
export function chainAnchor(sql: SqlStorage): ChainAnchor {
  const row = sql.exec<{ value: string }>('SELECT value FROM vault_meta WHERE name = ?', ANCHOR).toArray()[0];
  return row === undefined ? GENESIS : (JSON.parse(row.value) as ChainAnchor);
}

/** The newest event's place in the chain (or the anchor, when the trail is empty). */
export function chainHead(sql: SqlStorage): ChainAnchor & { id: string | null } {
  const row = sql
    .exec<{ seq: number; hash: string; id: string }>('SELECT seq, hash, id FROM events ORDER BY seq DESC LIMIT 1')
    .toArray()[0];
  if (row !== undefined) return { seq: row.seq, hash: row.hash, id: row.id };
  return { ...chainAnchor(sql), id: null };
}

/** Appends an event to the chain and returns it as stored. Call inside the transaction of what it records. */
export function appendEvent(sql: SqlStorage, event: NewEvent, nowMs = Date.now()): EventRow {
  const head = chainHead(sql);
  const fields: ChainedEvent = {
    seq: head.seq + 1,
    id: randomId('evt', 16),
    created_at_ms: nowMs,
    action: event.action,
    token_id: event.tokenId ?? null,
    key_id: event.audit.keyId,
    client_ip: event.audit.clientIp,
    request_id: event.audit.requestId,
    host: event.forward?.host ?? null,
    status: event.forward?.status ?? null,
    detail: event.detail ?? null,
    outcome: event.outcome ?? outcomeOf(event.action, event.forward),
    agent_id: event.agent?.id ?? null,
    amount: event.agent?.amount ?? null,
    currency: event.agent?.currency ?? null,
  };
  const row: EventRow = { ...fields, prev_hash: head.hash, hash: eventHash(head.hash, fields) };
  sql.exec(
    `INSERT INTO events (seq, id, created_at_ms, action, token_id, key_id, client_ip, request_id, host, status, detail,
       outcome, agent_id, amount, currency, prev_hash, hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    row.seq,
    row.id,
    row.created_at_ms,
    row.action,
    row.token_id,
    row.key_id,
    row.client_ip,
    row.request_id,
    row.host,
    row.status,
    row.detail,
    row.outcome,
    row.agent_id ?? null,
    row.amount ?? null,
    row.currency ?? null,
    row.prev_hash,
    row.hash,
  );
  return row;
}

export interface EventFilter {
  /** Only events older than this seq (the page before). */
  beforeSeq?: number | undefined;
  /** Only events made before this time (ms): a page of a sharded vault's merged trail. */
  beforeMs?: number | undefined;
  action?: string | undefined;
  tokenId?: string | undefined;
  sinceMs?: number | undefined;
}

const COLUMNS = `seq, id, created_at_ms, action, token_id, key_id, client_ip, request_id, host, status, detail, outcome,
  agent_id, amount, currency, prev_hash, hash`;

/** Up to `limit` events matching the filter, newest first. */
export function selectEvents(sql: SqlStorage, filter: EventFilter, limit: number): EventRow[] {
  const conditions: [string, string | number | undefined][] = [
    ['seq < ?', filter.beforeSeq],
    ['created_at_ms < ?', filter.beforeMs],
    ['action = ?', filter.action],
    ['token_id = ?', filter.tokenId],
    ['created_at_ms >= ?', filter.sinceMs],
  ];
  const used = conditions.filter((pair): pair is [string, string | number] => pair[1] !== undefined);
  const where = used.map(([condition]) => condition);
  const args = used.map(([, value]) => value);
  const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  return sql
    .exec<EventRow>(`SELECT ${COLUMNS} FROM events ${clause} ORDER BY seq DESC LIMIT ?`, ...args, limit)
    .toArray();
}

/** Up to `limit` events after `afterSeq`, oldest first (for verifying and exporting in batches). */
export function selectEventsAfter(sql: SqlStorage, afterSeq: number, limit: number, sinceMs = 0): EventRow[] {
  return sql
    .exec<EventRow>(
      `SELECT ${COLUMNS} FROM events WHERE seq > ? AND created_at_ms >= ? ORDER BY seq LIMIT ?`,
      afterSeq,
      sinceMs,
      limit,
    )
    .toArray();
}

/** Where one of this trail's events stands (its seq and time), by id; null when the trail holds no such event. */
export function positionOfEvent(sql: SqlStorage, id: string): { seq: number; atMs: number } | null {
  const row = sql
    .exec<{ seq: number; created_at_ms: number }>('SELECT seq, created_at_ms FROM events WHERE id = ?', id)
    .toArray()[0];
  return row === undefined ? null : { seq: row.seq, atMs: row.created_at_ms };
}

/** The seq of one of this trail's events, by id; null when the trail holds no such event. */
export function seqOfEvent(sql: SqlStorage, id: string): number | null {
  return sql.exec<{ seq: number }>('SELECT seq FROM events WHERE id = ?', id).toArray()[0]?.seq ?? null;
}

/**
 * Erases events older than the retention period, oldest first, moving the chain's anchor to the newest one
 * erased so the rest still verifies. Returns when the next event falls due, if any.
 */
export function sweepEvents(sql: SqlStorage, nowMs: number, batch = 1000): number | null {
  const cutoff = nowMs - EVENT_RETENTION_MS;
  for (;;) {
    const old = sql
      .exec<{ seq: number; hash: string }>(
        'SELECT seq, hash FROM events WHERE created_at_ms < ? ORDER BY seq LIMIT ?',
        cutoff,
        batch,
      )
      .toArray();
    const newest = old.at(-1);
    if (newest === undefined) break;
    // Events are appended in time order, so everything up to the newest old one is old too.
    sql.exec('DELETE FROM events WHERE seq <= ?', newest.seq);
    sql.exec(
      'INSERT INTO vault_meta (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value',
      ANCHOR,
      JSON.stringify({ seq: newest.seq, hash: newest.hash } satisfies ChainAnchor),
    );
    if (old.length < batch) break;
  }
  const oldest = sql.exec<{ at: number | null }>('SELECT min(created_at_ms) AS at FROM events').one().at;
  return oldest === null ? null : oldest + EVENT_RETENTION_MS;
}
