import { isTokenObject, type TokenObject } from '@tessera/protocol';
import { describe, expect, it } from 'vitest';
import {
  AMEX,
  call,
  createToken,
  DEMO_PK,
  DEMO_SK,
  deleteTokenCall,
  expectNothingWritten,
  expectProblem,
  fieldPageHeaders,
  futureYear,
  getToken,
  MASTERCARD,
  OTHER_PK,
  OTHER_SK,
  postToken,
  seal,
  VISA,
  validCard,
  vaultCounts,
} from '../../test/support/edge';
import { checkEdgeLogs } from '../../test/support/logs';

const CVC = '987';
// Test numbers of the lengths the BIN rule cares about (Luhn-valid; the made-up ones get their check digit below).
const DINERS_14 = '36227206271667';
const MAESTRO_12 = withCheckDigit('67590000000');
const MAESTRO_13 = withCheckDigit('675900000000');

/** Appends the Luhn check digit. */
function withCheckDigit(body: string): string {
  let sum = 0;
  for (const [i, d] of [...body].reverse().entries()) {
    const n = Number(d) * (i % 2 === 0 ? 2 : 1);
    sum += n > 9 ? n - 9 : n;
  }
  return body + String((10 - (sum % 10)) % 10);
}

// No card data, sealed blob or key in any line the edge logs (invariant 1).
checkEdgeLogs((line) => {
  expect(line).not.toContain(VISA);
  expect(line).not.toContain(MASTERCARD);
  expect(line).not.toContain('"cvc"');
  expect(line).not.toContain('eyJ'); // a JWE's protected header
  expect(line).not.toContain(DEMO_SK);
  expect(line).not.toContain(DEMO_PK);
});

/** Creates a token with the publishable key, then reads it whole with the secret key. */
async function created(card = validCard({ cvc: CVC }), keys = { pk: DEMO_PK, sk: DEMO_SK }): Promise<TokenObject> {
  const res = await createToken(card, fieldPageHeaders(keys.pk));
  expect(res.status).toBe(200);
  const { id } = (await res.json()) as { id: string };
  const token = await (await getToken(id, keys.sk)).json();
  expect(isTokenObject(token)).toBe(true);
  return token as TokenObject;
}

