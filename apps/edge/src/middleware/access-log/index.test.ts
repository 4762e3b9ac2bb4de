import { afterEach, describe, expect, it, vi } from 'vitest';
import { call, DEMO_PK, DEMO_SK } from '../../../test/support/edge';
import { expectSafeLogLine } from '../../../test/support/logs';

// The access log: one line per request, naming the merchant whose key it carried, and nothing else of it.

afterEach(() => vi.restoreAllMocks());

async function requestLine(path: string, key?: string): Promise<Record<string, unknown>> {
  const lines: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((line: string) => lines.push(line));
  vi.spyOn(console, 'warn').mockImplementation((line: string) => lines.push(line));
  await call(path, key === undefined ? {} : { headers: { Authorization: `Bearer ${key}` } });
  const line = lines.find((l) => (JSON.parse(l) as { message: string }).message === 'request');
  if (line === undefined) throw new Error('no access log line');
  expectSafeLogLine(line);
  return JSON.parse(line) as Record<string, unknown>;
}

describe('the access log', () => {
  it('names the merchant of an accepted key, and of a key refused on the wrong route', async () => {
    expect(await requestLine('/v1/events?limit=1', DEMO_SK)).toMatchObject({ merchant: 'demo', status: 200 });
    expect(await requestLine('/v1/events?limit=1', DEMO_PK)).toMatchObject({ merchant: 'demo', status: 403 });
  });

  it('names no merchant when no key named one, and never the key', async () => {
    const line = await requestLine('/v1/events', 'sk_test_nobody');
    expect(line.merchant).toBeUndefined();
    expect(JSON.stringify(line)).not.toContain('sk_test');
  });
});
