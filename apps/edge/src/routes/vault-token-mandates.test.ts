import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import type { ApiErrorCode, VaultTokenObject } from '@tessera/protocol';
import { beforeAll, describe, expect, it } from 'vitest';
import { newVaultToken } from '../../test/support/agents';
import { call, DEMO_SK, expectProblem, VISA } from '../../test/support/edge';
import { forwardWithEnv, peerId, peerUrl, received } from '../../test/support/forward';
import {
  bindMandate,
  issueMandate,
  type MandateParts,
  mandateEnv,
  mandateId,
  newKeyPair,
  nowSeconds,
  paymentMandate,
  presentMandate,
} from '../../test/support/mandates';

// AP2 Payment Mandates on a vault token's charge: merchant `demo` requires one, its agent platforms' mandate
// issuers sign them, the agent binds each to the charge, and the vault accepts each mandate once. Every refusal
// sends nothing, leaves the token usable, consumes no mandate, and is audited with its code.

type VaultToken = Awaited<ReturnType<typeof newVaultToken>>;

let issuer: CryptoKeyPair;
let second: CryptoKeyPair;
let holder: CryptoKeyPair;
let bindings: Partial<Env>;

beforeAll(async () => {
  [issuer, second, holder] = await Promise.all([newKeyPair(), newKeyPair(), newKeyPair()]);
  bindings = await mandateEnv(issuer, second);
});

/** A mandate for the whole allowance of `token`, issued by the local platform and bound to its checkout. */
function partsFor(token: VaultToken): MandateParts {
  return {
    claims: paymentMandate(token.id, token.allowance.max_amount),
    issuer,
    holder,
    binding: { aud: 'demo', nonce: token.allowance.checkout_session_id },
  };
}

/** A charge of the whole allowance at the recording peer, with `mandate` when given. */
function chargeOf(token: VaultToken, path: string, mandate?: string) {
  return {
    token: token.id,
    payment: {
      amount: token.allowance.max_amount,
      currency: token.allowance.currency,
      checkout_session_id: token.allowance.checkout_session_id,
      ...(mandate === undefined ? {} : { mandate }),
    },
    request: {
      url: peerUrl(path),
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"number":"{{card.number}}","amount":{{payment.amount}},"currency":"{{payment.currency}}"}',
    },
  };
}

const charge = (token: VaultToken, path: string, mandate?: string, options: { idempotencyKey?: string } = {}) =>
  forwardWithEnv(bindings, chargeOf(token, path, mandate), options);

const statusOf = async (id: string) =>
  (
    (await (
      await call(`/v1/vault_tokens/${id}`, { headers: { Authorization: `Bearer ${DEMO_SK}` } })
    ).json()) as VaultTokenObject
  ).status;

const demoVault = () => env.VAULT.get(env.VAULT.idFromName('demo'));

/** The mandates the demo vault accepted, by id. */
const accepted = (id: string) =>
  runInDurableObject(demoVault(), (_i, state) =>
    state.storage.sql.exec<{ vault_token_id: string }>('SELECT * FROM mandates WHERE id = ?', id).toArray(),
  );

/** The refusals audited for a vault token: their codes. */
const refusals = (id: string) =>
  runInDurableObject(demoVault(), (_i, state) =>
    state.storage.sql
      .exec<{ detail: string; outcome: string }>(
        "SELECT detail, outcome FROM events WHERE token_id = ? AND action = 'vault_token.refused' ORDER BY seq",
        id,
      )
      .toArray(),
  );

/** Takes apart the issuer JWT of a compact mandate, changes its payload and puts it back with the old signature. */
function tamperPayload(compact: string, change: Record<string, unknown>): string {
  const [jwt = '', ...rest] = compact.split('~');
  const [header, payload, signature] = jwt.split('.');
  const decoded = JSON.parse(atob((payload ?? '').replace(/-/g, '+').replace(/_/g, '/'))) as Record<string, unknown>;
  const encoded = btoa(JSON.stringify({ ...decoded, ...change }))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
  return [`${header}.${encoded}.${signature}`, ...rest].join('~');
}

/** Expects a refusal with `code` that sent nothing, consumed nothing and left the token active and audited. */
async function expectRefused(token: VaultToken, mandate: string | undefined, code: ApiErrorCode) {
  const id = mandate === undefined ? undefined : await mandateId(mandate);
  const before = id === undefined ? [] : await accepted(id);
  const peer = peerId();
  await expectProblem(await charge(token, `/echo/${peer}`, mandate), code, { secrets: [VISA] });
  expect(await received(peer)).toEqual([]);
  expect(await statusOf(token.id)).toBe('active');
  if (id !== undefined) expect(await accepted(id)).toEqual(before);
  expect((await refusals(token.id)).at(-1)).toEqual({ detail: code, outcome: 'refused' });
}

