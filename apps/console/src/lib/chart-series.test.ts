import { describe, expect, it } from 'vitest';
import { describeActivity, SERIES, toAligned, totals } from './chart-series';

const buckets = [
  { start: 3600, tokenizations: 2, failures: 1, rateLimited: 0 },
  { start: 7200, tokenizations: 1, failures: 0, rateLimited: 1 },
];

describe('the activity chart’s series', () => {
  it('aligns the hours and the three series in SERIES order, for uPlot', () => {
    expect(SERIES.map((s) => s.key)).toEqual(['tokenizations', 'failures', 'rateLimited']);
    expect(toAligned(buckets)).toEqual([
      [3600, 7200],
      [2, 1],
      [1, 0],
      [0, 1],
    ]);
  });

  it('tells the chart in words', () => {
    expect(totals(buckets)).toEqual({ tokenizations: 3, failures: 1, rateLimited: 1 });
    expect(describeActivity('demo', 24, totals(buckets))).toBe(
      'Activity of demo over the last 24 hours: 3 tokenizations, 1 failure, 1 rate limited (429).',
    );
    expect(describeActivity('demo', 168, totals(buckets))).toMatch(/^Activity of demo over the last 7 days: /);
    expect(describeActivity('shop', 6, totals([]))).toBe(
      'Activity of shop over the last 6 hours: 0 tokenizations, 0 failures, 0 rate limited (429).',
    );
  });

  it('never tells two series apart by colour alone', () => {
    expect(new Set(SERIES.map((s) => JSON.stringify(s.dash))).size).toBe(SERIES.length);
  });
});
