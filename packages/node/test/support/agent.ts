// An agent platform, as the edge tests need one: it delegates a card to the tests' merchant the way the Agentic
// Commerce Protocol says (POST /agentic_commerce/delegate_payment with its `ak_` key), and answers the vault token.
// A plain fetch: @tessera/node is the merchant's client and has no call for this.
import { randomUUID } from 'node:crypto';
import { edge, randomPan } from './edge';

/** What the vault token's charges are checked against. */
export interface Allowance {
  max_amount: number;
  currency: string;
  checkout_session_id: string;
  merchant_id: string;
  expires_at: string;
}

/** Delegates a fresh card for at most `maxAmount` cents in usd, for one new checkout session, for an hour. */
export async function delegateCard(maxAmount = 2000) {
  const { origin, agentKey, merchantId } = edge();
  const number = randomPan();
  const allowance: Allowance = {
    max_amount: maxAmount,
    currency: 'usd',
    checkout_session_id: `csn_${randomUUID()}`,
    merchant_id: merchantId,
    expires_at: new Date(Date.now() + 3600_000).toISOString(),
  };
  const response = await fetch(`${origin}/agentic_commerce/delegate_payment`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${agentKey}`,
      'content-type': 'application/json',
      'api-version': '2026-04-17',
      'idempotency-key': randomUUID(),
    },
    body: JSON.stringify({
      payment_method: {
        type: 'card',
        card_number_type: 'fpan',
        number,
        exp_month: '12',
        exp_year: '2034',
        display_card_funding_type: 'credit',
        metadata: {},
      },
      allowance: { reason: 'one_time', ...allowance },
      risk_signals: [],
      metadata: { source: 'node-tests' },
    }),
  });
  const body = (await response.json()) as { id?: string };
  if (response.status !== 201 || typeof body.id !== 'string') {
    throw new Error(`delegate_payment answered ${response.status}: ${JSON.stringify(body)}`);
  }
  return { id: body.id, number, allowance };
}
