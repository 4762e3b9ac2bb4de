// forward() against the real edge and a stand-in processor: the card goes to the processor, the answer comes back
// masked, and a retry after a lost answer never charges twice.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { TesseraApiError } from '../../src/index';
import { client, createToken, edge, received } from '../support/edge';

const template = '{"number":"{{card.number}}","expMonth":{{card.expMonth}},"expYear":{{card.expYear}}}';

function charge(token: string, id: string) {
  return {
    token,
    request: {
      url: `${edge().processor}/charge/${id}`,
      method: 'POST' as const,
      headers: { 'content-type': 'application/json' },
      body: template,
    },
  };
}

describe('forward', () => {
  it('sends the card to the processor and answers its response with the number masked', async () => {
    const { id: token, card } = await createToken();
    const id = randomUUID();
    const result = await client().forward(charge(token, id));
    expect(result.status).toBe(200);
    expect(result.replayed).toBe(false);
    expect(result.body).not.toContain(card.number);
    expect(JSON.parse(result.body)).toMatchObject({ approved: true, last4: card.number.slice(-4) });
    const [sent] = await received(id);
    expect(JSON.parse(sent?.body ?? '{}')).toEqual({ number: card.number, expMonth: 12, expYear: 2034 });
  });

  it('replays an earlier answer for the same Idempotency-Key instead of charging again', async () => {
    const { id: token } = await createToken();
    const id = randomUUID();
    const tessera = client();
    const first = await tessera.forward(charge(token, id), { idempotencyKey: `order-${id}` });
    const again = await tessera.forward(charge(token, id), { idempotencyKey: `order-${id}` });
    expect(again).toEqual({ ...first, replayed: true });
    expect(await received(id)).toHaveLength(1);
  });

  it('retries an answer lost on the way back with the same key: the processor is charged once', async () => {
    const { id: token } = await createToken();
    const id = randomUUID();
    const keys: (string | null)[] = [];
    let attempts = 0;
    // The edge does the work and answers, but the first answer never reaches the client.
    const tessera = client({
      fetch: async (url, init) => {
        keys.push(new Headers(init.headers).get('idempotency-key'));
        const response = await fetch(url, init);
        attempts += 1;
        if (attempts === 1) throw new TypeError('socket hang up');
        return response;
      },
    });
    const result = await tessera.forward(charge(token, id));
    expect(result.replayed).toBe(true);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
    expect(await received(id)).toHaveLength(1);
  });

  it('refuses a host off the allow-list with forbidden_host, without retrying', async () => {
    const { id: token } = await createToken();
    let attempts = 0;
    const tessera = client({
      fetch: (url, init) => {
        attempts += 1;
        return fetch(url, init);
      },
    });
    const request = { url: 'https://processor.invalid/charge', method: 'POST' as const, body: template };
    const error = await tessera.forward({ token, request }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TesseraApiError);
    expect(error).toMatchObject({ status: 403, code: 'forbidden_host' });
    expect(attempts).toBe(1);
  });
});
