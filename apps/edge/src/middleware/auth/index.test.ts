import { env } from 'cloudflare:workers';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from '../../app-env';
import { toProblemResponse } from '../../errors/problem';
import { auth, bearerKey } from '.';

const app = new Hono<AppEnv>();
app.get('/secret', auth({ keyType: 'secret' }), (c) =>
  c.json({ merchant: c.var.auth.merchant.id, keyId: c.var.auth.keyId }),
);
app.onError(toProblemResponse);
const get = (authorization?: string) =>
  app.request('/secret', { headers: authorization ? { Authorization: authorization } : {} }, env);

describe('auth()', () => {
  it('finds the merchant of a key by its hash', async () => {
    const res = await get('Bearer sk_test_other_local');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ merchant: 'other', keyId: expect.stringMatching(/^key_[0-9a-f]{16}$/) });
  });

  it.each([
    [undefined, 401],
    ['Bearer', 401],
    ['Bearer ', 401],
    ['bearer sk_test_other_local', 401],
    ['Bearer sk_test_other_local extra', 401],
    [`Bearer sk_${'x'.repeat(300)}`, 401],
    ['Bearer pk_test_other_local', 403],
  ])('answers %s with %i', async (authorization, status) => {
    const res = await get(authorization);
    expect(res.status).toBe(status);
    expect(res.headers.get('WWW-Authenticate')).toBe(status === 401 ? 'Bearer realm="tessera"' : null);
  });

  it('throws on bad options when built, not per request', () => {
    expect(() => auth({ keyType: 'operator' as 'secret' })).toThrow(TypeError);
  });

  it('reads only well-formed bearer headers', () => {
    expect(bearerKey('Bearer abc')).toBe('abc');
    expect(bearerKey('Bearer a b')).toBeUndefined();
    expect(bearerKey(undefined)).toBeUndefined();
  });
});
