import { isListOf, isObjectOf, isRecord } from './guards';

/** What the vault records, one event per card-touching call or refusal. A newer edge may add types. */
export type AuditEventType =
  | 'token.created'
  | 'token.create_replayed'
  | 'token.idempotency_conflict'
  | 'token.read'
  | 'token.deleted'
  | 'token.cvc_erased'
  | 'token.forward_attempted'
  | 'token.forward_refused'
  | 'token.forwarded'
  | 'token.forward_replayed'
  | 'card_testing.suspected'
  | 'auth.refused'
  | 'request.refused'
  | 'webhook_endpoint.created'
  | 'webhook_endpoint.deleted'
  | 'webhook_endpoint.rotated'
  | 'webhook_endpoint.disabled'
  | (string & {});

/** One event of the audit trail, hash-chained to the one before it. */
export interface AuditEvent {
  id: string;
  object: 'event';
  type: AuditEventType;
  /** Unix seconds. */
  created: number;
  /** ISO 8601 with milliseconds. */
  time: string;
  token: string | null;
  keyId: string;
  clientIp: string | null;
  requestId: string;
  outcome: 'success' | 'refused' | 'failed';
  forward?: { host: string; status: number | null };
  detail?: string;
  /** Its place in the chain: 1 for the first event the trail ever held. */
  seq: number;
  /** SHA-256, hex, of the event before (64 zeros for the first). */
  prevHash: string;
  /** SHA-256, hex, of this event chained to `prevHash`. */
  hash: string;
}

/** The newest event of a trail: keep `hash` to check later that nothing after it was removed. */
export interface ChainHead {
  id: string | null;
  hash: string;
  /** How many events the trail has held since it began. */
  count: number;
}

/** `GET /v1/events`: a page, newest first. */
export interface EventList {
  object: 'list';
  data: AuditEvent[];
  /** The cursor of the next (older) page, when there is one: pass it as `after`. */
  next?: string;
  head: ChainHead | null;
}

export interface EventListParams {
  /** 1 to 200; 50 by default. */
  limit?: number;
  /** An event id: the page starts after it (older). */
  after?: string;
  type?: AuditEventType;
  token?: string;
  /** Unix seconds: only events from then on. */
  since?: number;
}

/** `GET /v1/events/verify`: the whole chain checked. A broken one is a `TesseraApiError` instead. */
export interface ChainVerification {
  ok: true;
  /** Events checked. */
  count: number;
  head: { id: string | null; hash: string } | null;
}

/** The last line of `GET /v1/events/export`. */
export interface ChainHeadLine extends ChainHead {
  object: 'chain_head';
}

/** One line of `GET /v1/events/export`: an event, oldest first, and last the chain's head. */
export type ExportLine = AuditEvent | ChainHeadLine;

export const isAuditEvent = isObjectOf<AuditEvent>('event');

const isChainHead = (value: unknown): value is ChainHead =>
  isRecord(value) && (typeof value.id === 'string' || value.id === null) && typeof value.hash === 'string';

export function isEventList(value: unknown): value is EventList {
  if (!isListOf(value, isAuditEvent) || !isRecord(value)) return false;
  return value.head === null || isChainHead(value.head);
}

export const isChainVerification = (value: unknown): value is ChainVerification =>
  isRecord(value) && value.ok === true && typeof value.count === 'number';

export const isExportLine = (value: unknown): value is ExportLine =>
  isAuditEvent(value) || (isChainHead(value) && isRecord(value) && value.object === 'chain_head');
