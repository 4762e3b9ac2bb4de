import type { ChainVerification, ShardHead } from '@tessera/protocol';
import type { Merchant } from '../../config/config';
import { EdgeError } from '../../errors/edge-error';
import { everyShard } from '../../request/vault-of';
import type { EventQuery } from '../../vault/audit/queries';
import type { EventFilter, EventRow } from '../../vault/audit/trail';

// The trail of a vault split into shards: each shard keeps its own hash chain, so each verifies on its own; a
// listing merges them, newest first. The merged order is (time desc, shard asc, seq desc): within a shard, seq
// follows time, so a cursor (one event's time, shard and seq) tells each shard exactly where its part resumes.

type Positioned = EventRow & { shard: number };

const newestFirst = (a: Positioned, b: Positioned) =>
  b.created_at_ms - a.created_at_ms || a.shard - b.shard || b.seq - a.seq;

/** What each shard must return after the cursor event (time `atMs`, in `shard`, at `seq`). */
function boundFor(shard: number, cursor: { shard: number; seq: number; atMs: number } | undefined) {
  if (cursor === undefined) return {};
  if (shard === cursor.shard) return { beforeSeq: cursor.seq };
  // Earlier shards come first at the cursor's very millisecond, so only strictly older events remain of them.
  return { beforeMs: shard < cursor.shard ? cursor.atMs : cursor.atMs + 1 };
}

/** `GET /v1/events` over every shard: one merged page, the heads of every shard's chain. */
export async function listShardedEvents(
  env: Env,
  merchant: Merchant,
  query: EventQuery,
): Promise<{ rows: EventRow[]; next?: string; heads: ShardHead[] }> {
  const shards = everyShard(env, merchant);
  let cursor: { shard: number; seq: number; atMs: number } | undefined;
  if (query.after !== undefined) {
    const after = query.after;
    const positions = await Promise.all(shards.map((vault) => vault.eventPosition(merchant.id, after)));
    const shard = positions.findIndex((position) => position !== null);
    const position = positions[shard];
    if (position == null) throw new EdgeError('invalid_cursor', { param: 'after' });
    cursor = { shard, ...position };
  }
  const base: EventFilter = { action: query.action, tokenId: query.tokenId, sinceMs: query.sinceMs };
  const pages = await Promise.all(
    shards.map((vault, shard) =>
      vault.selectEvents(merchant.id, { ...base, ...boundFor(shard, cursor) }, query.limit + 1),
    ),
  );
  const merged = pages
    .flatMap((page, shard) => page.events.map((row): Positioned => ({ ...row, shard })))
    .sort(newestFirst);
  const rows = merged.slice(0, query.limit);
  const heads = pages.map((page, shard) => ({ shard, ...page.head }));
  const last = rows.at(-1);
  return merged.length > query.limit && last !== undefined ? { rows, next: last.id, heads } : { rows, heads };
}

/**
 * `GET /v1/events/verify` over every shard, one pass each: every chain must hold, and `head`, when given, must be in
 * one of them (the others answer that they do not hold it, with their counts all the same).
 */
export async function verifyShardedEvents(env: Env, merchant: Merchant, head?: string): Promise<ChainVerification> {
  const verdicts = await Promise.all(everyShard(env, merchant).map((vault) => vault.verifyEvents(merchant.id, head)));
  const heads: ShardHead[] = [];
  let count = 0;
  let held = head === undefined;
  for (const [shard, verdict] of verdicts.entries()) {
    if (!verdict.ok && verdict.code === 'audit_chain_broken') {
      throw new EdgeError(verdict.code, { event: verdict.event });
    }
    held ||= verdict.ok;
    count += verdict.count;
    heads.push({ shard, ...verdict.head });
  }
  if (!held) throw new EdgeError('audit_chain_truncated', { param: 'head' });
  const [home] = heads;
  if (home === undefined) throw new Error('events: a vault has at least one shard');
  const { shard: _, ...homeHead } = home;
  return { ok: true, count, head: homeHead, heads };
}
