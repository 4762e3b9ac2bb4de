import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { delegate, delegateBody } from '../../test/support/agents';
import { call, createToken, DEMO_SK, expectProblem, getToken, validCard } from '../../test/support/edge';

// The operator API: merchants, keys and agent platforms managed at run time, checked when written, and every
// change in force on the next request.

const OPERATOR = 'op_test_local';
const ORIGIN = 'http://localhost:5177';

const admin = (path: string, init: { method?: string; body?: unknown; key?: string } = {}) =>
  call(`/v1/admin${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: {
      Authorization: `Bearer ${init.key ?? OPERATOR}`,
      ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });

let merchants = 0;
/** A merchant of its own per test, with a publishable and a secret key. */
async function newMerchant() {
  const id = `shop-${++merchants}-${crypto.randomUUID().slice(0, 8)}`;
  const res = await admin('/merchants', { body: { id, name: 'A shop', origins: [ORIGIN], forwardHosts: [] } });
  expect(res.status).toBe(201);
  const issue = async (type: 'publishable' | 'secret', extra = {}) => {
    const answer = await admin(`/merchants/${id}/keys`, { body: { type, ...extra } });
    expect(answer.status).toBe(201);
    return (await answer.json()) as { id: string; key: string; prefix: string; last4: string };
  };
  return { id, pk: await issue('publishable'), sk: await issue('secret'), issue };
}

const pageHeaders = (pk: string): Record<string, string> => ({
  Authorization: `Bearer ${pk}`,
  'Content-Type': 'application/json',
  Origin: 'https://edge.test',
  'Sec-Fetch-Site': 'same-origin',
});
const events = (sk: string) => call('/v1/events?limit=1', { headers: { Authorization: `Bearer ${sk}` } });

describe('operator authentication', () => {
  it('refuses no key, an unknown key and a merchant key, and records each refusal in the operator trail', async () => {
    await expectProblem(await admin('/merchants', { key: 'op_test_nope' }), 'unauthorized');
    await expectProblem(await admin('/merchants', { key: DEMO_SK }), 'wrong_key_type');
    await expect
      .poll(async () => {
        const trail = (await (await admin('/events?type=admin.refused&limit=5')).json()) as {
          data: { detail: string }[];
        };
        return trail.data.map((e) => e.detail);
      })
      .toEqual(expect.arrayContaining(['unauthorized', 'wrong_key_type']));
  });
});

describe('merchants', () => {
  it('creates a merchant whose new keys work at once: its page tokenizes, its secret key reads, others cannot', async () => {
    const shop = await newMerchant();
    expect(shop.pk.key).toMatch(new RegExp(`^pk_test_${shop.id.replace(/-/g, '_')}_[0-9a-f]{32}$`));
    const created = await createToken(validCard(), pageHeaders(shop.pk.key));
    expect(created.status).toBe(200);
    const { id } = (await created.json()) as { id: string };
    expect((await getToken(id, shop.sk.key)).status).toBe(200);
    await expectProblem(await getToken(id, DEMO_SK), 'not_found');
    const list = (await (await admin('/merchants')).json()) as { data: { id: string; source: string }[] };
    expect(list.data.map((m) => m.id)).toEqual(expect.arrayContaining(['demo', 'other', shop.id]));
    expect(list.data.find((m) => m.id === 'demo')?.source).toBe('config');
  });

  it.each([
    [{ name: 'x', origins: ['https://shop.example/'], forwardHosts: [] }, 'origins'],
    [{ name: 'x', origins: ['https://shop.example'], forwardHosts: ['https://pay.example/charge'] }, 'forwardHosts'],
    [{ name: 'x', origins: [], forwardHosts: [], colour: 'red' }, 'colour'],
    [{ id: 'Bad_Id', name: 'x', origins: [], forwardHosts: [] }, 'id'],
  ])('refuses %j naming %s, and creates nothing', async (body, param) => {
    const before = ((await (await admin('/merchants')).json()) as { data: unknown[] }).data.length;
    await expectProblem(await admin('/merchants', { body }), 'invalid_request', { param });
    expect(((await (await admin('/merchants')).json()) as { data: unknown[] }).data).toHaveLength(before);
  });

  it('refuses a merchant id that exists, configured or created', async () => {
    const body = { id: 'demo', name: 'x', origins: [], forwardHosts: [] };
    await expectProblem(await admin('/merchants', { body }), 'merchant_exists', { param: 'id' });
  });

  it('suspends a merchant: its keys are refused on the next request, and work again once it is active', async () => {
    const shop = await newMerchant();
    expect((await events(shop.sk.key)).status).toBe(200);
    const suspended = await admin(`/merchants/${shop.id}`, { method: 'PATCH', body: { status: 'suspended' } });
    expect(await suspended.json()).toMatchObject({ status: 'suspended' });
    await expectProblem(await createToken(validCard(), pageHeaders(shop.pk.key)), 'merchant_suspended');
    await admin(`/merchants/${shop.id}`, { method: 'PATCH', body: { status: 'active' } });
    expect((await createToken(validCard(), pageHeaders(shop.pk.key))).status).toBe(200);
  });
});

describe('keys', () => {
  it('lists keys by prefix and last four, never the key, with when each was last used', async () => {
    const shop = await newMerchant();
    await events(shop.sk.key);
    const list = await (await admin(`/merchants/${shop.id}/keys`)).text();
    expect(list).not.toContain(shop.sk.key);
    const keys = (
      JSON.parse(list) as { data: { id: string; last4: string; status: string; lastUsed: number | null }[] }
    ).data;
    expect(keys.find((k) => k.id === shop.sk.id)).toMatchObject({ last4: shop.sk.key.slice(-4), status: 'active' });
    const configured = (await (await admin('/merchants/demo/keys')).json()) as { data: { prefix: string }[] };
    expect(configured.data.map((k) => k.prefix).sort()).toEqual(['pk_', 'sk_']);
  });

  it('revokes a key: refused on its very next request, even by an isolate whose snapshot still holds it', async () => {
    const shop = await newMerchant();
    expect((await events(shop.sk.key)).status).toBe(200);
    // As another isolate's operator call would: the registry and the vault change, this isolate's snapshot not.
    const registry = env.REGISTRY.get(env.REGISTRY.idFromName('registry'));
    const audit = { keyId: 'key_test', clientIp: null, requestId: 'req_test' };
    const revoked = await registry.revokeKey(shop.sk.id, null, audit);
    const vault = env.VAULT.get(env.VAULT.idFromName(shop.id));
    await vault.setAccess(shop.id, {
      status: 'active',
      keys: [{ hash: revoked?.key_hash ?? '', expiresAt: null, revokedAt: revoked?.revoked_at ?? null }],
    });
    await expectProblem(await getToken('tok_AAAAAAAAAAAAAAAAAAAAAA', shop.sk.key), 'unauthorized');
  });

  it('refuses a suspended merchant on the very next request, even by an isolate whose snapshot says active', async () => {
    const shop = await newMerchant();
    expect((await createToken(validCard(), pageHeaders(shop.pk.key))).status).toBe(200);
    const vault = env.VAULT.get(env.VAULT.idFromName(shop.id));
    await vault.setAccess(shop.id, { status: 'suspended', keys: [] });
    await expectProblem(await createToken(validCard(), pageHeaders(shop.pk.key)), 'merchant_suspended');
    await expectProblem(await getToken('tok_AAAAAAAAAAAAAAAAAAAAAA', shop.sk.key), 'merchant_suspended');
  });

  it('rolls a key: the new one works, the old one until its overlap ends, and not after', async () => {
    const shop = await newMerchant();
    const res = await admin(`/merchants/${shop.id}/keys/${shop.sk.id}/roll`, { body: { expiresIn: 2 } });
    expect(res.status).toBe(201);
    const rolled = (await res.json()) as { key: string; previous: { id: string; expiresAt: number } };
    expect(rolled.previous.id).toBe(shop.sk.id);
    expect((await events(rolled.key)).status).toBe(200);
    expect((await events(shop.sk.key)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 2100));
    await expectProblem(await events(shop.sk.key), 'unauthorized');
    expect((await events(rolled.key)).status).toBe(200);
  });

  it('rolls with expiresIn 0 to end the old key at once, and refuses to roll a revoked key', async () => {
    const shop = await newMerchant();
    await admin(`/merchants/${shop.id}/keys/${shop.sk.id}/roll`, { body: { expiresIn: 0 } });
    await expectProblem(await events(shop.sk.key), 'unauthorized');
    await admin(`/merchants/${shop.id}/keys/${shop.pk.id}/revoke`, { body: {} });
    const again = await admin(`/merchants/${shop.id}/keys/${shop.pk.id}/roll`, { body: {} });
    await expectProblem(again, 'key_revoked');
    await expectProblem(await admin(`/merchants/${shop.id}/keys/key_nope/revoke`, { body: {} }), 'not_found');
  });
});

describe('agent platforms', () => {
  it('creates an agent platform whose ak_ key delegates to a merchant that accepts it', async () => {
    const res = await admin('/agents', { body: { name: 'Another agent' } });
    expect(res.status).toBe(201);
    const agent = (await res.json()) as { id: string; key: string };
    expect(agent.key).toMatch(/^ak_test_/);
    const shop = await newMerchant();
    await admin(`/merchants/${shop.id}`, { method: 'PATCH', body: { agents: [agent.id] } });
    const body = delegateBody((b) => {
      b.allowance.merchant_id = shop.id;
    });
    expect((await delegate(body, { key: agent.key })).status).toBe(201);
  });
});

describe('the operator trail', () => {
  it('records each change, chained', async () => {
    const shop = await newMerchant();
    const trail = (await (await admin('/events?limit=200')).json()) as {
      data: { type: string; detail?: string; prevHash: string; hash: string }[];
    };
    expect(trail.data.find((e) => e.type === 'admin.merchant_created' && e.detail === shop.id)).toBeDefined();
    expect(trail.data.filter((e) => e.type === 'admin.key_issued').length).toBeGreaterThanOrEqual(2);
    for (const [i, event] of trail.data.entries()) if (i > 0) expect(trail.data[i - 1]?.prevHash).toBe(event.hash);
  });
});
