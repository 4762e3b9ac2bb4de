// The demo's mock processor, over real HTTP. Card numbers are assembled here so that no source file holds one whole.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { charge, chargeReceipt, createMockProcessor, luhnValid } from './mock-processor.mjs';
import { DECLINES, declineFor } from './mock-processor-declines.mjs';

const VISA = ['4242', '4242', '4242', '4242'].join('');
/** The processors' test Visas: 4000 0000 0000 and four digits. */
const testVisa = (/** @type {string} */ last4) => ['4000', '0000', '0000', last4].join('');
/**
 * Each declining test card and the answer processors give it: [last 4, code, decline code, message].
 * @type {[string, string, string, string][]}
 */
const DECLINING = [
  ['0002', 'card_declined', 'generic_decline', 'Your card was declined.'],
  ['9995', 'card_declined', 'insufficient_funds', 'Your card has insufficient funds.'],
  ['9987', 'card_declined', 'lost_card', 'Your card was declined.'],
  ['0069', 'expired_card', 'expired_card', 'Your card has expired.'],
  ['0127', 'incorrect_cvc', 'incorrect_cvc', "Your card's security code is incorrect."],
  [
    '0119',
    'processing_error',
    'processing_error',
    'An error occurred while processing your card. Try again in a little bit.',
  ],
];
const future = new Date().getUTCFullYear() + 2;
/** @type {string[]} */
const logs = [];
const processor = createMockProcessor({ log: (line) => logs.push(line) });
let url = '';

before(async () => {
  await new Promise((resolve) => processor.listen(0, '127.0.0.1', () => resolve(undefined)));
  url = `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (processor.address()).port}`;
});
after(() => processor.close());

/** @param {unknown} body */
const post = async (body, path = '/charge') => {
  const response = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: /** @type {any} */ (await response.json()) };
};

const good = { number: VISA, expMonth: 12, expYear: future, cvc: '123', amount: 1999, currency: 'usd' };
/** @param {string} path */
const get = async (path, method = 'GET') => {
  const response = await fetch(`${url}${path}`, { method });
  return { status: response.status, text: await response.text() };
};