describe('the happy path: seal, create, read, delete', () => {
  it('creates a token and tells the publishable key only what a field page shows', async () => {
    const before = await vaultCounts('demo');
    const res = await createToken(validCard({ cvc: CVC, name: 'Ada Lovelace', postalCode: 'SW1A 1AA' }));
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toMatch(/^application\/json/);
    expect(res.headers.get('Request-Id')).toMatch(/^req_[\w-]{16}$/);
    const text = await res.text();
    for (const secret of [VISA, CVC, 'Ada Lovelace', 'SW1A']) expect(text).not.toContain(secret);
    // No fingerprint and no BIN: with the public key anyone could test guesses of a card's middle digits.
    expect(JSON.parse(text)).toEqual({
      id: expect.stringMatching(/^tok_[\w-]{22}$/),
      object: 'token',
      card: { brand: 'visa', last4: '4242', expMonth: 12, expYear: futureYear() },
    });
    const token = (await (await getToken((JSON.parse(text) as { id: string }).id)).json()) as TokenObject;
    expect(token).toEqual({
      id: expect.stringMatching(/^tok_[\w-]{22}$/),
      object: 'token',
      type: 'card',
      created: expect.any(Number),
      card: {
        brand: 'visa',
        last4: '4242',
        bin: '424242',
        expMonth: 12,
        expYear: futureYear(),
        fingerprint: expect.stringMatching(/^fp_[\w-]{22}$/),
      },
      cvc: 'present',
    });
    expect(Math.abs(token.created - Date.now() / 1000)).toBeLessThan(60);
    const after = await vaultCounts('demo');
    expect(after.tokens).toBe(before.tokens + 1);
    expect(after.events).toBe(before.events + 2); // the create, and the read just above
  });

  it('reads the token back with the secret key, masked; deletes it; then it is gone', async () => {
    const token = await created();
    const read = await getToken(token.id);
    expect(read.status).toBe(200);
    const readText = await read.text();
    expect(readText).not.toContain(VISA);
    expect(readText).not.toContain(CVC);
    expect(JSON.parse(readText)).toEqual(token);

    const del = await deleteTokenCall(token.id);
    expect(del.status).toBe(200);
    expect(await del.json()).toEqual({ id: token.id, object: 'token', deleted: true });

    await expectProblem(await getToken(token.id), 'not_found');
    await expectProblem(await deleteTokenCall(token.id), 'not_found');
  });

  it('audits create, read and delete with key id, client IP and request id, in the same vault', async () => {
    const res = await createToken(validCard(), { ...fieldPageHeaders(), 'CF-Connecting-IP': '203.0.113.7' });
    const token = (await res.json()) as { id: string };
    const requestId = res.headers.get('Request-Id');
    await getToken(token.id);
    await deleteTokenCall(token.id);
    const { runInDurableObject } = await import('cloudflare:test');
    const { env } = await import('cloudflare:workers');
    const events = await runInDurableObject(env.VAULT.get(env.VAULT.idFromName('demo')), (_, state) =>
      state.storage.sql
        .exec<{ action: string; key_id: string; client_ip: string | null; request_id: string }>(
          'SELECT action, key_id, client_ip, request_id FROM events WHERE token_id = ? ORDER BY seq',
          token.id,
        )
        .toArray(),
    );
    expect(events.map((e) => e.action)).toEqual(['token.created', 'token.read', 'token.deleted']);
    expect(events[0]).toMatchObject({ client_ip: '203.0.113.7', request_id: requestId });
    expect(events[0]!.key_id).toMatch(/^key_[0-9a-f]{16}$/);
    expect(events[1]!.key_id).not.toBe(events[0]!.key_id); // the secret key read it
    for (const e of events) expect(JSON.stringify(e)).not.toContain('test_demo');
  });

  it('gives equal cards equal fingerprints within a merchant, and other cards other ones', async () => {
    const a = await created(validCard({ number: MASTERCARD }));
    const { cvc: _, ...withoutCvc } = validCard({ number: MASTERCARD, expMonth: 3 });
    const b = await created(withoutCvc);
    const c = await created(validCard({ number: AMEX, cvc: '1234' }));
    expect(a.card.fingerprint).toBe(b.card.fingerprint);
    expect(c.card.fingerprint).not.toBe(a.card.fingerprint);
    expect(b.cvc).toBe('absent');
    expect(c.card).toMatchObject({ brand: 'amex', bin: '378282', last4: '0005' });
    expect(new Set([a.id, b.id, c.id]).size).toBe(3);
  });

  it.each([
    ['a 19-digit Discover', withCheckDigit('601100099013942400'), 'discover'],
    ['a 16-digit number', MASTERCARD, 'mastercard'],
    ['a 15-digit Amex', AMEX, 'amex'],
    ['a 14-digit Diners', DINERS_14, 'diners'],
    ['a 13-digit Maestro', MAESTRO_13, 'maestro'],
    ['a 12-digit Maestro', MAESTRO_12, 'maestro'],
  ])('shows at most six BIN digits of %s, and at least five hidden before the last four', async (_, number, brand) => {
    const token = await created(validCard({ number, cvc: brand === 'amex' ? '1234' : '123' }));
    expect(token.card.brand).toBe(brand);
    expect(number.startsWith(token.card.bin)).toBe(true);
    expect(token.card.last4).toBe(number.slice(-4));
    expect(token.card.bin.length).toBe(Math.min(6, number.length - 9));
    expect(number.length - token.card.bin.length - 4).toBeGreaterThanOrEqual(5);
  });

  it("gives another merchant's equal card another fingerprint", async () => {
    const ours = await created(validCard({ number: MASTERCARD }));
    const theirs = await created(validCard({ number: MASTERCARD }), { pk: OTHER_PK, sk: OTHER_SK });
    expect(theirs.card.fingerprint).not.toBe(ours.card.fingerprint);
  });

  it('keeps an expiresAt and shows it', async () => {
    const expiresAt = Math.floor(Date.now() / 1000) + 3600;
    const res = await postToken(JSON.stringify({ sealed: await seal(validCard()), expiresAt }));
    expect(res.status).toBe(200);
    const token = (await res.json()) as { id: string };
    expect(await (await getToken(token.id)).json()).toMatchObject({ expiresAt });
  });
});

describe('secret-key routes', () => {
  it("answer 404 for another merchant's token, as if it did not exist", async () => {
    const token = await created();
    await expectNothingWritten(async () => {
      await expectProblem(await getToken(token.id, OTHER_SK), 'not_found', { secrets: [VISA] });
      await expectProblem(await deleteTokenCall(token.id, OTHER_SK), 'not_found');
    });
    expect((await getToken(token.id)).status).toBe(200);
  });

  it('refuse a publishable key (403 wrong_key_type)', async () => {
    const token = await created();
    await expectNothingWritten(async () => {
      await expectProblem(await getToken(token.id, DEMO_PK), 'wrong_key_type');
      await expectProblem(await deleteTokenCall(token.id, DEMO_PK), 'wrong_key_type');
    });
    expect((await getToken(token.id)).status).toBe(200);
  });

  it('refuse a missing or unknown key (401)', async () => {
    const token = await created();
    await expectNothingWritten(async () => {
      await expectProblem(await call(`/v1/tokens/${token.id}`), 'unauthorized');
      await expectProblem(await getToken(token.id, 'sk_test_nobody'), 'unauthorized');
      await expectProblem(await deleteTokenCall(token.id, 'sk_test_nobody'), 'unauthorized');
    });
  });

  it('answer 404 for ids that are not token ids, without asking the vault', async () => {
    await expectNothingWritten(async () => {
      for (const id of ['nope', 'tok_short', `tok_${'a'.repeat(80)}`, 'tok_%00aaaaaaaaaaaaaaaaaaaaaaa']) {
        await expectProblem(await getToken(id), 'not_found');
      }
    });
  });
});

