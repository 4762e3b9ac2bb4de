import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it, vi } from 'vitest';
import { call, DEMO_PK, fieldPageHeaders, postToken, seal, validCard } from '../../../test/support/edge';
import { abuseShardOf, clientHashOf } from '.';

const vaultEvents = (ip: string) =>
  runInDurableObject(env.VAULT.get(env.VAULT.idFromName('demo')), (_, state) =>
    state.storage.sql
      .exec<{ action: string; key_id: string; detail: string }>(
        'SELECT action, key_id, detail FROM events WHERE client_ip = ? ORDER BY seq',
        ip,
      )
      .toArray(),
  );

const hashOf = (ip: string) => clientHashOf(ip, env.TESSERA_KEKS);

const abuseRows = async (ip: string) => {
  const hash = await hashOf(ip);
  return runInDurableObject(env.ABUSE.get(env.ABUSE.idFromName(abuseShardOf(hash))), (_, state) =>
    state.storage.sql
      .exec<{ client_hash: string; route: string; code: string }>(
        'SELECT client_hash, route, code FROM refusals WHERE client_hash = ?',
        hash,
      )
      .toArray(),
  );
};

describe('auditRefusals()', () => {
  it("records a real key refused on a route it may not use in its merchant's trail", async () => {
    const ip = '192.0.2.10';
    const res = await call('/v1/tokens/tok_aaaaaaaaaaaaaaaaaaaaaa', {
      headers: { Authorization: `Bearer ${DEMO_PK}`, 'CF-Connecting-IP': ip },
    });
    expect(res.status).toBe(403);
    await vi.waitFor(async () =>
      expect(await vaultEvents(ip)).toEqual([
        { action: 'auth.refused', key_id: expect.stringMatching(/^key_/), detail: 'wrong_key_type' },
      ]),
    );
  });

  it("records a create from another origin in the key's merchant's trail", async () => {
    const ip = '192.0.2.11';
    const body = JSON.stringify({ sealed: await seal(validCard()) });
    const res = await postToken(body, { ...fieldPageHeaders(), Origin: 'https://evil.test', 'CF-Connecting-IP': ip });
    expect(res.status).toBe(403);
    await vi.waitFor(async () =>
      expect((await vaultEvents(ip)).map((e) => [e.action, e.detail])).toEqual([['auth.refused', 'forbidden_origin']]),
    );
  });

  it('records a key that names no merchant in the sharded abuse record, by client hash, never the key', async () => {
    const ip = '192.0.2.12';
    const tried = 'sk_test_guessed_key_1234';
    const res = await call('/v1/tokens/tok_aaaaaaaaaaaaaaaaaaaaaa', {
      headers: { Authorization: `Bearer ${tried}`, 'CF-Connecting-IP': ip },
    });
    expect(res.status).toBe(401);
    await vi.waitFor(async () =>
      expect(await abuseRows(ip)).toEqual([
        { client_hash: await hashOf(ip), route: '/v1/tokens/:id', code: 'unauthorized' },
      ]),
    );
    const all = await runInDurableObject(
      env.ABUSE.get(env.ABUSE.idFromName(abuseShardOf(await hashOf(ip)))),
      (_, state) => JSON.stringify(state.storage.sql.exec('SELECT * FROM refusals').toArray()),
    );
    expect(all).not.toContain(tried);
    expect(all).not.toContain(ip);
    // Keyed by the deployment: the plain SHA-256 of the address, which anyone can compute, is not what is kept.
    const plain = Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(ip))), (b) =>
      b.toString(16).padStart(2, '0'),
    ).join('');
    expect(await hashOf(ip)).not.toBe(plain);
    expect(await clientHashOf(ip, 'another deployment')).not.toBe(await hashOf(ip));
  });

  it('stops recording a client past its limit of audited refusals, and still refuses it', async () => {
    const ip = '192.0.2.13';
    for (let i = 0; i < 40; i++) {
      const res = await call('/v1/tokens/tok_aaaaaaaaaaaaaaaaaaaaaa', {
        headers: { Authorization: 'Bearer sk_test_nobody', 'CF-Connecting-IP': ip },
      });
      expect(res.status).toBe(401);
    }
    await vi.waitFor(async () => expect((await abuseRows(ip)).length).toBeGreaterThanOrEqual(30));
    await new Promise((r) => setTimeout(r, 100));
    expect((await abuseRows(ip)).length).toBeLessThanOrEqual(30 * 2);
    expect((await abuseRows(ip)).length).toBeLessThan(40);
  });

  it('spreads clients over many abuse objects, never one', async () => {
    const shards = new Set<string>();
    for (let i = 0; i < 200; i++) shards.add(abuseShardOf(await hashOf(`203.0.113.${i}`)));
    expect(shards.size).toBeGreaterThan(32);
  });
});
