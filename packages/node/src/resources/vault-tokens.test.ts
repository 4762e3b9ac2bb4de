// tessera.vaultTokens and a vault token's charge over real sockets, against a scripted server: the routes, the
// bodies and the guards. test/edge/vault-tokens.test.ts runs the same calls against the real edge.
import type { VaultTokenObject } from '@tessera/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, problem, startScriptedServer } from '../../test/support/scripted-server';
import { Tessera, TesseraApiError } from '../index';

const VAULT_TOKEN: VaultTokenObject = {
  id: 'vt_1',
  object: 'vault_token',
  status: 'active',
  created: 1_790_000_000,
  allowance: {
    reason: 'one_time',
    max_amount: 2000,
    currency: 'usd',
    checkout_session_id: 'csn_1',
    merchant_id: 'shop',
    expires_at: '2026-12-01T00:00:00.000Z',
  },
  card: { brand: 'visa', last4: '4242' },
  agent: 'agent',
};

let server: Awaited<ReturnType<typeof startScriptedServer>>;
beforeAll(async () => {
  server = await startScriptedServer();
});
afterAll(() => server.close());

const tessera = () => new Tessera('sk_test_scripted_vt', { edge: server.origin, maxRetries: 0 });

describe('vaultTokens', () => {
  it('reads with GET and revokes with a POST that carries an Idempotency-Key', async () => {
    const revoked = { ...VAULT_TOKEN, status: 'revoked', deactivated_reason: 'revoked' };
    server.script([json(200, VAULT_TOKEN), json(200, revoked)]);
    const client = tessera();
    expect(await client.vaultTokens.retrieve('vt_1')).toEqual(VAULT_TOKEN);
    expect(await client.vaultTokens.revoke('vt_1', { idempotencyKey: 'revoke-vt_1' })).toEqual(revoked);
    expect(server.received.map((r) => [r.method, r.url, r.headers['idempotency-key']])).toEqual([
      ['GET', '/v1/vault_tokens/vt_1', undefined],
      ['POST', '/v1/vault_tokens/vt_1/revoke', 'revoke-vt_1'],
    ]);
  });

  it('encodes the id into one segment, and refuses an empty one before any request', async () => {
    server.script([problem(404, 'not_found')]);
    const error = await tessera()
      .vaultTokens.retrieve('../tokens/tok_1')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TesseraApiError);
    expect(server.received[0]?.url).toBe('/v1/vault_tokens/..%2Ftokens%2Ftok_1');
    await expect(tessera().vaultTokens.revoke('')).rejects.toThrow(TypeError);
  });

  it('says invalid_response when the answer is not a vault token', async () => {
    server.script([json(200, { ...VAULT_TOKEN, object: 'token' })]);
    await expect(tessera().vaultTokens.retrieve('vt_1')).rejects.toMatchObject({ code: 'invalid_response' });
  });
});

describe('a vault token charge', () => {
  it('sends the payment beside the request, as given', async () => {
    server.script([json(200, { status: 200, headers: {}, body: '{"ok":true}' })]);
    const params = {
      token: 'vt_1',
      payment: { amount: 1500, currency: 'usd', checkout_session_id: 'csn_1' },
      request: {
        url: 'https://processor.example/charge',
        method: 'POST' as const,
        body: '{"amount":{{payment.amount}},"currency":"{{payment.currency}}"}',
      },
    };
    await tessera().forward(params);
    expect(JSON.parse(server.received[0]?.body ?? '')).toEqual(params);
  });
});