describe('Idempotency-Key', () => {
  const post = (body: string, key: string) => postToken(body, { ...fieldPageHeaders(), 'Idempotency-Key': key });

  it('replays the first result for the same key and the same bytes, writing no second token', async () => {
    const body = JSON.stringify({ sealed: await seal(validCard()) });
    const first = await post(body, 'order-1001');
    expect(first.status).toBe(200);
    const token = await first.json();
    const before = await vaultCounts('demo');
    const again = await post(body, 'order-1001');
    expect(again.status).toBe(200);
    expect(again.headers.get('Idempotent-Replayed')).toBe('true');
    expect(await again.json()).toEqual(token);
    const after = await vaultCounts('demo');
    expect(after.tokens).toBe(before.tokens);
    expect(after.events).toBe(before.events + 1); // the replay is audited
  });

  it('refuses the same key with another body (409), writing no token', async () => {
    const first = await post(JSON.stringify({ sealed: await seal(validCard()) }), 'order-1002');
    expect(first.status).toBe(200);
    const before = await vaultCounts('demo');
    // The same card sealed again is other bytes: "same body" means the same request bytes.
    const res = await post(JSON.stringify({ sealed: await seal(validCard()) }), 'order-1002');
    await expectProblem(res, 'idempotency_conflict', { secrets: [VISA] });
    expect((await vaultCounts('demo')).tokens).toBe(before.tokens);
  });

  it('serves concurrent duplicates one after another: one token, one answer', async () => {
    const body = JSON.stringify({ sealed: await seal(validCard()) });
    const before = await vaultCounts('demo');
    const responses = await Promise.all(Array.from({ length: 8 }, () => post(body, 'order-1003')));
    const tokens = await Promise.all(responses.map((r) => r.json() as Promise<TokenObject>));
    expect(responses.map((r) => r.status)).toEqual(Array(8).fill(200));
    expect(new Set(tokens.map((t) => t.id)).size).toBe(1);
    expect((await vaultCounts('demo')).tokens).toBe(before.tokens + 1);
  });

  it('is scoped to the merchant: the same key with another body is no conflict for another merchant', async () => {
    const ours = await post(JSON.stringify({ sealed: await seal(validCard()) }), 'order-1004');
    const body = JSON.stringify({ sealed: await seal(validCard(), { pk: OTHER_PK }) });
    const theirs = await postToken(body, { ...fieldPageHeaders(OTHER_PK), 'Idempotency-Key': 'order-1004' });
    expect(ours.status).toBe(200);
    expect(theirs.status).toBe(200);
    expect(((await ours.json()) as TokenObject).id).not.toBe(((await theirs.json()) as TokenObject).id);
  });

  it('keeps no copy of a deleted token: a replay answers 404, creates nothing, and the stored result is blank', async () => {
    const body = JSON.stringify({ sealed: await seal(validCard({ cvc: CVC })) });
    const first = await post(body, 'order-1005');
    const { id } = (await first.json()) as { id: string };
    expect((await deleteTokenCall(id)).status).toBe(200);
    const before = await vaultCounts('demo');
    await expectProblem(await post(body, 'order-1005'), 'not_found');
    expect((await vaultCounts('demo')).tokens).toBe(before.tokens);
    const { runInDurableObject } = await import('cloudflare:test');
    const { env } = await import('cloudflare:workers');
    const rows = await runInDurableObject(env.VAULT.get(env.VAULT.idFromName('demo')), (_, state) =>
      state.storage.sql.exec("SELECT result FROM idempotency WHERE key = 'order-1005'").toArray(),
    );
    expect(rows).toEqual([{ result: '{"erased":true}' }]);
  });

  it('refuses a malformed key (400 invalid_request), writing nothing', async () => {
    const body = JSON.stringify({ sealed: await seal(validCard()) });
    const res = await expectNothingWritten(() => post(body, 'x'.repeat(256)));
    await expectProblem(res, 'invalid_request', { param: 'Idempotency-Key' });
  });
});