describe('a charge with an AP2 Payment Mandate', () => {
  it('is charged once with a valid mandate, and the same mandate on another vault token is a replay', async () => {
    const token = await newVaultToken();
    const credential = await issueMandate(partsFor(token));
    const mandate = await bindMandate(credential, partsFor(token));
    const peer = peerId();
    expect((await charge(token, `/echo/${peer}`, mandate)).status).toBe(200);
    const [sent] = await received(peer);
    expect(JSON.parse(sent?.body ?? '{}')).toEqual({
      number: VISA,
      amount: token.allowance.max_amount,
      currency: 'usd',
    });
    expect(await statusOf(token.id)).toBe('consumed');
    expect(await accepted(await mandateId(mandate))).toEqual([expect.objectContaining({ vault_token_id: token.id })]);

    // The same presentation for a second vault token of the same checkout: its key binding still holds.
    const twin = await newVaultToken((body) => {
      body.allowance.checkout_session_id = token.allowance.checkout_session_id;
    });
    await expectRefused(twin, mandate, 'mandate_replayed');
    // The same issued mandate bound afresh by the agent for another vault token's checkout.
    const other = await newVaultToken();
    const rebound = await bindMandate(credential, {
      ...partsFor(token),
      binding: { aud: 'demo', nonce: other.allowance.checkout_session_id },
    });
    expect(await mandateId(rebound)).toBe(await mandateId(mandate));
    await expectRefused(other, rebound, 'mandate_replayed');
    // Word for word on that other checkout, its key binding names the first one.
    await expectRefused(other, mandate, 'invalid_mandate');
    expect(await received(peer)).toHaveLength(1);
  });

  it('spends the mandate even when the destination declines, so a retry needs a new one', async () => {
    const token = await newVaultToken();
    const mandate = await presentMandate(partsFor(token));
    expect((await charge(token, `/status/402/${peerId()}`, mandate)).status).toBe(200);
    expect(await statusOf(token.id)).toBe('active');
    await expectRefused(token, mandate, 'mandate_replayed');
    expect((await charge(token, `/echo/${peerId()}`, await presentMandate(partsFor(token)))).status).toBe(200);
  });

  it('answers an Idempotency-Key replay as the first time, without judging the mandate again', async () => {
    const token = await newVaultToken();
    const mandate = await presentMandate(partsFor(token));
    const peer = peerId();
    const key = crypto.randomUUID();
    expect((await charge(token, `/echo/${peer}`, mandate, { idempotencyKey: key })).status).toBe(200);
    const again = await charge(token, `/echo/${peer}`, mandate, { idempotencyKey: key });
    expect(again.status).toBe(200);
    expect(again.headers.get('Idempotent-Replayed')).toBe('true');
    expect(await received(peer)).toHaveLength(1);
  });

  it('is required when the merchant requires it, and checked whenever one is given', async () => {
    const token = await newVaultToken();
    await expectRefused(token, undefined, 'mandate_required');
    const optional = await mandateEnv(issuer, second, false);
    const bad = await presentMandate({ ...partsFor(token), issuer: holder });
    const peer = peerId();
    await expectProblem(await forwardWithEnv(optional, chargeOf(token, `/echo/${peer}`, bad)), 'invalid_mandate');
    expect(await received(peer)).toEqual([]);
    expect((await forwardWithEnv(optional, chargeOf(token, `/echo/${peer}`))).status).toBe(200);
  });

  it('accepts constraints it can evaluate when the charge meets them', async () => {
    const token = await newVaultToken();
    const parts = partsFor(token);
    parts.claims.constraints = [
      { type: 'payment.amount_range', currency: 'USD', max: token.allowance.max_amount, min: 1 },
      { type: 'payment.allowed_payees', allowed: [{ id: 'demo', name: 'Demo Merchant' }] },
      { type: 'payment.allowed_payment_instruments', allowed: [{ id: token.id, type: 'card' }] },
      { type: 'payment.execution_date', not_before: '2020-01-01T00:00:00Z', not_after: '2999-12-31T23:59:59Z' },
    ];
    expect((await charge(token, `/echo/${peerId()}`, await presentMandate(parts))).status).toBe(200);
  });
});

