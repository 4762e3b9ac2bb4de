import { type ChainAnchor, verifyEvents } from './chain';
import { chainAnchor, chainHead, type EventRow, selectEvents, selectEventsAfter, seqOfEvent } from './trail';

// The vault's answers to a merchant reading its trail. Reading is not audited: it would grow the trail it reads.

export interface EventQuery {
  limit: number;
  /** An event id from a page's `next`: only events older than it. */
  after?: string | undefined;
  action?: string | undefined;
  tokenId?: string | undefined;
  sinceMs?: number | undefined;
}

export interface HeadOfChain {
  id: string | null;
  hash: string;
  count: number;
}

export type EventPage =
  | { ok: true; events: EventRow[]; next?: string; head: HeadOfChain }
  | { ok: false; code: 'invalid_cursor' };

export const headOfChain = (sql: SqlStorage): HeadOfChain => {
  const head = chainHead(sql);
  return { id: head.id, hash: head.hash, count: head.seq };
};

/** One page of events, newest first. A cursor that names no event of this trail (another merchant's) is refused. */
export function listEvents(sql: SqlStorage, query: EventQuery): EventPage {
  let beforeSeq: number | undefined;
  if (query.after !== undefined) {
    const seq = seqOfEvent(sql, query.after);
    if (seq === null) return { ok: false, code: 'invalid_cursor' };
    beforeSeq = seq;
  }
  const rows = selectEvents(
    sql,
    { beforeSeq, action: query.action, tokenId: query.tokenId, sinceMs: query.sinceMs },
    query.limit + 1,
  );
  const events = rows.slice(0, query.limit);
  const last = events.at(-1);
  const page: EventPage = { ok: true, events, head: headOfChain(sql) };
  if (rows.length > query.limit && last !== undefined) page.next = last.id;
  return page;
}

export type TrailVerdict =
  | { ok: true; count: number; head: HeadOfChain }
  | { ok: false; code: 'audit_chain_broken'; event: string }
  /** The chain holds, but not the kept head: `count` and `head` as for a chain that verified. */
  | { ok: false; code: 'audit_chain_truncated'; count: number; head: HeadOfChain };

/** Recomputes the whole chain in batches; with `head`, also checks that hash is still in it. */
export function verifyTrail(sql: SqlStorage, head?: string, batch = 1000): TrailVerdict {
  let from: ChainAnchor = chainAnchor(sql);
  let count = 0;
  let sawHead = head === undefined;
  for (;;) {
    const rows = selectEventsAfter(sql, from.seq, batch);
    // The first event after the anchor must continue it: verifyEvents checks seq and prev_hash.
    const verdict = verifyEvents(rows, from, head);
    if (!verdict.ok) return { ok: false, code: 'audit_chain_broken', event: verdict.event };
    count += verdict.count;
    sawHead ||= verdict.sawHash;
    from = verdict.last;
    if (rows.length < batch) break;
  }
  if (!sawHead) return { ok: false, code: 'audit_chain_truncated', count, head: headOfChain(sql) };
  return { ok: true, count, head: headOfChain(sql) };
}

/** Events after `afterSeq`, oldest first, for an export; the head comes with the last batch. */
export function exportEvents(
  sql: SqlStorage,
  afterSeq: number,
  sinceMs: number,
  limit: number,
): { events: EventRow[]; head?: HeadOfChain } {
  const events = selectEventsAfter(sql, afterSeq, limit, sinceMs);
  return events.length < limit ? { events, head: headOfChain(sql) } : { events };
}
