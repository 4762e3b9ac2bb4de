import type { StatsBucket } from '../api/admin-types';

export type SeriesKey = 'tokenizations' | 'failures' | 'rateLimited';

/** The three series of a merchant's activity chart: told apart by colour and by dash, never by colour alone. */
export const SERIES = [
  { key: 'tokenizations', label: 'Tokenizations', color: '#1d4ed8', dash: [] },
  { key: 'failures', label: 'Failures', color: '#b45309', dash: [8, 4] },
  { key: 'rateLimited', label: 'Rate limited (429)', color: '#b91c1c', dash: [2, 3] },
] as const satisfies readonly { key: SeriesKey; label: string; color: string; dash: readonly number[] }[];

/** uPlot's aligned data: the hours' starts (unix seconds), then one array per series in SERIES order. */
export function toAligned(buckets: readonly StatsBucket[]): [number[], ...number[][]] {
  return [buckets.map((b) => b.start), ...SERIES.map(({ key }) => buckets.map((b) => b[key]))];
}

export function totals(buckets: readonly StatsBucket[]): Record<SeriesKey, number> {
  const sum = (key: SeriesKey) => buckets.reduce((n, b) => n + b[key], 0);
  return { tokenizations: sum('tokenizations'), failures: sum('failures'), rateLimited: sum('rateLimited') };
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The chart in words, for those who cannot see it. */
export function describeActivity(merchantId: string, hours: number, sums: Record<SeriesKey, number>): string {
  const window = hours > 24 && hours % 24 === 0 ? plural(hours / 24, 'day', 'days') : plural(hours, 'hour', 'hours');
  return (
    `Activity of ${merchantId} over the last ${window}: ${plural(sums.tokenizations, 'tokenization', 'tokenizations')}, ` +
    `${plural(sums.failures, 'failure', 'failures')}, ${sums.rateLimited} rate limited (429).`
  );
}
