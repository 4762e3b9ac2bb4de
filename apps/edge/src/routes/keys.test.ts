import { createExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { isSealKeySet } from '@tessera/protocol';
import type { JWK } from 'jose';
import { describe, expect, it } from 'vitest';
import {
  call,
  DEMO_PK,
  DEMO_SK,
  EDGE,
  expectProblem,
  fieldPageHeaders,
  postToken,
  seal,
  sealKeys,
  validCard,
} from '../../test/support/edge';
import { sealKeysWithNewCurrent } from '../../test/support/rotation';
import worker from '../index';

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

describe('sealing-key rotation', () => {
  const withSealKeys = (sealKeys: string, path: string, init: RequestInit) =>
    worker.fetch(
      new Request(`${EDGE}${path}`, init),
      { ...env, TESSERA_SEAL_KEYS: sealKeys },
      createExecutionContext(),
    );

  it('lists the new key first and opens cards sealed to either key while both are configured', async () => {
    const [older] = await sealKeys();
    const rotated = await sealKeysWithNewCurrent();
    const listed = await withSealKeys(rotated, '/v1/keys/seal', { headers: { Authorization: `Bearer ${DEMO_PK}` } });
    const { keys } = (await listed.json()) as { keys: JWK[] };
    expect(keys.map((k) => k.kid)).toEqual(['seal_rotated', older!.kid]);

    for (const jwk of [keys[0]!, older!]) {
      const body = JSON.stringify({ sealed: await seal(validCard(), { jwk }) });
      const res = await withSealKeys(rotated, '/v1/tokens', { method: 'POST', headers: fieldPageHeaders(), body });
      expect(res.status).toBe(200);
    }
  });

  it('answers unknown_seal_key for a card sealed to a key the edge no longer holds', async () => {
    const rotated = await sealKeysWithNewCurrent();
    const listed = await withSealKeys(rotated, '/v1/keys/seal', { headers: { Authorization: `Bearer ${DEMO_PK}` } });
    const [newer] = ((await listed.json()) as { keys: JWK[] }).keys;
    // The edge as configured before the rotation does not hold the new key.
    const res = await postToken(JSON.stringify({ sealed: await seal(validCard(), { jwk: newer! }) }));
    await expectProblem(res, 'unknown_seal_key');
  });
});
