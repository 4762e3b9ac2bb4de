import { type AuditEvent, type ChainVerification, type EventList, isAuditAction } from '@tessera/protocol';
import type { Merchant } from '../../config/config';
import { EdgeError } from '../../errors/edge-error';
import { everyShard, vaultOf } from '../../request/vault-of';
import type { EventQuery } from '../../vault/audit/queries';
import type { EventRow } from '../../vault/audit/trail';
import { isTokenId } from '../../vault/ids';
import { listShardedEvents, verifyShardedEvents } from './sharded-events';

/** `GET /v1/events` pages: 50 events unless asked, at most 200. */
export const DEFAULT_EVENT_LIMIT = 50;
export const MAX_EVENT_LIMIT = 200;

const EVENT_ID = /^evt_[A-Za-z0-9_-]{22}$/;
const DIGITS = /^\d{1,12}$/;
/** A chain hash as the edge writes them. */
const HASH = /^[0-9a-f]{64}$/;

type Query = Record<string, string | undefined>;

const invalid = (param: string) => new EdgeError('invalid_request', { param });

/** The query of `GET /v1/events`, checked; unknown parameters are refused so a typo does not widen a filter. */
export function parseEventQuery(query: Query): EventQuery {
  for (const name of Object.keys(query)) {
    if (!['limit', 'after', 'type', 'token', 'since'].includes(name)) throw invalid(name);
  }
  const { limit, after, type, token, since } = query;
  if (limit !== undefined && (!DIGITS.test(limit) || Number(limit) < 1 || Number(limit) > MAX_EVENT_LIMIT)) {
    throw invalid('limit');
  }
  if (after !== undefined && !EVENT_ID.test(after)) throw new EdgeError('invalid_cursor', { param: 'after' });
  if (type !== undefined && !isAuditAction(type)) throw invalid('type');
  if (token !== undefined && !isTokenId(token)) throw invalid('token');
  if (since !== undefined && !DIGITS.test(since)) throw invalid('since');
  return {
    limit: limit === undefined ? DEFAULT_EVENT_LIMIT : Number(limit),
    after,
    action: type,
    tokenId: token,
    sinceMs: since === undefined ? undefined : Number(since) * 1000,
  };
}

/** An event as the merchant reads it. */
export function toAuditEvent(row: EventRow): AuditEvent {
  const event: AuditEvent = {
    id: row.id,
    object: 'event',
    type: row.action as AuditEvent['type'],
    created: Math.floor(row.created_at_ms / 1000),
    time: new Date(row.created_at_ms).toISOString(),
    token: row.token_id,
    keyId: row.key_id,
    clientIp: row.client_ip,
    requestId: row.request_id,
    outcome: row.outcome as AuditEvent['outcome'],
    seq: row.seq,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
  if (row.host !== null) event.forward = { host: row.host, status: row.status };
  if (row.detail !== null) event.detail = row.detail;
  if (row.agent_id != null) {
    event.agent = { id: row.agent_id };
    if (row.amount != null) event.agent.amount = row.amount;
    if (row.currency != null) event.agent.currency = row.currency;
  }
  return event;
}

/** `GET /v1/events`: one page, newest first, with the chain's head. */
export async function listEvents(env: Env, merchant: Merchant, query: Query): Promise<EventList> {
  if (merchant.vaultShards > 1) {
    const { rows, next, heads } = await listShardedEvents(env, merchant, parseEventQuery(query));
    const [{ shard: _, ...head } = { id: null, hash: '', count: 0 }] = heads;
    const list: EventList = { object: 'list', data: rows.map(toAuditEvent), head, heads };
    if (next !== undefined) list.next = next;
    return list;
  }
  const page = await vaultOf(env, merchant).listEvents(merchant.id, parseEventQuery(query));
  if (!page.ok) throw new EdgeError(page.code, { param: 'after' });
  const list: EventList = { object: 'list', data: page.events.map(toAuditEvent), head: page.head };
  if (page.next !== undefined) list.next = page.next;
  return list;
}

/** `GET /v1/events/verify`: recomputes the chain; 409 names the first broken event. */
export async function verifyEvents(env: Env, merchant: Merchant, query: Query): Promise<ChainVerification> {
  for (const name of Object.keys(query)) if (name !== 'head') throw invalid(name);
  const { head } = query;
  if (head !== undefined && !HASH.test(head)) throw invalid('head');
  if (merchant.vaultShards > 1) return verifyShardedEvents(env, merchant, head);
  const verdict = await vaultOf(env, merchant).verifyEvents(merchant.id, head);
  if (verdict.ok) return { ok: true, count: verdict.count, head: verdict.head };
  if (verdict.code === 'audit_chain_broken') throw new EdgeError(verdict.code, { event: verdict.event });
  throw new EdgeError(verdict.code, { param: 'head' });
}

/** Events per call to the vault while exporting. */
const EXPORT_BATCH = 500;

/**
 * `GET /v1/events/export`: the trail as NDJSON, oldest first, streamed batch by batch; the last line is the
 * chain's head, so a merchant's SIEM can anchor what it received. A vault split into shards exports one shard's
 * chain after the other, each closed by its own head line (`shard` says which): each chain verifies on its own.
 */
export function exportEvents(env: Env, merchant: Merchant, query: Query): ReadableStream<Uint8Array> {
  for (const name of Object.keys(query)) if (name !== 'since') throw invalid(name);
  const { since } = query;
  if (since !== undefined && !DIGITS.test(since)) throw invalid('since');
  const sinceMs = since === undefined ? 0 : Number(since) * 1000;
  const shards = everyShard(env, merchant);
  const sharded = shards.length > 1;
  const encoder = new TextEncoder();
  let shard = 0;
  let afterSeq = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const vault = shards[shard];
      if (vault === undefined) return controller.close();
      const batch = await vault.exportEvents(merchant.id, afterSeq, sinceMs, EXPORT_BATCH);
      const lines = batch.events.map((row) => `${JSON.stringify(toAuditEvent(row))}\n`);
      afterSeq = batch.events.at(-1)?.seq ?? afterSeq;
      if (batch.head !== undefined) {
        lines.push(`${JSON.stringify({ object: 'chain_head', ...(sharded ? { shard } : {}), ...batch.head })}\n`);
        shard += 1;
        afterSeq = 0;
      }
      controller.enqueue(encoder.encode(lines.join('')));
    },
  });
}
