import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { call, createToken, DEMO_SK, expectProblem, validCard } from '../../../test/support/edge';
import { appendEvent, type NewEvent } from '../../vault/audit/trail';
import type { AuditContext } from '../../vault/types';
import { type StatsBucket, toBuckets } from './stats';

// A merchant's activity per hour for the operator console: the vault counts its own trail, the route lays the
// counts on whole hours.

const HOUR = 3_600_000;
const OPERATOR = 'op_test_local';
const audit: AuditContext = { keyId: 'key_test', clientIp: null, requestId: 'req_test' };

const admin = (path: string, init: { method?: string; body?: unknown; key?: string } = {}) =>
  call(`/v1/admin${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: {
      Authorization: `Bearer ${init.key ?? OPERATOR}`,
      ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });

const total = (buckets: StatsBucket[], series: 'tokenizations' | 'failures' | 'rateLimited') =>
  buckets.reduce((sum, bucket) => sum + bucket[series], 0);

describe('the vault’s hourly counts', () => {
  it('counts creates, refusals and failures, and card-testing 429s apart, per hour since the given time', async () => {
    const merchantId = `stats-${crypto.randomUUID().slice(0, 8)}`;
    const vault = env.VAULT.get(env.VAULT.idFromName(merchantId));
    const hourA = Math.floor(Date.now() / HOUR) - 3;
    const at = (hour: number, minute: number) => hour * HOUR + minute * 60_000;
    const events: [NewEvent, number][] = [
      [{ action: 'token.created', tokenId: 'tok_x', audit }, at(hourA - 1, 59)], // before the window
      [{ action: 'token.created', tokenId: 'tok_a', audit }, at(hourA, 0)],
      [{ action: 'token.created', tokenId: 'tok_b', audit }, at(hourA, 59)],
      [{ action: 'token.read', tokenId: 'tok_a', audit }, at(hourA, 30)], // a success that is no create
      [{ action: 'auth.refused', audit, detail: 'forbidden_origin' }, at(hourA, 10)],
      [{ action: 'token.forwarded', tokenId: 'tok_a', audit, forward: { host: 'p.test', status: 502 } }, at(hourA, 11)],
      [{ action: 'token.forwarded', tokenId: 'tok_b', audit, forward: { host: 'p.test', status: 200 } }, at(hourA, 12)],
      [{ action: 'card_testing.suspected', audit, detail: 'cards_per_client', outcome: 'refused' }, at(hourA + 2, 1)],
      // Suspected but let through (its create is the token): no 429.
      [{ action: 'card_testing.suspected', audit, detail: 'bins_per_key' }, at(hourA + 2, 2)],
      [{ action: 'token.idempotency_conflict', audit }, at(hourA + 2, 3)],
    ];
    await runInDurableObject(vault, (_instance, state) => {
      for (const [event, ms] of events) appendEvent(state.storage.sql, event, ms);
    });

    expect(await vault.hourlyCounts(merchantId, hourA * HOUR)).toEqual([
      { hour: hourA, tokenizations: 2, failures: 2, rateLimited: 0 },
      { hour: hourA + 2, tokenizations: 0, failures: 1, rateLimited: 1 },
    ]);
    expect(await vault.hourlyCounts(merchantId, (hourA + 3) * HOUR)).toEqual([]);
  });

  it('is bound to its merchant like every other call', async () => {
    const merchantId = `stats-${crypto.randomUUID().slice(0, 8)}`;
    const vault = env.VAULT.get(env.VAULT.idFromName(merchantId));
    expect(await vault.hourlyCounts(merchantId, 0)).toEqual([]);
    // Called on the instance: a rejection across RPC would also surface as unhandled in the test runner.
    await runInDurableObject(vault, async (instance) => {
      await expect(instance.hourlyCounts('other', 0)).rejects.toThrow('merchant mismatch');
    });
  });
});

describe('toBuckets', () => {
  it('lays the counts on every hour of the window, oldest first, ending with the current hour', () => {
    const now = 1_000 * HOUR + 25 * 60_000;
    const buckets = toBuckets([{ hour: 999, tokenizations: 3, failures: 1, rateLimited: 2 }], 3, now);
    expect(buckets).toEqual([
      { start: 998 * 3600, tokenizations: 0, failures: 0, rateLimited: 0 },
      { start: 999 * 3600, tokenizations: 3, failures: 1, rateLimited: 2 },
      { start: 1_000 * 3600, tokenizations: 0, failures: 0, rateLimited: 0 },
    ]);
  });
});

describe('GET /v1/admin/merchants/:id/stats', () => {
  it('answers a new merchant’s tokenizations and refusals of the last hours', async () => {
    const id = `stats-${crypto.randomUUID().slice(0, 8)}`;
    const created = await admin('/merchants', {
      body: { id, name: 'Stats shop', origins: ['http://localhost:5177'], forwardHosts: [] },
    });
    expect(created.status).toBe(201);
    const issue = async (type: 'publishable' | 'secret') =>
      ((await (await admin(`/merchants/${id}/keys`, { body: { type } })).json()) as { key: string }).key;
    const [pk, sk] = [await issue('publishable'), await issue('secret')];
    const headers = { Authorization: `Bearer ${pk}`, 'Content-Type': 'application/json', Origin: 'https://edge.test' };
    expect((await createToken(validCard(), { ...headers, 'Sec-Fetch-Site': 'same-origin' })).status).toBe(200);
    // A cursor that is not one of its events: the trail keeps it as `request.refused`.
    const refused = await call('/v1/events?after=evt_AAAAAAAAAAAAAAAAAAAAAA', {
      headers: { Authorization: `Bearer ${sk}` },
    });
    expect(refused.status).toBe(400);

    const res = await admin(`/merchants/${id}/stats?hours=3`);
    expect(res.status).toBe(200);
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    const { buckets } = (await res.json()) as { buckets: StatsBucket[] };
    expect(buckets).toHaveLength(3);
    expect(buckets.map((b) => b.start % 3600)).toEqual([0, 0, 0]);
    expect(buckets[2]!.start * 1000).toBeLessThanOrEqual(Date.now());
    await expect
      .poll(async () => {
        const again = (await (await admin(`/merchants/${id}/stats?hours=3`)).json()) as { buckets: StatsBucket[] };
        return [total(again.buckets, 'tokenizations'), total(again.buckets, 'failures')];
      })
      .toEqual([1, 1]);
    expect(total(buckets, 'rateLimited')).toBe(0);
    expect(((await (await admin(`/merchants/${id}/stats`)).json()) as { buckets: unknown[] }).buckets).toHaveLength(24);
  });

  it.each([
    ['hours=0', 'hours'],
    ['hours=169', 'hours'],
    ['hours=1.5', 'hours'],
    ['hours=', 'hours'],
    ['days=1', 'days'],
  ])('refuses ?%s naming %s', async (query, param) => {
    await expectProblem(await admin(`/merchants/demo/stats?${query}`), 'invalid_request', { param });
  });

  it('is 404 for no such merchant, and only for an operator', async () => {
    await expectProblem(await admin('/merchants/nobody-here/stats'), 'not_found');
    await expectProblem(await admin('/merchants/demo/stats', { key: DEMO_SK }), 'wrong_key_type');
  });
});
