import { runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import type { VaultTokenObject } from '@tessera/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { AGENT_KEY, newVaultToken } from '../../test/support/agents';
import { call, DEMO_PK, DEMO_SK, expectProblem, OTHER_SK, VISA } from '../../test/support/edge';
import { forwardCall, peerId, peerUrl, received } from '../../test/support/forward';
import { newEndpoint, removeEndpoints } from '../../test/support/webhooks';

// Spending an agent's vault token: charged with the merchant's secret key through POST /v1/forward, checked
// against its allowance and spent at most once, in one step of the merchant's vault.

type Allowance = Awaited<ReturnType<typeof newVaultToken>>['allowance'];

/** A charge of a vault token at the recording peer, the amount carried by the placeholders. */
function chargeOf(id: string, allowance: Allowance, path: string, change: Partial<Record<string, unknown>> = {}) {
  return {
    token: id,
    payment: {
      amount: allowance.max_amount,
      currency: allowance.currency,
      checkout_session_id: allowance.checkout_session_id,
      ...change,
    },
    request: {
      url: peerUrl(path),
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"number":"{{card.number}}","amount":{{payment.amount}},"currency":"{{payment.currency}}"}',
    },
  };
}

const read = async (id: string, key = DEMO_SK) =>
  call(`/v1/vault_tokens/${id}`, { headers: { Authorization: `Bearer ${key}` } });
const revoke = async (id: string, key = DEMO_SK) =>
  call(`/v1/vault_tokens/${id}/revoke`, { method: 'POST', headers: { Authorization: `Bearer ${key}` } });

describe('charging a vault token', () => {
  it('forwards the card with exactly the checked amount once, then refuses it as consumed', async () => {
    const { id, allowance } = await newVaultToken();
    const peer = peerId();
    const first = await forwardCall(chargeOf(id, allowance, `/echo/${peer}`, { amount: 1500 }));
    expect(first.status).toBe(200);
    const [sent] = await received(peer);
    expect(JSON.parse(sent?.body ?? '{}')).toEqual({ number: VISA, amount: 1500, currency: 'usd' });

    await expectProblem(await forwardCall(chargeOf(id, allowance, `/echo/${peer}`)), 'vault_token_consumed');
    expect(await received(peer)).toHaveLength(1);
    const token = (await (await read(id)).json()) as VaultTokenObject;
    expect(token).toMatchObject({ status: 'consumed', deactivated_reason: 'consumed', card: { last4: '4242' } });
  });

  it('forwards exactly one of ten concurrent charges', async () => {
    const { id, allowance } = await newVaultToken();
    const peer = peerId();
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => forwardCall(chargeOf(id, allowance, `/echo/${peer}`))),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, ...Array(9).fill(409)]);
    expect(await received(peer)).toHaveLength(1);
  });

  it('leaves a token usable after a declined charge, and a revocation in between stops the next', async () => {
    const { id, allowance } = await newVaultToken();
    const declined = await forwardCall(chargeOf(id, allowance, `/status/402/${peerId()}`));
    expect(declined.status).toBe(200);
    expect(((await (await read(id)).json()) as VaultTokenObject).status).toBe('active');

    const revoked = await revoke(id, AGENT_KEY);
    expect(await revoked.json()).toMatchObject({ status: 'revoked', deactivated_reason: 'revoked' });
    const peer = peerId();
    await expectProblem(await forwardCall(chargeOf(id, allowance, `/echo/${peer}`)), 'vault_token_revoked');
    expect(await received(peer)).toEqual([]);
  });

  it.each([
    ['over the allowance', { amount: 2001 }, 'allowance_exceeded'],
    ['in another currency', { currency: 'eur' }, 'allowance_currency_mismatch'],
    ['for another checkout session', { checkout_session_id: 'csn_other' }, 'allowance_session_mismatch'],
  ] as const)('refuses a charge %s, sends nothing, and the token stays usable', async (_what, change, code) => {
    const { id, allowance } = await newVaultToken();
    const peer = peerId();
    await expectProblem(await forwardCall(chargeOf(id, allowance, `/echo/${peer}`, change)), code);
    expect(await received(peer)).toEqual([]);
    expect((await forwardCall(chargeOf(id, allowance, `/echo/${peer}`))).status).toBe(200);
  });

  it("answers 404 to another merchant's charge and read", async () => {
    const { id, allowance } = await newVaultToken();
    await expectProblem(await forwardCall(chargeOf(id, allowance, `/echo/${peerId()}`), { sk: OTHER_SK }), 'not_found');
    await expectProblem(await read(id, OTHER_SK), 'not_found');
    await expectProblem(await revoke(id, OTHER_SK), 'not_found');
  });

  it('refuses a charge whose request does not carry the amount and currency placeholders', async () => {
    const { id, allowance } = await newVaultToken();
    const charge = chargeOf(id, allowance, `/echo/${peerId()}`);
    charge.request.body = '{"number":"{{card.number}}","amount":2000,"currency":"usd"}';
    await expectProblem(await forwardCall(charge), 'invalid_request', { param: 'request' });
  });

  it('expires a token in the alarm, erases its card, and refuses its charge', async () => {
    const { id, allowance } = await newVaultToken();
    const vault = env.VAULT.get(env.VAULT.idFromName('demo'));
    const cardId = await runInDurableObject(vault, async (_i, state) => {
      const row = state.storage.sql
        .exec<{ token_id: string }>('SELECT token_id FROM vault_tokens WHERE id = ?', id)
        .one();
      state.storage.sql.exec('UPDATE vault_tokens SET expires_at = 1 WHERE id = ?', id);
      await state.storage.setAlarm(Date.now() + 60_000);
      return row.token_id;
    });
    await runDurableObjectAlarm(vault);
    const token = (await (await read(id, AGENT_KEY)).json()) as VaultTokenObject;
    expect(token).toMatchObject({ status: 'expired', deactivated_reason: 'expired' });
    const cards = await runInDurableObject(vault, (_i, state) =>
      state.storage.sql.exec('SELECT id FROM tokens WHERE id = ?', cardId).toArray(),
    );
    expect(cards).toEqual([]);
    await expectProblem(await forwardCall(chargeOf(id, allowance, `/echo/${peerId()}`)), 'vault_token_expired');
  });
});

