import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { keyCheckOutcome } from '@tessera/protocol';
import { describe, expect, it, vi } from 'vitest';
import { call, DEMO_PK, DEMO_SK, expectProblem, OTHER_PK } from '../../test/support/edge';
import { checkEdgeLogs } from '../../test/support/logs';
import { abuseShardOf, clientHashOf } from '../middleware/audit-refusals';

checkEdgeLogs((line) => {
  for (const value of [DEMO_PK, DEMO_SK, OTHER_PK, 'key=']) expect(line).not.toContain(value);
});

const DEMO_PAGE = 'http://localhost:5173';
const OTHER_PAGE = 'http://localhost:5199';

/** The SDK's check, as a browser sends it from a page of `origin`. */
const check = (key: string | undefined, origin: string | undefined, ip = '198.51.100.1') =>
  call(`/v1/keys/check${key === undefined ? '' : `?key=${encodeURIComponent(key)}`}`, {
    headers: { ...(origin === undefined ? {} : { Origin: origin }), 'CF-Connecting-IP': ip },
  });

const refusalsOf = (merchant: string, ip: string) =>
  runInDurableObject(env.VAULT.get(env.VAULT.idFromName(merchant)), (_, state) =>
    state.storage.sql
      .exec<{ action: string; detail: string }>('SELECT action, detail FROM events WHERE client_ip = ?', ip)
      .toArray(),
  );

describe('GET /v1/keys/check', () => {
  it('answers 204, readable by any page (CORS), for a publishable key from one of its origins', async () => {
    for (const [key, origin] of [
      [DEMO_PK, DEMO_PAGE],
      [DEMO_PK, 'http://127.0.0.1:5173'],
      [OTHER_PK, OTHER_PAGE],
    ] as const) {
      const res = await check(key, origin);
      expect(res.status).toBe(204);
      expect(await res.text()).toBe('');
      expect(res.headers.get('Access-Control-Allow-Origin')).toBe('*');
      expect(res.headers.get('Cache-Control')).toBe('no-store');
      expect(keyCheckOutcome(res.status, null)).toBe('allowed');
    }
  });

  it.each([
    ['an unknown key', 'pk_test_nobody', DEMO_PAGE, 'unauthorized', 'invalid_key'],
    ['no key', undefined, DEMO_PAGE, 'unauthorized', 'invalid_key'],
    ['a secret key', DEMO_SK, DEMO_PAGE, 'wrong_key_type', 'invalid_key'],
    ['another merchant’s origin', OTHER_PK, DEMO_PAGE, 'forbidden_origin', 'origin_not_allowed'],
    ['an origin the key does not allow', DEMO_PK, 'http://localhost:5198', 'forbidden_origin', 'origin_not_allowed'],
    ['an origin with a trailing slash', DEMO_PK, `${DEMO_PAGE}/`, 'forbidden_origin', 'origin_not_allowed'],
    ['an opaque origin', DEMO_PK, 'null', 'forbidden_origin', 'origin_not_allowed'],
    ['no Origin (not a browser’s CORS request)', DEMO_PK, undefined, 'forbidden_origin', 'origin_not_allowed'],
  ] as const)('refuses %s with a readable problem that names only the cause', async (_, key, origin, code, outcome) => {
    const res = await check(key, origin);
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe('*');
    // Nothing that names the merchant or the origins it allows: no id, no list, no key.
    const body = await expectProblem(res, code, { secrets: ['demo', 'other', '5173', '5199', DEMO_SK] });
    expect(keyCheckOutcome(res.status, body)).toBe(outcome);
    expect(res.headers.get('Vary')).toBeNull();
  });

  it("audits a real key's refusal in its merchant's trail, and an unknown key in the abuse record", async () => {
    const ip = '198.51.100.20';
    expect((await check(OTHER_PK, DEMO_PAGE, ip)).status).toBe(403);
    await vi.waitFor(async () =>
      expect(await refusalsOf('other', ip)).toEqual([{ action: 'auth.refused', detail: 'forbidden_origin' }]),
    );
    expect(await refusalsOf('demo', ip)).toEqual([]);

    const stranger = '198.51.100.21';
    expect((await check('pk_test_guess', DEMO_PAGE, stranger)).status).toBe(401);
    const hash = await clientHashOf(stranger, env.TESSERA_KEKS);
    await vi.waitFor(async () =>
      expect(
        await runInDurableObject(env.ABUSE.get(env.ABUSE.idFromName(abuseShardOf(hash))), (_, state) =>
          state.storage.sql.exec('SELECT route, code FROM refusals WHERE client_hash = ?', hash).toArray(),
        ),
      ).toEqual([{ route: '/v1/keys/check', code: 'unauthorized' }]),
    );
  });

  it('limits each client to 20 checks in 10 s, before looking at the key', async () => {
    const ip = '198.51.100.30';
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++) statuses.push((await check(i % 2 ? DEMO_PK : 'pk_test_nobody', DEMO_PAGE, ip)).status);
    expect(statuses.slice(0, 20).every((s) => s === 204 || s === 401)).toBe(true);
    const limited = await check(DEMO_PK, DEMO_PAGE, ip);
    expect(limited.headers.get('Retry-After')).toBe('10');
    expect(limited.headers.get('Access-Control-Allow-Origin')).toBe('*');
    await expectProblem(limited, 'rate_limited');
    expect(keyCheckOutcome(429, { code: 'rate_limited', status: 429, title: 'x' })).toBe('unknown');
  });

  it('takes only GET', async () => {
    await expectProblem(await call(`/v1/keys/check?key=${DEMO_PK}`, { method: 'POST' }), 'method_not_allowed');
  });
});
