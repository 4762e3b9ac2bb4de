import { setTimeout as sleep } from 'node:timers/promises';
import type { AuditEvent } from '@tessera/protocol';
import type { EventQuery } from '../api/admin-client';
import type { EventPage } from '../api/admin-types';
import { CliError } from '../errors/cli-error';

/** The most events one page of a trail holds (MAX_EVENT_LIMIT in apps/edge/src/services/events/events-service.ts). */
export const MAX_PAGE = 200;

export interface FollowOptions {
  /** One page of the trail, newest first. */
  read(query: EventQuery): Promise<EventPage>;
  /** Only events of this type. */
  type?: string | undefined;
  /** How many of the newest events to print before following (0: only new ones). */
  backlog: number;
  /** Between two polls. */
  intervalMs: number;
  /** Keep following after the backlog; false prints the backlog and stops. */
  follow: boolean;
  signal?: AbortSignal | undefined;
  onEvent(event: AuditEvent): void;
  /** A poll that failed for a while (no answer, 429, 5xx): following goes on at the next interval. */
  onTransient?(error: CliError): void;
}

/** A failure that passes (an edge restarting, a rate limit): a tail waits it out; a refused key stops it. */
const isTransient = (error: unknown): error is CliError =>
  error instanceof CliError &&
  (error.code === 'edge_unreachable' || error.status === 429 || (error.status !== undefined && error.status >= 500));

/**
 * Prints a trail's newest events, then each new one once, oldest first, until `signal` aborts.
 *
 * The trail pages newest first, and its `head.count` is the seq of its newest event: a poll reads the first page,
 * and when the head has moved past the last seq printed, takes every event above it, reading older pages (`after`)
 * while a whole page is new, so a burst bigger than a page is not cut. The head is the high-water mark, not the
 * newest event printed: with a `type` filter, events of other types move it too, and are never read again.
 */
export async function followTrail(options: FollowOptions): Promise<void> {
  const { read, type, signal } = options;
  const base = type === undefined ? {} : { type };
  const first = await read({ ...base, limit: Math.min(Math.max(options.backlog, 1), MAX_PAGE) });
  for (const event of first.data.slice(0, options.backlog).reverse()) options.onEvent(event);
  let seen = first.head.count;
  if (!options.follow) return;

  while (!signal?.aborted) {
    try {
      await sleep(options.intervalMs, undefined, signal ? { signal } : {});
    } catch {
      return; // aborted while waiting
    }
    let page: EventPage;
    try {
      page = await read({ ...base, limit: 50 });
    } catch (error) {
      if (isTransient(error) && options.onTransient) {
        options.onTransient(error);
        continue;
      }
      throw error;
    }
    if (page.head.count <= seen) continue;
    const head = page.head.count;
    const fresh = page.data.filter((event) => event.seq > seen);
    while (page.next !== undefined && page.data.every((event) => event.seq > seen)) {
      page = await read({ ...base, limit: MAX_PAGE, after: page.next });
      fresh.push(...page.data.filter((event) => event.seq > seen));
    }
    for (const event of fresh.sort((a, b) => a.seq - b.seq)) {
      if (signal?.aborted) return;
      options.onEvent(event);
    }
    seen = head;
  }
}

/** An event, for a person: one line. */
export function describeEvent(event: AuditEvent): string {
  return [
    event.time,
    `#${event.seq}`,
    event.type,
    event.outcome,
    ...(event.token === null ? [] : [event.token]),
    ...(event.detail === undefined ? [] : [event.detail]),
    ...(event.forward === undefined ? [] : [`${event.forward.host} ${event.forward.status ?? '-'}`]),
    ...(event.agent === undefined ? [] : [`agent ${event.agent.id}`]),
    `key ${event.keyId}`,
    ...(event.clientIp === null ? [] : [event.clientIp]),
  ].join('  ');
}