describe('vault token webhooks', () => {
  afterEach(() => removeEndpoints());

  it('tells the merchant a token was used, and another deactivated', async () => {
    const peer = peerId();
    await newEndpoint(peerUrl(`/echo/${peer}`), ['vault_token.used', 'vault_token.deactivated']);
    const spent = await newVaultToken();
    expect((await forwardCall(chargeOf(spent.id, spent.allowance, `/echo/${peerId()}`))).status).toBe(200);
    const revoked = await newVaultToken();
    expect((await revoke(revoked.id)).status).toBe(200);
    await expect.poll(async () => (await received(peer)).length, { timeout: 5000 }).toBe(2);
    const events = (await received(peer)).map(
      (r) => JSON.parse(r.body) as { type: string; data: Record<string, never> },
    );
    expect(events.map((e) => e.type).sort()).toEqual(['vault_token.deactivated', 'vault_token.used']);
    const used = events.find((e) => e.type === 'vault_token.used');
    expect(used?.data).toMatchObject({ vaultToken: { id: spent.id, status: 'consumed' }, forward: { status: 200 } });
    const deactivated = events.find((e) => e.type === 'vault_token.deactivated');
    expect(deactivated?.data).toMatchObject({ vaultToken: { id: revoked.id, deactivated_reason: 'revoked' } });
    expect(JSON.stringify(events)).not.toContain(VISA);
  });
});

describe('GET /v1/vault_tokens/:id', () => {
  it('answers the merchant and the agent platform that delegated it, and refuses a publishable key', async () => {
    const { id, allowance } = await newVaultToken();
    const byMerchant = (await (await read(id)).json()) as VaultTokenObject;
    expect(byMerchant).toMatchObject({
      id,
      object: 'vault_token',
      status: 'active',
      agent: 'agent',
      allowance: { max_amount: allowance.max_amount, currency: 'usd', merchant_id: 'demo' },
      card: { brand: 'visa', last4: '4242' },
    });
    expect(await (await read(id, AGENT_KEY)).json()).toEqual(byMerchant);
    await expectProblem(await read(id, DEMO_PK), 'wrong_key_type');
    await expectProblem(await read('vt_nope'), 'not_found');
  });
});
