import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { logMark, logOf, wholeLog } from './support/demo-log';
import { EDGE, MERCHANT_SERVER, PROCESSOR } from './support/origins';
import { cardSecrets, findLeaks } from './support/recorder';
import { expect, test } from './support/test';

// Agent commerce through the real demo: the demo's agent script (`pnpm --filter @tessera/demo agent`, an agent
// platform) delegates a card to the edge for merchant `demo` and gets a vault token; the merchant server's
// POST /api/agent-charge charges it through the edge's POST /v1/forward; the mock processor charges the card the
// edge filled in, for the amount the edge checked against the allowance. The token pays once.

const demoDir = fileURLToPath(new URL('../../apps/demo/', import.meta.url));
const VISA = ['4242', '4242', '4242', '4242'].join('');
const secrets = cardSecrets(VISA, '123');

interface Allowance {
  max_amount: number;
  currency: string;
  checkout_session_id: string;
  merchant_id: string;
  expires_at: string;
}
interface AgentOutput {
  vaultToken: string;
  allowance: Allowance;
  charge?: { status: number; body: unknown };
}

/** Runs the demo's `agent` script (apps/demo/package.json) as a shopper's agent platform would, with `--json`. */
async function agent(...args: string[]): Promise<{ output: AgentOutput; stdout: string }> {
  const { stdout } = await promisify(execFile)(process.execPath, ['server/agent.mjs', '--json', ...args], {
    cwd: demoDir,
    env: { ...process.env, TESSERA_EDGE: EDGE, TESSERA_MERCHANT_PORT: new URL(MERCHANT_SERVER).port },
    timeout: 30_000,
  });
  return { output: JSON.parse(stdout) as AgentOutput, stdout };
}

/** What the agent hands the merchant: the vault token and its payment, possibly changed. */
const chargeOf = (output: AgentOutput, change: Record<string, unknown> = {}) => ({
  vaultToken: output.vaultToken,
  amount: output.allowance.max_amount,
  currency: output.allowance.currency,
  checkout_session_id: output.allowance.checkout_session_id,
  ...change,
});

async function agentCharge(body: unknown) {
  const response = await fetch(`${MERCHANT_SERVER}/api/agent-charge`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** The charges the mock processor accepted for this checkout session (its `reference`). */
async function processorCharges(checkoutSessionId: string) {
  const response = await fetch(`${PROCESSOR}/charges?reference=${encodeURIComponent(checkoutSessionId)}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { data: Record<string, unknown>[] }).data;
}

async function vaultToken(id: string) {
  const response = await fetch(`${EDGE}/v1/vault_tokens/${id}`, {
    headers: { authorization: 'Bearer sk_test_demo_local' },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, unknown>;
}

test("the agent script's vault token is charged once at the processor, and a second charge is refused", async () => {
  const mark = logMark();
  const { output, stdout } = await agent('--charge');
  expect(output.vaultToken).toMatch(/^vt_[\w-]{22}$/);
  expect(output.allowance).toMatchObject({ max_amount: 1999, currency: 'usd', merchant_id: 'demo' });
  const session = output.allowance.checkout_session_id;
  expect(output.charge).toEqual({
    status: 200,
    body: {
      vaultToken: output.vaultToken,
      charge: { id: expect.stringMatching(/^ch_[a-z]{16}$/), status: 'succeeded', amount: 1999, currency: 'usd' },
    },
  });
  const chargeId = (output.charge?.body as { charge: { id: string } } | undefined)?.charge.id ?? '';

  // The processor got one charge for this checkout session: the card the edge filled in (the agent's Visa, whole,
  // with its code) for exactly the amount and currency of the payment, which only the placeholders carried.
  const receipt = {
    id: chargeId,
    amount: 1999,
    currency: 'usd',
    reference: session,
    card: {
      bin: '424242',
      last4: '4242',
      length: 16,
      luhnValid: true,
      expMonth: 12,
      expYear: new Date().getUTCFullYear() + 3,
      cvc: { present: true, length: 3 },
    },
  };
  expect(await processorCharges(session)).toEqual([receipt]);

  // The same charge again: the edge refuses the spent token before it reads the card, and the processor sees nothing.
  const again = await agentCharge(chargeOf(output));
  expect(again).toMatchObject({
    status: 409,
    body: { error: { code: 'vault_token_consumed', message: expect.stringContaining('pays once') } },
  });
  expect(await processorCharges(session)).toEqual([receipt]);
  expect(await vaultToken(output.vaultToken)).toMatchObject({
    status: 'consumed',
    deactivated_reason: 'consumed',
    agent: 'agent',
    card: { brand: 'visa', last4: '4242' },
  });

  await logOf(
    mark,
    `agent charge ${output.vaultToken} ${chargeId} 1999 usd`,
    `charge ${chargeId} succeeded`,
    `agent charge ${output.vaultToken}: edge answered 409 vault_token_consumed`,
  );
  expect(findLeaks([stdout, JSON.stringify(again.body)], secrets)).toEqual([]);
  expect(findLeaks(wholeLog(), secrets)).toEqual([]);
});

test('a charge outside the allowance never reaches the processor, and the token stays usable', async () => {
  const { output } = await agent('--amount', '2500');
  expect(output.charge).toBeUndefined();
  const session = output.allowance.checkout_session_id;
  for (const [change, code] of [
    [{ amount: 2501 }, 'allowance_exceeded'],
    [{ currency: 'eur' }, 'allowance_currency_mismatch'],
    [{ checkout_session_id: 'csn_someone_else' }, 'allowance_session_mismatch'],
  ] as const) {
    const refused = await agentCharge(chargeOf(output, change));
    expect(refused, code).toMatchObject({ status: 400, body: { error: { code } } });
  }
  expect(await processorCharges(session)).toEqual([]);
  expect(await vaultToken(output.vaultToken)).toMatchObject({ status: 'active' });

  // Less than the allowance is fine: it is a maximum.
  const charged = await agentCharge(chargeOf(output, { amount: 2400 }));
  expect(charged.status).toBe(200);
  expect(await processorCharges(session)).toEqual([expect.objectContaining({ amount: 2400, reference: session })]);
});
