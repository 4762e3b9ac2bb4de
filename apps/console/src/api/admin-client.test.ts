import { describe, expect, it, vi } from 'vitest';
import { AdminClient } from './admin-client';

const json = (status: number, body: unknown, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });

const merchant = {
  id: 'demo',
  object: 'merchant',
  name: 'Demo',
  origins: ['http://localhost:5173'],
  forwardHosts: [],
  agents: [],
  limits: {},
  vaultShards: 1,
  status: 'active',
  source: 'config',
};

const key = {
  id: 'key_1',
  object: 'api_key',
  type: 'secret',
  prefix: 'sk_test_shop_',
  last4: 'abcd',
  created: 1,
  lastUsed: null,
  expiresAt: null,
  status: 'active',
};

describe('AdminClient', () => {
  it('sends the key as a bearer token to its own origin, without credentials, and reads the list', async () => {
    const fetch = vi.fn(async () => json(200, { object: 'list', data: [merchant] }));
    const result = await new AdminClient('op_test_local', { fetch }).merchants();
    expect(result).toEqual({ ok: true, value: [merchant] });
    expect(fetch).toHaveBeenCalledWith('/v1/admin/merchants', {
      method: 'GET',
      headers: { Authorization: 'Bearer op_test_local', Accept: 'application/json' },
      credentials: 'omit',
      cache: 'no-store',
    });
  });

  it('accepts merchants with their vault shards, and refuses one without a whole count of at least 1', async () => {
    const list = (data: unknown[]) => async () => json(200, { object: 'list', data });
    const sharded = { ...merchant, id: 'hot', vaultShards: 4 };
    expect(await new AdminClient('op', { fetch: list([merchant, sharded]) }).merchants()).toEqual({
      ok: true,
      value: [merchant, sharded],
    });
    const { vaultShards: _, ...without } = merchant;
    for (const odd of [
      without,
      { ...merchant, vaultShards: 0 },
      { ...merchant, vaultShards: 1.5 },
      { ...merchant, vaultShards: '2' },
    ]) {
      const result = await new AdminClient('op', { fetch: list([odd]) }).merchants();
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid_response' } });
    }
  });

  it('raises the vault shards with a PATCH, and answers the edge’s refusal of a lower count in its words', async () => {
    const fetch = vi.fn(async () => json(200, { ...merchant, vaultShards: 4 }));
    const client = new AdminClient('op', { fetch });
    expect(await client.merchant('a/b')).toEqual({ ok: true, value: { ...merchant, vaultShards: 4 } });
    expect(fetch).toHaveBeenLastCalledWith('/v1/admin/merchants/a%2Fb', expect.objectContaining({ method: 'GET' }));
    const raised = await client.updateMerchant('demo', { vaultShards: 4 });
    expect(raised).toEqual({ ok: true, value: { ...merchant, vaultShards: 4 } });
    expect(fetch).toHaveBeenLastCalledWith('/v1/admin/merchants/demo', {
      method: 'PATCH',
      headers: { Authorization: 'Bearer op', Accept: 'application/json', 'Content-Type': 'application/json' },
      body: '{"vaultShards":4}',
      credentials: 'omit',
      cache: 'no-store',
    });
    const problem = {
      type: 'urn:tessera:error:invalid_request',
      title: 'The request is malformed or has invalid fields.',
      status: 400,
      code: 'invalid_request',
      detail: "A vault's shards can only be raised (it has 4).",
      param: 'vaultShards',
    };
    const refused = await new AdminClient('op', {
      fetch: async () => json(400, problem, 'application/problem+json'),
    }).updateMerchant('demo', { vaultShards: 2 });
    expect(refused).toEqual({
      ok: false,
      error: { status: 400, code: 'invalid_request', message: "A vault's shards can only be raised (it has 4)." },
    });
  });

  it('posts a roll with its overlap, and escapes the ids it puts in the path', async () => {
    const fetch = vi.fn(async () => json(201, { ...key, id: 'key_2', key: 'sk_test_shop_new', previous: key }));
    const result = await new AdminClient('op', { fetch }).rollKey('a/b', 'key 1', 3600);
    expect(result.ok && result.value.key).toBe('sk_test_shop_new');
    expect(fetch).toHaveBeenCalledWith(
      '/v1/admin/merchants/a%2Fb/keys/key%201/roll',
      expect.objectContaining({ method: 'POST', body: '{"expiresIn":3600}' }),
    );
  });

  it('answers a problem as a value with its code, and tells its owner when the key is refused', async () => {
    const onUnauthorized = vi.fn();
    const problem = { type: 'about:blank', title: 'Unauthorized', status: 401, code: 'unauthorized' };
    const fetch = vi.fn(async () => json(401, problem, 'application/problem+json'));
    const result = await new AdminClient('op_nope', { fetch, onUnauthorized }).merchants();
    expect(result).toEqual({ ok: false, error: { status: 401, code: 'unauthorized', message: 'Unauthorized' } });
    expect(onUnauthorized).toHaveBeenCalledOnce();
  });

  it('refuses an answer that is not what the route promises, and a network failure, as values', async () => {
    const odd = await new AdminClient('op', { fetch: async () => json(200, { data: [{ id: 1 }] }) }).merchants();
    expect(odd).toMatchObject({ ok: false, error: { code: 'invalid_response' } });
    const down = await new AdminClient('op', {
      fetch: async () => {
        throw new TypeError('Failed to fetch');
      },
    }).rotation();
    expect(down).toMatchObject({ ok: false, error: { status: 0, code: 'network_error' } });
  });

  it('pages the trail with its cursor', async () => {
    const fetch = vi.fn(async () => json(200, { object: 'list', data: [], head: {} }));
    await new AdminClient('op', { fetch }).trail(20, 'evt_x');
    expect(fetch).toHaveBeenCalledWith('/v1/admin/events?limit=20&after=evt_x', expect.anything());
  });
});
