import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import type { AuditEvent, TokenObject } from '@tessera/protocol';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { call, createToken, expectProblem, getToken, MASTERCARD, VISA, validCard } from '../../test/support/edge';
import { charge, forwardCall, forwarded, peerHost, peerId, received } from '../../test/support/forward';
import { EventListSchema } from '../openapi/event-schemas';
import { vaultShard } from '../request/vault-of';
import { shardOfToken } from '../vault/ids';

// A hot merchant's vault split into shards: new tokens spread over them, each token id names its shard and is
// served by it alone, searches and the trail cover every shard, and the operator's word reaches each of them.

const OPERATOR = 'op_test_local';
const ORIGIN = 'http://localhost:5177';
const audit = { keyId: 'key_test', clientIp: null, requestId: 'req_test' };

const admin = (path: string, init: { method?: string; body?: unknown } = {}) =>
  call(`/v1/admin${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: {
      Authorization: `Bearer ${OPERATOR}`,
      ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });

/** A merchant of its own, with `vaultShards` shards, a publishable and a secret key. */
async function shardedMerchant(vaultShards?: number) {
  const id = `hot-${crypto.randomUUID().slice(0, 8)}`;
  const body = { id, name: 'A busy shop', origins: [ORIGIN], forwardHosts: [peerHost()], vaultShards };
  const res = await admin('/merchants', { body });
  expect(res.status).toBe(201);
  expect(await res.json()).toMatchObject({ id, vaultShards: vaultShards ?? 1 });
  const issue = async (type: 'publishable' | 'secret') =>
    ((await (await admin(`/merchants/${id}/keys`, { body: { type } })).json()) as { key: string }).key;
  return { id, pk: await issue('publishable'), sk: await issue('secret') };
}

const page = (pk: string, extra: Record<string, string> = {}): Record<string, string> => ({
  Authorization: `Bearer ${pk}`,
  'Content-Type': 'application/json',
  Origin: 'https://edge.test',
  'Sec-Fetch-Site': 'same-origin',
  ...extra,
});

async function tokenize(pk: string, card = validCard(), extra: Record<string, string> = {}) {
  const res = await createToken(card, page(pk, extra));
  expect(res.status).toBe(200);
  return (await res.json()) as { id: string };
}

const bySecret = (sk: string, path: string, method = 'GET') =>
  call(path, { method, headers: { Authorization: `Bearer ${sk}` } });

describe('a vault split into shards', () => {
  it('spreads new tokens over its shards; each id names the shard that alone holds it', async () => {
    const shop = await shardedMerchant(4);
    const ids = [];
    for (let i = 0; i < 16; i++) ids.push((await tokenize(shop.pk)).id);
    const shards = new Set(ids.map(shardOfToken));
    // 16 creates all landing in one of 4 shards: 4 × (1/4)^16, never.
    expect(shards.size).toBeGreaterThan(1);
    for (const id of ids) {
      expect(id).toMatch(shardOfToken(id) === 0 ? /^tok_[\w-]{22}$/ : /^tok_s[1-3]_[\w-]{22}$/);
      expect((await getToken(id, shop.sk)).status).toBe(200);
      const shard = shardOfToken(id);
      for (let other = 0; other < 4; other++) {
        const held = await vaultShard(env, shop.id, other).readToken(shop.id, id, audit);
        expect(held === null).toBe(other !== shard);
      }
    }
  });

  it('gives one card one fingerprint in every shard: a search finds all its tokens, newest first, and erases them', async () => {
    const shop = await shardedMerchant(4);
    const ids = [];
    for (let i = 0; i < 10; i++) ids.push((await tokenize(shop.pk, validCard({ number: VISA }))).id);
    await tokenize(shop.pk, validCard({ number: MASTERCARD }));
    expect(new Set(ids.map(shardOfToken)).size).toBeGreaterThan(1);
    const first = (await (await getToken(ids[0] ?? '', shop.sk)).json()) as TokenObject;
    const { fingerprint } = first.card;
    const found = (await (await bySecret(shop.sk, `/v1/tokens?fingerprint=${fingerprint}`)).json()) as {
      data: TokenObject[];
    };
    expect(found.data.map((t) => t.id).sort()).toEqual([...ids].sort());
    expect(found.data.every((t) => t.card.fingerprint === fingerprint)).toBe(true);
    const created = found.data.map((t) => t.created);
    expect(created).toEqual([...created].sort((a, b) => b - a));

    const erased = (await (await bySecret(shop.sk, `/v1/tokens?fingerprint=${fingerprint}`, 'DELETE')).json()) as {
      data: { id: string }[];
    };
    expect(erased.data.map((t) => t.id).sort()).toEqual([...ids].sort());
    for (const id of ids) await expectProblem(await getToken(id, shop.sk), 'not_found');
  });

  it('answers 404 for an id naming a shard the vault does not have, without asking or making that object', async () => {
    const shop = await shardedMerchant(2);
    const id = 'tok_s7_AAAAAAAAAAAAAAAAAAAAAA';
    await expectProblem(await getToken(id, shop.sk), 'not_found');
    await expectProblem(await bySecret(shop.sk, `/v1/tokens/${id}`, 'DELETE'), 'not_found');
    // Had the edge asked shard 7, that object would have recorded its merchant on the way (only this look makes it).
    const merchantRow = await runInDurableObject(vaultShard(env, shop.id, 7), (_instance, state) =>
      state.storage.sql.exec("SELECT count(*) AS n FROM vault_meta WHERE name = 'merchant'").one(),
    );
    expect(merchantRow.n).toBe(0);
  });

  it('forwards a token from the shard its id names', async () => {
    const shop = await shardedMerchant(4);
    let token = await tokenize(shop.pk);
    while (shardOfToken(token.id) === 0) token = await tokenize(shop.pk);
    const id = peerId();
    const body = charge(token.id, `/echo/${id}`, { body: '{"number":"{{card.number}}","cvc":"{{card.cvc}}"}' });
    const answer = await forwarded(await forwardCall(body, { sk: shop.sk }));
    expect(answer.status).toBe(200);
    const [got] = await received(id);
    expect(got?.headers['x-card-number']).toBe(VISA);
  });

  it('puts one client’s creates in one shard, so its card-testing rules see them all', async () => {
    const shop = await shardedMerchant(8);
    const client = { 'CF-Connecting-IP': '203.0.113.7' };
    const shards = new Set<number>();
    // Six creates in one of eight shards by chance: 8 × (1/8)^6, about 1 in 33,000.
    for (let i = 0; i < 6; i++) shards.add(shardOfToken((await tokenize(shop.pk, validCard(), client)).id));
    expect(shards.size).toBe(1);
  });

  it('lists the trail of every shard merged, newest first, page after page, and verifies every chain', async () => {
    const shop = await shardedMerchant(3);
    for (let i = 0; i < 9; i++) await tokenize(shop.pk);
    const seen: AuditEvent[] = [];
    let after: string | undefined;
    let heads: { shard: number; count: number }[] = [];
    do {
      const res = await bySecret(shop.sk, `/v1/events?type=token.created&limit=2${after ? `&after=${after}` : ''}`);
      expect(res.status).toBe(200);
      const list = (await res.json()) as { data: AuditEvent[]; next?: string; heads: typeof heads };
      expect(v.safeParse(EventListSchema, list).issues).toBeUndefined();
      seen.push(...list.data);
      heads = list.heads;
      after = list.next;
    } while (after !== undefined);
    expect(seen).toHaveLength(9);
    expect(new Set(seen.map((e) => e.id)).size).toBe(9);
    const times = seen.map((e) => Date.parse(e.time));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(heads.map((h) => h.shard)).toEqual([0, 1, 2]);

    const verified = (await (await bySecret(shop.sk, '/v1/events/verify')).json()) as {
      ok: boolean;
      count: number;
      heads: { hash: string }[];
    };
    expect(verified.ok).toBe(true);
    expect(verified.count).toBe(heads.reduce((sum, h) => sum + h.count, 0));
    const kept = verified.heads.find((h, shard) => shard > 0 && h.hash !== '0'.repeat(64));
    if (kept !== undefined) expect((await bySecret(shop.sk, `/v1/events/verify?head=${kept.hash}`)).status).toBe(200);
    await expectProblem(await bySecret(shop.sk, `/v1/events/verify?head=${'a'.repeat(64)}`), 'audit_chain_truncated');
    await expectProblem(await bySecret(shop.sk, '/v1/events?after=evt_AAAAAAAAAAAAAAAAAAAAAA'), 'invalid_cursor');

    const lines = (await (await bySecret(shop.sk, '/v1/events/export')).text()).trim().split('\n');
    const closing = lines
      .map((l) => JSON.parse(l) as { object: string; shard?: number })
      .filter((l) => l.object === 'chain_head');
    expect(closing.map((l) => l.shard)).toEqual([0, 1, 2]);
  });

  it('grows without moving a token: older ones stay where they are and searches still find them', async () => {
    const shop = await shardedMerchant();
    const old = await tokenize(shop.pk, validCard({ number: VISA }));
    expect(shardOfToken(old.id)).toBe(0);
    const grown = await admin(`/merchants/${shop.id}`, { method: 'PATCH', body: { vaultShards: 4 } });
    expect(await grown.json()).toMatchObject({ vaultShards: 4 });
    const later = [];
    for (let i = 0; i < 8; i++) later.push((await tokenize(shop.pk, validCard({ number: VISA }))).id);
    expect((await getToken(old.id, shop.sk)).status).toBe(200);
    const { card } = (await (await getToken(old.id, shop.sk)).json()) as TokenObject;
    const found = (await (await bySecret(shop.sk, `/v1/tokens?fingerprint=${card.fingerprint}`)).json()) as {
      data: { id: string }[];
    };
    expect(found.data.map((t) => t.id).sort()).toEqual([old.id, ...later].sort());
  });

  it('refuses to lower the count, which would hide the tokens of the shards past it', async () => {
    const shop = await shardedMerchant(4);
    const lowered = await admin(`/merchants/${shop.id}`, { method: 'PATCH', body: { vaultShards: 2 } });
    await expectProblem(lowered, 'invalid_request', { param: 'vaultShards' });
    await expectProblem(
      await admin('/merchants', { body: { name: 'x', origins: [], forwardHosts: [], vaultShards: 65 } }),
      'invalid_request',
      { param: 'vaultShards' },
    );
  });

  it('tells every shard of a suspension: each refuses the merchant on its very next call', async () => {
    const shop = await shardedMerchant(4);
    await admin(`/merchants/${shop.id}`, { method: 'PATCH', body: { status: 'suspended' } });
    for (let shard = 0; shard < 4; shard++) {
      const answer = await vaultShard(env, shop.id, shard)
        .readToken(shop.id, 'tok_AAAAAAAAAAAAAAAAAAAAAA', audit)
        .then(
          () => 'read',
          (error: Error) => error.message,
        );
      expect(answer).toBe('tessera:merchant_suspended');
    }
  });

  it('rewraps the data keys of every shard in a KEK rotation, and counts them all before a KEK may retire', async () => {
    const shop = await shardedMerchant(4);
    const ids = [];
    for (let i = 0; i < 12; i++) ids.push((await tokenize(shop.pk)).id);
    const used = [...new Set(ids.map(shardOfToken))];
    expect(used.length).toBeGreaterThan(1);
    const keksOf = (shard: number) =>
      runInDurableObject(vaultShard(env, shop.id, shard), (_instance, state) =>
        state.storage.sql
          .exec<{ kek_kid: string }>('SELECT kek_kid FROM data_keys')
          .toArray()
          .map((row) => row.kek_kid),
      );
    const [oldKek] = await keksOf(used[0] ?? 0);
    expect(oldKek).not.toBe('kek_next');

    expect((await admin('/rotate', { body: { kek: 'kek_next' } })).status).toBe(202);
    await expect
      .poll(async () => ((await (await admin('/rotate')).json()) as { state: string }).state, { timeout: 10_000 })
      .toBe('done');
    for (const shard of used) expect(new Set(await keksOf(shard))).toEqual(new Set(['kek_next']));
    for (const id of ids) expect((await getToken(id, shop.sk)).status).toBe(200);
    expect(await (await admin('/rotate/retire', { body: { kek: oldKek } })).json()).toEqual({
      kek: oldKek,
      retirable: true,
    });
  });
});
