import { isSealKeySet } from '@tessera/protocol';
import { describe, expect, it } from 'vitest';
import { call, DEMO_PK, DEMO_SK, expectProblem } from '../../test/support/edge';

describe('GET /v1/keys/seal', () => {
  it('lists the public sealing keys, current first, with no private member', async () => {
    const res = await call('/v1/keys/seal', { headers: { Authorization: `Bearer ${DEMO_PK}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('Cache-Control')).toBe('private, max-age=300');
    const body = (await res.json()) as { keys: Record<string, unknown>[] };
    expect(isSealKeySet(body)).toBe(true);
    for (const key of body.keys) {
      expect(Object.keys(key).sort()).toEqual(['alg', 'crv', 'kid', 'kty', 'use', 'x', 'y']);
      expect(key).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ECDH-ES', use: 'enc' });
    }
  });

  it('refuses a secret key (403), and a missing or unknown key (401)', async () => {
    await expectProblem(
      await call('/v1/keys/seal', { headers: { Authorization: `Bearer ${DEMO_SK}` } }),
      'wrong_key_type',
    );
    await expectProblem(await call('/v1/keys/seal'), 'unauthorized');
    await expectProblem(
      await call('/v1/keys/seal', { headers: { Authorization: 'Bearer pk_test_nobody' } }),
      'unauthorized',
    );
  });
});
