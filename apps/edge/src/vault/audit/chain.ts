import { createHash } from 'node:crypto';

/**
 * The hash chain of a vault's audit trail. Each event's hash covers every field it records and the hash of the
 * event before it, so changing any field of any event, removing one, or reordering them breaks the chain from
 * that event on. Removing the newest events leaves a shorter chain that still verifies; a merchant detects that
 * by keeping a head it was given (every page of events and every export carries one) and checking it is still
 * there (`GET /v1/events/verify?head=`).
 *
 * SHA-256 from node:crypto because the chain is extended inside the vault's synchronous SQLite transactions,
 * where WebCrypto's promise-based digest cannot run.
 */

/** The `prev_hash` of a trail's first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** What an event's hash covers, in a fixed order. */
export type ChainedEvent = {
  seq: number;
  id: string;
  created_at_ms: number;
  action: string;
  token_id: string | null;
  key_id: string;
  client_ip: string | null;
  request_id: string;
  host: string | null;
  status: number | null;
  detail: string | null;
  outcome: string;
  /** Agent commerce: the agent platform and the amount. Hashed only when set, so older events keep their hash. */
  agent_id?: string | null;
  amount?: number | null;
  currency?: string | null;
};

/** SHA-256 hex of the previous hash and the event's fields, as a JSON array (so no field can bleed into the next). */
export function eventHash(prevHash: string, event: ChainedEvent): string {
  const fields = [
    event.seq,
    event.id,
    event.created_at_ms,
    event.action,
    event.token_id,
    event.key_id,
    event.client_ip,
    event.request_id,
    event.host,
    event.status,
    event.detail,
    event.outcome,
  ];
  const agent = [event.agent_id ?? null, event.amount ?? null, event.currency ?? null];
  if (agent.some((value) => value !== null)) fields.push(...agent);
  return createHash('sha256').update(prevHash).update('\n').update(JSON.stringify(fields)).digest('hex');
}

/** Where the chain starts: the genesis, or the last event retention removed (its seq and hash). */
export interface ChainAnchor {
  seq: number;
  hash: string;
}

export const GENESIS: ChainAnchor = { seq: 0, hash: GENESIS_HASH };

export type ChainVerdict =
  | { ok: true; count: number; last: ChainAnchor; sawHash: boolean }
  | { ok: false; event: string; seq: number };

/**
 * Checks a run of events, oldest first, continuing from `from`. Pass the verdict's `last` to the next call to
 * check a long trail in batches. `head`, when given, is looked for among the events and the anchor.
 */
export function verifyEvents(
  events: Iterable<ChainedEvent & { prev_hash: string; hash: string }>,
  from: ChainAnchor,
  head?: string,
): ChainVerdict {
  let last = from;
  let count = 0;
  let sawHash = head !== undefined && head === from.hash;
  for (const event of events) {
    const intact =
      event.seq === last.seq + 1 && event.prev_hash === last.hash && event.hash === eventHash(last.hash, event);
    if (!intact) return { ok: false, event: event.id, seq: event.seq };
    if (event.hash === head) sawHash = true;
    last = { seq: event.seq, hash: event.hash };
    count += 1;
  }
  return { ok: true, count, last, sawHash };
}
