import type { AuditAction, AuditEvent, ChainHead, ChainVerification, EventList } from '@tessera/protocol';
import { isListOf, isObjectOf, isRecord } from './guards';

/** The query of `GET /v1/events`. */
export interface EventListParams {
  /** 1 to 200; 50 by default. */
  limit?: number;
  /** An event id: the page starts after it (older). */
  after?: string;
  type?: AuditAction;
  token?: string;
  /** Unix seconds: only events from then on. */
  since?: number;
}

/**
 * The last line of `GET /v1/events/export`; for a vault split into shards, the last line of each shard's chain,
 * which names the shard (every shard's chain is exported in turn).
 */
export interface ChainHeadLine extends ChainHead {
  object: 'chain_head';
  shard?: number;
}

/** One line of `GET /v1/events/export`: an event, oldest first, and last the chain's head (one per shard). */
export type ExportLine = AuditEvent | ChainHeadLine;

export const isAuditEvent = isObjectOf<AuditEvent>('event');

const isChainHead = (value: unknown): value is ChainHead =>
  isRecord(value) && (typeof value.id === 'string' || value.id === null) && typeof value.hash === 'string';

export function isEventList(value: unknown): value is EventList {
  return isListOf(value, isAuditEvent) && isRecord(value) && isChainHead(value.head);
}

export const isChainVerification = (value: unknown): value is ChainVerification =>
  isRecord(value) && value.ok === true && typeof value.count === 'number';

export const isExportLine = (value: unknown): value is ExportLine =>
  isAuditEvent(value) || (isChainHead(value) && isRecord(value) && value.object === 'chain_head');