describe('a charge with a bad mandate', () => {
  /** What a test changes in a good mandate's parts, given the token it is for. */
  type Spoil = (token: VaultToken) => Partial<MandateParts> | Promise<Partial<MandateParts>>;
  const claims =
    (change: (token: VaultToken) => Record<string, unknown>): Spoil =>
    (token) => ({ claims: { ...partsFor(token).claims, ...change(token) } });
  /** A key binding with some members changed; `age` sets its `iat` that many seconds before the charge. */
  const binding =
    ({ age = 0, ...change }: Partial<{ aud: string; nonce: string; age: number }>): Spoil =>
    (token) => ({
      binding: { aud: 'demo', nonce: token.allowance.checkout_session_id, iat: nowSeconds() - age, ...change },
    });
  const amount = (t: VaultToken) => t.allowance.max_amount;

  it.each<[string, Spoil, ApiErrorCode]>([
    ['signed by a key no platform has', async () => ({ issuer: await newKeyPair() }), 'invalid_mandate'],
    ["signed by another platform's issuer than the token's", () => ({ issuer: second }), 'invalid_mandate'],
    ['without a key binding', () => ({ binding: null }), 'invalid_mandate'],
    ['bound by a key other than its cnf', async () => ({ binder: await newKeyPair() }), 'invalid_mandate'],
    ['bound to another merchant', binding({ aud: 'other' }), 'invalid_mandate'],
    ['bound to another checkout', binding({ nonce: 'csn_other' }), 'invalid_mandate'],
    ['bound more than 5 minutes ago', binding({ age: 301 }), 'invalid_mandate'],
    ['bound more than 5 minutes ahead', binding({ age: -301 }), 'invalid_mandate'],
    ['expired', claims(() => ({ exp: nowSeconds() - 120 })), 'invalid_mandate'],
    ['of another type (an open mandate)', claims(() => ({ vct: 'mandate.payment.open.1' })), 'invalid_mandate'],
    ['without a transaction_id', claims(() => ({ transaction_id: undefined })), 'invalid_mandate'],
    [
      'with a lower-case currency',
      claims((t) => ({ payment_amount: { amount: amount(t), currency: 'usd' } })),
      'invalid_mandate',
    ],
    ['for another payee', claims(() => ({ payee: { id: 'other', name: 'Other' } })), 'mandate_mismatch'],
    [
      'for another amount',
      claims((t) => ({ payment_amount: { amount: amount(t) - 1, currency: 'USD' } })),
      'mandate_mismatch',
    ],
    [
      'in another currency',
      claims((t) => ({ payment_amount: { amount: amount(t), currency: 'EUR' } })),
      'mandate_mismatch',
    ],
    [
      'for another instrument',
      claims(() => ({ payment_instrument: { id: 'vt_AAAAAAAAAAAAAAAAAAAAAA', type: 'card' } })),
      'mandate_mismatch',
    ],
    [
      'for its token as another kind of instrument',
      claims((t) => ({ payment_instrument: { id: t.id, type: 'dpc' } })),
      'mandate_mismatch',
    ],
    [
      'dated for tomorrow',
      claims(() => ({ execution_date: new Date(Date.now() + 86_400_000).toISOString() })),
      'mandate_mismatch',
    ],
    [
      'with a constraint it breaks',
      claims(() => ({ constraints: [{ type: 'payment.amount_range', currency: 'USD', max: 1 }] })),
      'mandate_mismatch',
    ],
    [
      'with an unknown constraint',
      claims(() => ({ constraints: [{ type: 'example.loyalty_points', min: 10 }] })),
      'mandate_constraint_unsupported',
    ],
    [
      'with a budget it cannot track',
      claims(() => ({ constraints: [{ type: 'payment.budget', max: 5000, currency: 'USD' }] })),
      'mandate_constraint_unsupported',
    ],
  ])('refuses one %s', async (_what, spoil, code) => {
    const token = await newVaultToken();
    await expectRefused(token, await presentMandate({ ...partsFor(token), ...(await spoil(token)) }), code);
    // The refusal took nothing away: a good mandate still charges the token.
    expect((await charge(token, `/echo/${peerId()}`, await presentMandate(partsFor(token)))).status).toBe(200);
  });

  it.each<[string, (compact: string) => string]>([
    ['a payload changed after signing', (m) => tamperPayload(m, { iss: 'https://attacker.example' })],
    ['a claim added after signing', (m) => tamperPayload(m, { payment_amount: { amount: 1, currency: 'USD' } })],
    [
      'a disclosure replaced',
      (m) => {
        const parts = m.split('~');
        parts[2] = btoa(JSON.stringify(['salt', 'payment_amount', { amount: 1, currency: 'USD' }])).replace(/=+$/, '');
        return parts.join('~');
      },
    ],
    [
      'a disclosure given twice',
      (m) => {
        const parts = m.split('~');
        return [parts[0], parts[1], ...parts.slice(1)].join('~');
      },
    ],
    [
      'a disclosure taken out',
      (m) => {
        const parts = m.split('~');
        return [parts[0], ...parts.slice(2)].join('~');
      },
    ],
    ['garbage', () => 'not.a.mandate~'],
  ])('refuses one with %s as invalid', async (_what, tamper) => {
    const token = await newVaultToken();
    await expectRefused(token, tamper(await presentMandate(partsFor(token))), 'invalid_mandate');
  });
});