describe('mock processor', () => {
  it('charges a valid card and echoes its number back, logging only the last four digits', async () => {
    logs.length = 0;
    const { status, body } = await post(good);
    assert.equal(status, 200);
    assert.match(body.id, /^ch_[a-z]{16}$/);
    assert.equal(body.status, 'succeeded');
    assert.deepEqual(body.card, { number: VISA, last4: '4242' });
    assert.deepEqual(logs, [`charge ${body.id} succeeded: card ending 4242`]);
  });

  it('declines a number failing Luhn and an expired card (402), refuses missing fields (400)', async () => {
    logs.length = 0;
    assert.equal((await post({ ...good, number: `${VISA.slice(0, -1)}1` })).body.error.code, 'incorrect_number');
    assert.equal((await post({ ...good, expYear: 2001 })).status, 402);
    for (const bad of [{}, { ...good, number: undefined }, { ...good, amount: 0 }, { ...good, cvc: '12' }]) {
      assert.equal((await post(bad)).status, 400);
    }
    assert.equal((await post('{oops')).status, 400);
    assert.equal((await post(good, '/refund')).status, 404);
    for (const line of logs) assert.ok(!line.includes(VISA.slice(0, 12)));
  });

  for (const [last4, code, declineCode, message] of DECLINING) {
    it(`declines test card …${last4}: 402 ${code} ${declineCode}, never echoing the number`, async () => {
      logs.length = 0;
      const number = testVisa(last4);
      const response = await fetch(`${url}/charge`, { method: 'POST', body: JSON.stringify({ ...good, number }) });
      const text = await response.text();
      assert.equal(response.status, 402);
      assert.deepEqual(JSON.parse(text), {
        error: { type: 'card_error', code, decline_code: declineCode, message },
      });
      assert.ok(!/\d{5}/.test(text), text);
      assert.deepEqual(logs, [`charge refused: 402 ${code}`]);
      // Declined with or without a security code, whatever the (future) expiry.
      const { cvc: _, ...noCvc } = good;
      assert.equal(charge({ ...noCvc, number, expMonth: 1, expYear: future + 5 }).status, 402);
    });
  }

  it('keeps the declining cards in one table, exactly these, and charges any other test card', async () => {
    assert.deepEqual(
      DECLINES.map((d) => [d.last4, d.code, d.declineCode, d.message]),
      DECLINING,
    );
    assert.equal(declineFor(testVisa('0002').slice(1)), undefined);
    for (const number of [testVisa('0077'), VISA]) {
      const { status, body } = await post({ ...good, number });
      assert.equal(status, 200, number.slice(-4));
      assert.equal(body.status, 'succeeded');
      assert.match(body.id, /^ch_[a-z]{16}$/);
    }
  });

  it('answers request errors and card errors with their type', async () => {
    assert.equal((await post({})).body.error.type, 'invalid_request_error');
    assert.equal((await post('{oops')).body.error.type, 'invalid_request_error');
    assert.equal((await post(good, '/refund')).body.error.type, 'invalid_request_error');
    assert.deepEqual((await post({ ...good, expYear: 2001 })).body, {
      error: {
        type: 'card_error',
        code: 'expired_card',
        decline_code: 'expired_card',
        message: 'Your card has expired.',
      },
    });
  });

  it('checks Luhn and works without a CVC', () => {
    assert.equal(luhnValid(VISA), true);
    assert.equal(luhnValid(`${VISA.slice(0, -1)}3`), false);
    const { cvc: _, ...noCvc } = good;
    assert.equal(charge(noCvc).status, 200);
  });

  it('tells what an accepted charge carried, by its id, never the number or the code', async () => {
    logs.length = 0;
    const { body } = await post(good);
    const { status, text } = await get(`/charges/${body.id}`);
    assert.equal(status, 200);
    assert.deepEqual(JSON.parse(text), {
      id: body.id,
      amount: 1999,
      currency: 'usd',
      card: {
        bin: '424242',
        last4: '4242',
        length: 16,
        luhnValid: true,
        expMonth: 12,
        expYear: future,
        cvc: { present: true, length: 3 },
      },
    });
    assert.ok(!text.includes(VISA.slice(0, 12)) && !text.includes('"123"'));
    const { cvc: _, ...noCvc } = good;
    const without = await post(noCvc);
    assert.deepEqual(JSON.parse((await get(`/charges/${without.body.id}`)).text).card.cvc, {
      present: false,
      length: 0,
    });
    assert.equal((await get('/charges/ch_abcdefghijklmnop')).status, 404);
    assert.equal((await get(`/charges/${body.id}`, 'DELETE')).status, 405);
    assert.equal(logs.length, 2);
    for (const line of logs) assert.ok(!line.includes(VISA.slice(0, 12)));
  });

  it('lists the accepted charges that carried a reference, and refuses a reference that is not an id', async () => {
    const reference = `csn_${Date.now()}`;
    const first = await post({ ...good, reference });
    assert.equal(first.status, 200);
    assert.equal(first.body.reference, reference);
    await post(good);
    await post({ ...good, number: testVisa('0002'), reference });
    const { status, text } = await get(`/charges?reference=${reference}`);
    assert.equal(status, 200);
    const list = JSON.parse(text);
    assert.deepEqual(
      list.data.map((/** @type {{ id: string, reference: string, amount: number }} */ r) => [
        r.id,
        r.reference,
        r.amount,
      ]),
      [[first.body.id, reference, 1999]],
    );
    assert.deepEqual(JSON.parse((await get('/charges?reference=csn_none')).text), { object: 'list', data: [] });
    assert.equal((await get('/charges')).status, 400);
    assert.equal((await get('/charges?reference=a%20b')).status, 400);
    assert.equal((await get(`/charges?reference=${reference}`, 'POST')).status, 405);
    for (const bad of [42, '', 'a"b', 'x'.repeat(257)]) {
      assert.equal((await post({ ...good, reference: bad })).status, 400, JSON.stringify(bad));
    }
  });

  it('keeps the receipts of the last charges only', async () => {
    const small = createMockProcessor({ log: () => {}, keep: 2 });
    await new Promise((resolve) => small.listen(0, '127.0.0.1', () => resolve(undefined)));
    const base = `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (small.address()).port}`;
    try {
      const ids = [];
      for (let i = 0; i < 3; i += 1) {
        const response = await fetch(`${base}/charge`, { method: 'POST', body: JSON.stringify(good) });
        ids.push(/** @type {{ id: string }} */ (await response.json()).id);
      }
      const statuses = await Promise.all(ids.map(async (id) => (await fetch(`${base}/charges/${id}`)).status));
      assert.deepEqual(statuses, [404, 200, 200]);
    } finally {
      small.close();
    }
  });

  it('builds a receipt from what it was sent', () => {
    const { cvc: _, ...noCvc } = good;
    const accepted = {
      id: 'ch_x',
      status: /** @type {const} */ ('succeeded'),
      amount: 1999,
      currency: 'usd',
      card: { number: VISA, last4: '4242' },
    };
    assert.deepEqual(chargeReceipt(accepted, { ...noCvc, number: `${VISA.slice(0, -1)}1` }).card, {
      bin: '424242',
      last4: '4241',
      length: 16,
      luhnValid: false,
      expMonth: 12,
      expYear: future,
      cvc: { present: false, length: 0 },
    });
  });
});
