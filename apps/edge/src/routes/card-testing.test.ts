import { createExecutionContext, runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import {
  expectProblem,
  fieldPageHeaders,
  MASTERCARD,
  OTHER_PK,
  postToken,
  seal,
  VISA,
  validCard,
} from '../../test/support/edge';
import worker from '../index';

// Card testing: a script holding the public key tries cards in bulk. The front refuses floods before any vault
// object is touched (rate-limit bindings); the vault refuses what only it can see (cards, expiries, BINs).

const from = (ip: string, pk?: string) => ({ ...fieldPageHeaders(pk), 'CF-Connecting-IP': ip });
const sealedBody = async (card = validCard(), pk?: string) =>
  JSON.stringify({ sealed: await seal(card, pk === undefined ? {} : { pk }) });

/** A Luhn-valid number of 16 digits from `n`, for distinct cards. */
function cardNumber(n: number, prefix = '424242'): string {
  const body = (prefix + String(n).padStart(9, '0')).slice(0, 15);
  let sum = 0;
  for (const [i, d] of [...body].reverse().entries()) {
    const x = Number(d) * (i % 2 === 0 ? 2 : 1);
    sum += x > 9 ? x - 9 : x;
  }
  return body + String((10 - (sum % 10)) % 10);
}

const suspicions = () =>
  runInDurableObject(env.VAULT.get(env.VAULT.idFromName('demo')), (_, state) =>
    state.storage.sql
      .exec<{ client_ip: string | null; detail: string }>(
        "SELECT client_ip, detail FROM events WHERE action = 'card_testing.suspected' ORDER BY seq",
      )
      .toArray(),
  );

describe('card testing', () => {
  it('limits a burst of thousands of bad cards from one client; other clients and merchants keep paying', async () => {
    const bad = await sealedBody(validCard({ number: '4242424242424241' }));
    const good = await sealedBody();
    // One at a time first: ten refusals are judged (and the one that crosses the limit), then none. The limit
    // counts in windows fixed on the clock's minutes: start clear of a minute's end, so one window holds the loop.
    const toNextMinute = 60_000 - (Date.now() % 60_000);
    if (toNextMinute < 5_000) await new Promise((resolve) => setTimeout(resolve, toNextMinute + 100));
    const first: number[] = [];
    for (let i = 0; i < 15; i++) first.push((await postToken(bad, from('198.51.100.1'))).status);
    expect(first).toEqual([...Array(11).fill(400), 429, 429, 429, 429]);
    const statuses = new Map<number, number>();
    let retryAfter: string | null = null;
    for (let batch = 0; batch < 40; batch++) {
      const answers = await Promise.all(Array.from({ length: 50 }, () => postToken(bad, from('198.51.100.1'))));
      for (const res of answers) {
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.status === 429) retryAfter ??= res.headers.get('Retry-After');
        await res.body?.cancel();
      }
      if (batch % 10 === 0) {
        // A shopper elsewhere, and another merchant's shopper, meanwhile.
        expect((await postToken(good, from(`198.51.100.${100 + batch}`))).status).toBe(200);
        const other = await sealedBody(validCard(), OTHER_PK);
        expect((await postToken(other, from(`198.51.100.${200 + batch}`, OTHER_PK))).status).toBe(200);
      }
    }
    // Then 2,000 more, fifty at a time: every one refused unread.
    expect(statuses).toEqual(new Map([[429, 2000]]));
    expect(Number(retryAfter)).toBeGreaterThan(0);
    const limited = await postToken(good, from('198.51.100.1'));
    await expectProblem(limited, 'rate_limited');
    // Thousands of requests: seconds on a loaded CI machine, past vitest's default of 5.
  }, 60_000);

  it('limits the creates of one client to 20 in 10 seconds at the front, whatever the vault would allow', async () => {
    const merchants = (JSON.parse(env.TESSERA_MERCHANTS) as { id: string }[]).map((m) => ({
      ...m,
      cardTesting: { maxCardsPerClient: 1000, maxAttemptsPerCard: 1000, maxExpiriesPerCard: 1000 },
    }));
    const changed = { ...env, TESSERA_MERCHANTS: JSON.stringify(merchants) };
    const statuses: number[] = [];
    for (let i = 0; i < 60; i++) {
      const res = await worker.fetch(
        new Request('https://edge.test/v1/tokens', {
          method: 'POST',
          headers: from('198.51.100.11'),
          body: await sealedBody(validCard({ number: cardNumber(1000 + i) })),
        }),
        changed,
        createExecutionContext(),
      );
      statuses.push(res.status);
      if (res.status === 429) expect(res.headers.get('Retry-After')).toBe('10');
    }
    // 20 in each 10-second window of the clock: 60 requests in a second or two meet one window boundary at most.
    const created = statuses.filter((s) => s === 200).length;
    expect(created).toBeGreaterThanOrEqual(20);
    expect(created).toBeLessThanOrEqual(40);
    expect(statuses.filter((s) => s === 429).length).toBe(60 - created);
    expect(statuses.slice(0, 20)).toEqual(Array(20).fill(200));
  });

  it('refuses a client trying many cards, and records the suspicion once', async () => {
    const ip = '198.51.100.21';
    const answers: number[] = [];
    for (let i = 0; i < 12; i++) {
      answers.push((await postToken(await sealedBody(validCard({ number: cardNumber(i) })), from(ip))).status);
    }
    expect(answers).toEqual([...Array(10).fill(200), 429, 429]);
    const refused = await postToken(await sealedBody(validCard({ number: cardNumber(99) })), from(ip));
    await expectProblem(refused, 'rate_limited');
    expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(60);
    // The card the client already used is refused too: the client is, for the window.
    expect((await postToken(await sealedBody(validCard({ number: cardNumber(0) })), from(ip))).status).toBe(429);
    expect((await suspicions()).filter((e) => e.client_ip === ip)).toEqual([
      { client_ip: ip, detail: 'cards_per_client' },
    ]);
  });

  it('refuses one card tried with many expiries, from any clients', async () => {
    const number = MASTERCARD;
    const statuses: number[] = [];
    for (const [i, expMonth] of [1, 2, 3, 4, 5].entries()) {
      const res = await postToken(await sealedBody(validCard({ number, expMonth })), from(`198.51.100.${40 + i}`));
      statuses.push(res.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect((await suspicions()).some((e) => e.detail === 'expiries_per_card')).toBe(true);
    // Another card is untouched.
    expect((await postToken(await sealedBody(validCard({ number: VISA })), from('198.51.100.49'))).status).toBe(200);
  });

  it("throttles each client of a key that sees many BINs, by the merchant's own thresholds", async () => {
    const merchants = (JSON.parse(env.TESSERA_MERCHANTS) as { id: string }[]).map((m) =>
      m.id === 'other' ? { ...m, cardTesting: { maxBinsPerKey: 3, throttledPerMinute: 2 } } : m,
    );
    const changed = { ...env, TESSERA_MERCHANTS: JSON.stringify(merchants) };
    const post = async (n: number, bin: string, ip: string) =>
      worker.fetch(
        new Request('https://edge.test/v1/tokens', {
          method: 'POST',
          headers: from(ip, OTHER_PK),
          body: await sealedBody(validCard({ number: cardNumber(n, bin) }), OTHER_PK),
        }),
        changed,
        createExecutionContext(),
      );
    // BINs of the `other` key not seen before in this file, each from its own address, until the rule is crossed.
    const bins = ['411111', '422222', '433333', '444444', '455555', '466666'];
    const spread: number[] = [];
    for (const [n, bin] of bins.entries()) spread.push((await post(n, bin, `198.51.100.${70 + n}`)).status);
    expect(spread).toEqual(Array(bins.length).fill(200));
    // Now suspected: one address gets a few creates a minute, not a run of cards.
    const one: number[] = [];
    for (let n = 0; n < 6; n++) one.push((await post(100 + n, '477777', '198.51.100.90')).status);
    expect(one.filter((s) => s === 200).length).toBeLessThanOrEqual(4);
    expect(one.at(-1)).toBe(429);
    // Another address is untouched by the first one's throttle.
    expect((await post(200, '477777', '198.51.100.91')).status).toBe(200);
  });
});

describe('local tools', () => {
  it('judge no loopback client: workerd names every local request 127.0.0.1', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) {
      const res = await postToken(await sealedBody(validCard({ number: cardNumber(5000 + i) })), from('127.0.0.1'));
      statuses.push(res.status);
    }
    expect(statuses).toEqual(Array(25).fill(200));
  });
});
