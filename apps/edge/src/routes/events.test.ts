import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  call,
  createToken,
  DEMO_SK,
  expectProblem,
  getToken,
  OTHER_SK,
  VISA,
  validCard,
} from '../../test/support/edge';
import { ChainVerificationSchema, EventListSchema } from '../openapi/event-schemas';

// The merchant's audit trail over HTTP: pages newest first, filters, the head to keep, and the chain's check.

const withSk = (sk = DEMO_SK) => ({ headers: { Authorization: `Bearer ${sk}` } });
const demoVault = () => env.VAULT.get(env.VAULT.idFromName('demo'));

async function newToken(): Promise<string> {
  const { id } = (await (await createToken(validCard())).json()) as { id: string };
  return id;
}

async function events(query = '', sk = DEMO_SK) {
  const res = await call(`/v1/events${query}`, withSk(sk));
  expect(res.status).toBe(200);
  return v.parse(EventListSchema, await res.json());
}

describe('GET /v1/events', () => {
  it('lists what happened to a token, newest first, with who, where and how it ended, and no card data', async () => {
    const id = await newToken();
    await getToken(id);
    const list = await events(`?token=${id}`);
    expect(list.data.map((e) => e.type)).toEqual(['token.read', 'token.created']);
    const [read, created] = list.data;
    expect(created).toMatchObject({ object: 'event', token: id, keyId: expect.any(String), outcome: 'success' });
    expect(read?.seq).toBeGreaterThan(created?.seq ?? Number.POSITIVE_INFINITY);
    expect(read?.prevHash).toBe(created?.hash);
    const text = JSON.stringify(list);
    expect(text).not.toContain(VISA);
    expect(text).not.toContain(VISA.slice(6, 12));
    expect(text).not.toContain(DEMO_SK);
  });

  it('pages with limit and after, the head staying that of the whole trail', async () => {
    await newToken();
    await newToken();
    const first = await events('?limit=2');
    expect(first.data).toHaveLength(2);
    expect(first.head.id).toBe(first.data[0]?.id);
    expect(first.head.hash).toBe(first.data[0]?.hash);
    expect(first.next).toBe(first.data[1]?.id);
    const second = await events(`?limit=2&after=${first.next}`);
    expect(second.data[0]?.seq).toBe((first.data[1]?.seq ?? 0) - 1);
    expect(second.head).toEqual(first.head);
  });

  it('filters by type and by time', async () => {
    const id = await newToken();
    const created = await events('?type=token.created&limit=200');
    expect(created.data.every((e) => e.type === 'token.created')).toBe(true);
    expect(created.data.some((e) => e.token === id)).toBe(true);
    const future = Math.floor(Date.now() / 1000) + 3600;
    expect((await events(`?since=${future}`)).data).toEqual([]);
  });

  it("refuses another merchant's cursor with invalid_cursor, and the refusal is in the caller's trail", async () => {
    await newToken();
    const demoCursor = (await events('?limit=1')).data[0]?.id;
    const res = await call(`/v1/events?after=${demoCursor}`, withSk(OTHER_SK));
    await expectProblem(res, 'invalid_cursor', { param: 'after' });
    await expect
      .poll(async () => (await events('?type=request.refused', OTHER_SK)).data[0]?.detail)
      .toBe('invalid_cursor');
  });

  it.each([
    ['?limit=0', 'limit'],
    ['?limit=201', 'limit'],
    ['?type=token.stolen', 'type'],
    ['?token=tok_x', 'token'],
    ['?since=yesterday', 'since'],
    ['?typo=1', 'typo'],
  ])('refuses %s as invalid_request naming %s', async (query, param) => {
    await expectProblem(await call(`/v1/events${query}`, withSk()), 'invalid_request', { param });
  });

  it('refuses a publishable key and a missing key', async () => {
    await expectProblem(
      await call('/v1/events', { headers: { Authorization: 'Bearer pk_test_demo_local' } }),
      'wrong_key_type',
    );
    await expectProblem(await call('/v1/events'), 'unauthorized');
  });
});

describe('GET /v1/events/verify', () => {
  it('checks the whole chain and knows a head the merchant kept', async () => {
    await newToken();
    const kept = (await events('?limit=1')).head;
    await newToken();
    const res = await call(`/v1/events/verify?head=${kept.hash}`, withSk());
    expect(res.status).toBe(200);
    const verdict = v.parse(ChainVerificationSchema, await res.json());
    expect(verdict.count).toBeGreaterThan(kept.count - 1);
    expect(verdict.head.count).toBeGreaterThan(kept.count);
  });

  it('answers 409 audit_chain_broken naming an event whose row was changed, and heals when it is put back', async () => {
    const id = await newToken();
    const created = (await events(`?token=${id}`)).data[0];
    const tamper = (ip: string | null) =>
      runInDurableObject(demoVault(), (_i, state) => {
        state.storage.sql.exec('UPDATE events SET client_ip = ? WHERE id = ?', ip, created?.id ?? '');
      });
    await tamper('203.0.113.9');
    const problem = await expectProblem(await call('/v1/events/verify', withSk()), 'audit_chain_broken');
    expect(problem.event).toBe(created?.id);
    await tamper(created?.clientIp ?? null);
    expect((await call('/v1/events/verify', withSk())).status).toBe(200);
  });

  it('answers 409 audit_chain_truncated when the head the merchant kept is gone', async () => {
    await newToken();
    const kept = (await events('?limit=1')).head;
    const row = await runInDurableObject(demoVault(), (_i, state) => {
      const sql = state.storage.sql;
      const newest = sql.exec('SELECT * FROM events ORDER BY seq DESC LIMIT 1').one();
      sql.exec('DELETE FROM events WHERE seq = ?', newest.seq);
      return newest;
    });
    // What is left still chains; only the kept head tells the newest event is missing.
    expect((await call('/v1/events/verify', withSk())).status).toBe(200);
    await expectProblem(await call(`/v1/events/verify?head=${kept.hash}`, withSk()), 'audit_chain_truncated', {
      param: 'head',
    });
    await runInDurableObject(demoVault(), (_i, state) => {
      const columns = Object.keys(row);
      state.storage.sql.exec(
        `INSERT INTO events (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
        ...Object.values(row),
      );
    });
    expect((await call(`/v1/events/verify?head=${kept.hash}`, withSk())).status).toBe(200);
  });

  it('refuses a head that is not a hash', async () => {
    await expectProblem(await call('/v1/events/verify?head=abc', withSk()), 'invalid_request', { param: 'head' });
  });
});

describe('GET /v1/events/export', () => {
  it('streams the trail as NDJSON, oldest first, ending with the head', async () => {
    await newToken();
    const res = await call('/v1/events/export', withSk());
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toMatch(/^application\/x-ndjson/);
    const lines = (await res.text())
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const head = lines.pop();
    const seqs = lines.map((e) => e.seq as number);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(head).toEqual({ object: 'chain_head', id: lines.at(-1)?.id, hash: lines.at(-1)?.hash, count: seqs.at(-1) });
    for (const [i, event] of lines.entries()) if (i > 0) expect(event.prevHash).toBe(lines[i - 1]?.hash);
  });
});
