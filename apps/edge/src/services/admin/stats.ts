import { EdgeError } from '../../errors/edge-error';
import { everyShardOf } from '../../request/vault-of';
import { merchantOrThrow } from './merchants';

const HOUR_MS = 60 * 60 * 1000;
/** The widest window: a week of hours. */
export const MAX_STATS_HOURS = 168;
const DEFAULT_STATS_HOURS = 24;

/** One hour of a merchant's activity, as its trail records it. */
export interface StatsBucket {
  /** The hour's start, unix seconds (UTC, on the hour). */
  start: number;
  /** `token.created` events: cards the vault tokenized. */
  tokenizations: number;
  /** Events with outcome `refused` or `failed`, card-testing refusals excepted (those are `rateLimited`). */
  failures: number;
  /** `card_testing.suspected` events with outcome `refused`: the vault's card-testing 429s, as the trail keeps them. */
  rateLimited: number;
}

/** Reads `?hours=` (1 to 168, 24 unless given); any other parameter is refused, so a typo cannot go unnoticed. */
export function parseStatsQuery(query: Record<string, string>): { hours: number } {
  for (const name of Object.keys(query)) {
    if (name !== 'hours') throw new EdgeError('invalid_request', { param: name });
  }
  if (query.hours === undefined) return { hours: DEFAULT_STATS_HOURS };
  const hours = /^\d{1,3}$/.test(query.hours) ? Number(query.hours) : Number.NaN;
  if (!(hours >= 1 && hours <= MAX_STATS_HOURS)) throw new EdgeError('invalid_request', { param: 'hours' });
  return { hours };
}

/**
 * Lays the vault's hourly counts on `hours` consecutive hours ending with the current one, oldest first, each
 * hour present (zeros where the trail holds nothing).
 */
export function toBuckets(
  counts: readonly { hour: number; tokenizations: number; failures: number; rateLimited: number }[],
  hours: number,
  nowMs: number,
): StatsBucket[] {
  const byHour = new Map(counts.map((count) => [count.hour, count]));
  const first = Math.floor(nowMs / HOUR_MS) - hours + 1;
  return Array.from({ length: hours }, (_, i) => {
    const count = byHour.get(first + i);
    return {
      start: ((first + i) * HOUR_MS) / 1000,
      tokenizations: count?.tokenizations ?? 0,
      failures: count?.failures ?? 0,
      rateLimited: count?.rateLimited ?? 0,
    };
  });
}

/** `GET /v1/admin/merchants/:id/stats?hours=24`: a merchant's tokenizations, failures and 429s per hour. */
export async function merchantStats(env: Env, merchantId: string, query: Record<string, string>, nowMs = Date.now()) {
  const { hours } = parseStatsQuery(query);
  await merchantOrThrow(env, merchantId);
  const sinceMs = (Math.floor(nowMs / HOUR_MS) - hours + 1) * HOUR_MS;
  const shards = await everyShardOf(env, merchantId);
  const counts = (await Promise.all(shards.map((vault) => vault.hourlyCounts(merchantId, sinceMs)))).flat();
  return { buckets: toBuckets(counts, hours, nowMs) };
}
