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
