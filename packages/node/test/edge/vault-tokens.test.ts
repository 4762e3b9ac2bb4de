// An agent's vault token through the merchant's client: delegated by the agent platform, charged once through
// forward() at the stand-in processor, refused when charged again, read and revoked.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type ForwardParams, TesseraApiError } from '../../src/index';
import { type Allowance, delegateCard } from '../support/agent';
import { client, edge, received } from '../support/edge';

/** A charge of the whole allowance at the processor, recorded under `id`. */
function charge(token: string, allowance: Allowance, id: string, amount = allowance.max_amount): ForwardParams {
  return {
    token,
    payment: { amount, currency: allowance.currency, checkout_session_id: allowance.checkout_session_id },
    request: {
      url: `${edge().processor}/charge/${id}`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"number":"{{card.number}}","amount":{{payment.amount}},"currency":"{{payment.currency}}"}',
    },
  };
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.unreachable(),
    (error: unknown) => error,
  );

describe('vault tokens', () => {
  it('charges once with the checked amount, then refuses a second charge as vault_token_consumed', async () => {
    const { id: token, number, allowance } = await delegateCard(2000);
    const tessera = client();
    const id = randomUUID();

    const first = await tessera.forward(charge(token, allowance, id, 1500));
    expect(first.status).toBe(200);
    expect(first.body).not.toContain(number);
    const [sent] = await received(id);
    expect(JSON.parse(sent?.body ?? '{}')).toEqual({ number, amount: 1500, currency: 'usd' });

    const error = await failure(tessera.forward(charge(token, allowance, id)));
    expect(error).toBeInstanceOf(TesseraApiError);
    expect(error).toMatchObject({ status: 409, code: 'vault_token_consumed' });
    expect(await received(id)).toHaveLength(1);

    expect(await tessera.vaultTokens.retrieve(token)).toMatchObject({
      id: token,
      object: 'vault_token',
      status: 'consumed',
      deactivated_reason: 'consumed',
      allowance: { max_amount: 2000, currency: 'usd', merchant_id: edge().merchantId },
      card: { last4: number.slice(-4) },
    });
  });

  it('replays a charge retried with the same Idempotency-Key instead of refusing it', async () => {
    const { id: token, allowance } = await delegateCard();
    const tessera = client();
    const id = randomUUID();
    const first = await tessera.forward(charge(token, allowance, id), { idempotencyKey: `order-${id}` });
    const again = await tessera.forward(charge(token, allowance, id), { idempotencyKey: `order-${id}` });
    expect(again).toEqual({ ...first, replayed: true });
    expect(await received(id)).toHaveLength(1);
  });

  it('refuses a charge over the allowance without sending anything', async () => {
    const { id: token, allowance } = await delegateCard(2000);
    const id = randomUUID();
    const error = await failure(client().forward(charge(token, allowance, id, 2001)));
    expect(error).toMatchObject({ status: 400, code: 'allowance_exceeded' });
    expect(await received(id)).toEqual([]);
  });

  it('reads and revokes an active token; a charge after that is vault_token_revoked', async () => {
    const { id: token, allowance } = await delegateCard();
    const tessera = client();
    expect(await tessera.vaultTokens.retrieve(token)).toMatchObject({ status: 'active' });
    expect(await tessera.vaultTokens.revoke(token)).toMatchObject({
      id: token,
      status: 'revoked',
      deactivated_reason: 'revoked',
    });
    const id = randomUUID();
    const error = await failure(tessera.forward(charge(token, allowance, id)));
    expect(error).toMatchObject({ status: 409, code: 'vault_token_revoked' });
    expect(await received(id)).toEqual([]);
  });

  it("is not_found to another merchant, and to an id that is no vault token's", async () => {
    const { id: token } = await delegateCard();
    const rival = client({}, edge().otherSecretKey);
    for (const call of [() => rival.vaultTokens.retrieve(token), () => rival.vaultTokens.revoke(token)]) {
      expect(await failure(call())).toMatchObject({ status: 404, code: 'not_found' });
    }
    expect(await failure(client().vaultTokens.retrieve('vt_nope'))).toMatchObject({ code: 'not_found' });
    expect(await client().vaultTokens.retrieve(token)).toMatchObject({ status: 'active' });
  });
});
