import { describe, expect, it } from 'vitest';
import { delegate, delegateBody, examples } from '../../test/support/agents';
import { DEMO_PK, DEMO_SK, OTHER_SK, VISA } from '../../test/support/edge';

/** A request body as a client may get it wrong. */
type Loose = Record<string, unknown>;

// POST /agentic_commerce/delegate_payment as the Agentic Commerce Protocol (2026-04-17) specifies it: every
// answer is held to the spec's own JSON schema (test/support/agents.ts), and each published example replayed.

describe('delegate_payment', () => {
  it('vaults the published example request and answers 201 { id: vt_…, created, metadata }', async () => {
    const { status, json, res } = await delegate(delegateBody(), { idempotencyKey: 'idem-example-1' });
    expect(status).toBe(201);
    expect(json.id).toMatch(/^vt_[A-Za-z0-9_-]{22}$/);
    expect(Date.parse(String(json.created))).toBeGreaterThan(Date.now() - 60_000);
    expect(json.metadata).toEqual({
      ...examples.delegate_payment_request.metadata,
      merchant_id: 'demo',
      idempotency_key: 'idem-example-1',
    });
    expect(res.headers.get('Idempotent-Replayed')).toBeNull();
    expect(JSON.stringify(json)).not.toContain(VISA);
  });

  it('replays the first answer for the same key and bytes, marked Idempotent-Replayed', async () => {
    const body = delegateBody();
    const first = await delegate(body, { idempotencyKey: 'idem-replay' });
    const again = await delegate(body, { idempotencyKey: 'idem-replay' });
    expect(again.status).toBe(201);
    expect(again.json).toEqual(first.json);
    expect(again.res.headers.get('Idempotent-Replayed')).toBe('true');
  });

  it('answers the published idempotency_conflict for the same key with another body: 422', async () => {
    await delegate(delegateBody(), { idempotencyKey: 'idem-conflict' });
    const { status, json } = await delegate(delegateBody(), { idempotencyKey: 'idem-conflict' });
    expect(status).toBe(422);
    expect(json).toEqual(examples.delegate_payment_error_idempotency_conflict);
  });

  it('answers the published idempotency_in_flight with Retry-After while the first is running: 409', async () => {
    const body = delegateBody();
    const answers = await Promise.all([1, 2, 3].map(() => delegate(body, { idempotencyKey: 'idem-in-flight' })));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(1);
    const refused = answers.filter((a) => a.status === 409);
    for (const { json, res } of refused) {
      expect(json).toEqual(examples.delegate_payment_error_idempotency_in_flight);
      expect(res.headers.get('Retry-After')).toMatch(/^\d+$/);
    }
    // Whatever raced, one vault token came of it.
    expect(new Set(answers.filter((a) => a.status === 201).map((a) => a.json.id)).size).toBe(1);
  });

  it('answers the published idempotency_key_required without the header: 400', async () => {
    const { status, json } = await delegate(delegateBody(), { idempotencyKey: null });
    expect(status).toBe(400);
    expect(json).toEqual(examples.delegate_payment_error_idempotency_key_required);
  });

  it.each([null, '2025-09-29', 'latest'])('refuses API-Version %s naming the supported versions', async (version) => {
    const { status, json } = await delegate(delegateBody(), { version });
    expect(status).toBe(400);
    expect(json).toMatchObject({
      type: 'invalid_request',
      code: 'unsupported_api_version',
      supported_versions: ['2026-04-17'],
    });
  });

  it.each([
    [null, 401, 'unauthorized'],
    ['ak_test_unknown', 401, 'unauthorized'],
    [DEMO_SK, 403, 'wrong_key_type'],
    [DEMO_PK, 403, 'wrong_key_type'],
  ])('refuses the key %s with %i %s', async (key, status, code) => {
    const answer = await delegate(delegateBody(), { key });
    expect([answer.status, answer.json.code, answer.json.type]).toEqual([status, code, 'invalid_request']);
  });

  it('answers the published invalid_card naming payment_method.number for a number failing Luhn: 422', async () => {
    const { status, json } = await delegate(
      delegateBody((b) => {
        b.payment_method.number = '4242424242424241';
      }),
    );
    expect(status).toBe(422);
    expect(json).toMatchObject({ type: 'invalid_request', code: 'invalid_card', param: 'payment_method.number' });
    expect(JSON.stringify(json)).not.toContain('4242424242424241');
  });

  it.each([
    [
      'an expired card',
      (b: ReturnType<typeof delegateBody>) => {
        b.payment_method.exp_year = '2020';
      },
      'payment_method.exp_year',
    ],
    [
      'a short CVC',
      (b: ReturnType<typeof delegateBody>) => {
        b.payment_method.cvc = '1';
      },
      'payment_method.cvc',
    ],
    [
      'a network token',
      (b: ReturnType<typeof delegateBody>) => {
        b.payment_method.card_number_type = 'network_token';
      },
      'payment_method.card_number_type',
    ],
  ])('refuses %s as invalid_card naming the field', async (_what, change, param) => {
    const { status, json } = await delegate(delegateBody(change));
    expect([status, json.code, json.param]).toEqual([422, 'invalid_card', param]);
  });

  it.each([
    [
      'a merchant that does not accept this platform',
      (b: ReturnType<typeof delegateBody>) => {
        b.allowance.merchant_id = 'other';
      },
      'allowance.merchant_id',
    ],
    [
      'a merchant that does not exist',
      (b: ReturnType<typeof delegateBody>) => {
        b.allowance.merchant_id = 'acme_store';
      },
      'allowance.merchant_id',
    ],
    [
      'an allowance already expired',
      (b: ReturnType<typeof delegateBody>) => {
        b.allowance.expires_at = '2025-10-09T07:20:50.52Z';
      },
      'allowance.expires_at',
    ],
    [
      'an allowance longer than the merchant allows',
      (b: ReturnType<typeof delegateBody>) => {
        b.allowance.expires_at = new Date(Date.now() + 30 * 86400_000).toISOString();
      },
      'allowance.expires_at',
    ],
    [
      'a currency that is no ISO 4217 code',
      (b: ReturnType<typeof delegateBody>) => {
        b.allowance.currency = 'xyz';
      },
      'allowance.currency',
    ],
    [
      'a zero amount',
      (b: ReturnType<typeof delegateBody>) => {
        b.allowance.max_amount = 0;
      },
      'allowance.max_amount',
    ],
  ])('refuses %s as invalid_allowance', async (_what, change, param) => {
    const { status, json } = await delegate(delegateBody(change));
    expect([status, json.code, json.param]).toEqual([422, 'invalid_allowance', param]);
  });

  it.each([
    [
      'an upper-case currency',
      (b: Loose) => {
        (b.allowance as Loose).currency = 'USD';
      },
      'allowance.currency',
    ],
    [
      'a missing allowance',
      (b: Loose) => {
        delete b.allowance;
      },
      '',
    ],
    [
      'an unknown member',
      (b: Loose) => {
        b.extra = 1;
      },
      '',
    ],
  ])('refuses %s against the spec schema: 400', async (_what, change, param) => {
    const { status, json } = await delegate(delegateBody(change as never));
    expect(status).toBe(400);
    if (param) expect(json.param).toBe(param);
  });

  it('refuses a body that is not JSON, and another media type', async () => {
    expect((await delegate(null, { raw: '{"payment_method":' })).status).toBe(400);
    const { status } = await delegate(delegateBody(), { headers: { 'Content-Type': 'text/plain' } });
    expect(status).toBe(415);
  });

  it('refuses another merchant key even for a merchant that exists', async () => {
    const { status } = await delegate(delegateBody(), { key: OTHER_SK });
    expect(status).toBe(403);
  });
});
