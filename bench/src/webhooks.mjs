// Part 1b: what webhook deliveries cost the hot path. Tokenize at c16 (the headline point of edge-load.mjs) with
// no webhook endpoint, and with three subscribed to `token.created`: two live receivers (webhook-receiver.mjs,
// answering 200 at once) and one dead (a loopback port nothing listens on, so every attempt is refused and
// retried from 5 s). Back-to-back pairs, the order alternating (0 → 3, 3 → 0, …) so that a drift of the shared
// machine does not always favour the same side; the ratio is the median of the pairs' ratios.
//
// Endpoints are registered before a loaded point (its warm-up included) and removed after it, once the live
// receivers have caught up (or BENCH_WEBHOOK_DRAIN_S has passed): the next point without endpoints then runs on a
// quiet queue, and the counts say whether the deliveries kept up, so a good ratio cannot come from nothing being
// delivered.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { cycling, measure, POOL_SIZE, tokenizeHeaders } from './edge-load.mjs';
import { freePort } from './edge-server.mjs';
import { sealPool } from './seal-pool.mjs';

/** Deliveries may cost tokenize at most 10 % (with 3 endpoints ÷ with 0, req/s at c16). */
export const WEBHOOK_BUDGET = 0.9;
const CONNECTIONS = 16;
/** Five, not three like the edge ratio: on the shared machine the pairs of this ratio spread more (32 %–102 % in one run). */
const PAIRS = 5;
/** How long, after a loaded point, the live receivers may take to get every event before the figure says they lag. */
export const DRAIN_S = Number(process.env.BENCH_WEBHOOK_DRAIN_S || 60);

/** How long the edge is left to finish the requests of the previous point before endpoints are registered. */
const SETTLE_MS = 1000;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** webhook-receiver.mjs in a child process; resolves with its origin, `counts()` and `stop()`. */
function spawnReceiver() {
  const child = spawn(process.execPath, [fileURLToPath(new URL('webhook-receiver.mjs', import.meta.url))], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  return new Promise((done, fail) => {
    child.once('exit', (code) => fail(new Error(`webhook receiver exited (${code})`)));
    createInterface({ input: child.stdout }).once('line', (line) => {
      const origin = `http://127.0.0.1:${JSON.parse(line).port}`;
      done({
        origin,
        /** @returns {Promise<Record<string, { attempts: number, distinct: number }>>} */
        counts: async () => (await fetch(`${origin}/__counts`)).json(),
        stop: () =>
          new Promise((stopped) => {
            child.once('exit', () => stopped(undefined));
            child.kill('SIGTERM');
          }),
      });
    });
  });
}

/** A call of the edge's API with the secret key; a problem answer becomes an error quoting its code and detail. */
async function api(origin, sk, method, path, body) {
  const res = await fetch(`${origin}${path}`, {
    method,
    headers: { authorization: `Bearer ${sk}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await res.json().catch(() => null);
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${json?.code ?? ''} ${json?.detail ?? ''}`.trim());
  return json;
}

/**
 * Registers an endpoint per URL (on `token.created`), runs `fn` with their ids and the `seq` of the last one's
 * `webhook_endpoint.created` event (every token after it is owed to every endpoint), then removes them whatever
 * happened; an endpoint left behind would change every later figure, so a failed removal is an error too.
 * @template T
 * @param {string} origin @param {string} sk @param {string[]} urls
 * @param {(ids: string[], startSeq: number) => Promise<T>} fn
 */
async function withEndpoints(origin, sk, urls, fn) {
  const ids = [];
  const outcome = await (async () => {
    // The requests a load client leaves in flight when a point ends still make tokens; one made between two
    // registrations would be owed to some endpoints only.
    await sleep(SETTLE_MS);
    for (const url of urls) {
      const body = { url, events: ['token.created'], description: 'bench' };
      ids.push((await api(origin, sk, 'POST', '/v1/webhook_endpoints', body)).id);
    }
    const { data } = await api(origin, sk, 'GET', '/v1/events?type=webhook_endpoint.created&limit=1');
    return fn(ids, data[0].seq);
  })().then(
    (value) => ({ value }),
    (error) => ({ error }),
  );
  const removed = await Promise.allSettled(ids.map((id) => api(origin, sk, 'DELETE', `/v1/webhook_endpoints/${id}`)));
  if ('error' in outcome) throw outcome.error;
  const failed = removed.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
  return outcome.value;
}

/**
 * How many tokens the vault made after event `startSeq` (its trail, newest first): the events the endpoints were
 * owed. Counted from the trail rather than from the load client, which does not count the requests still in
 * flight when a point ends.
 */
async function tokensSince(origin, sk, startSeq) {
  let n = 0;
  let after = '';
  for (;;) {
    const page = await api(origin, sk, 'GET', `/v1/events?type=token.created&limit=200${after}`);
    for (const event of page.data) {
      if (event.seq <= startSeq) return n;
      n++;
    }
    if (page.next === undefined) return n;
    after = `&after=${page.next}`;
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * @param {{ origin: string, pk: string, sk: string, log: (s: string) => void }} o
 */
export async function webhookLoad({ origin, pk, sk, log }) {
  // A pool of its own: the edge takes a sealed card for ten minutes, and this part may run long after the other's.
  const pool = await sealPool(origin, pk, POOL_SIZE);
  const headers = tokenizeHeaders(origin, pk);
  const tokenize = () =>
    measure({ url: origin, connections: CONNECTIONS, requests: cycling('/v1/tokens', headers, pool) });
  const deadPort = await freePort();
  const receiver = await spawnReceiver();
  try {
    // Unmeasured: when this part runs alone, the first load would otherwise meet a cold workerd.
    await tokenize();

    /** One point with the three endpoints, then the wait for the live receivers, then the endpoints removed. */
    const loaded = (pair) => {
      const live = [`/pair-${pair}/live-1`, `/pair-${pair}/live-2`];
      const urls = [...live.map((p) => `${receiver.origin}${p}`), `http://127.0.0.1:${deadPort}/pair-${pair}/dead`];
      return withEndpoints(origin, sk, urls, async (ids, startSeq) => {
        const { point, ok2xx } = await tokenize();
        const endedAt = Date.now();
        const got = async () => {
          const counts = await receiver.counts();
          return live.map((p) => counts[p] ?? { attempts: 0, distinct: 0 });
        };
        const atEndOfLoad = await got();
        // When a receiver got nothing during the load, where its events were: still in the vault's outbox (not in
        // the queue) or in the queue, not yet attempted.
        let idle = null;
        if (Math.min(...atEndOfLoad.map((c) => c.distinct)) === 0) {
          const { data } = await api(origin, sk, 'GET', `/v1/webhook_endpoints/${ids[0]}/deliveries?limit=200`);
          idle = { queued: data.length, attempted: data.filter((d) => d.attempts > 0).length };
        }
        // Once the requests autocannon left in flight have finished, the trail's count is final.
        await sleep(SETTLE_MS);
        const tokens = await tokensSince(origin, sk, startSeq);
        let final = await got();
        let catchUpS = null;
        for (;;) {
          if (final.every((c) => c.distinct >= tokens)) {
            catchUpS = (Date.now() - endedAt) / 1000;
            break;
          }
          if (Date.now() - endedAt > DRAIN_S * 1000) break;
          await sleep(200);
          final = await got();
        }
        // The dead endpoint's newest deliveries, as the API reports them: proof that it was being attempted.
        const { data } = await api(origin, sk, 'GET', `/v1/webhook_endpoints/${ids[2]}/deliveries?limit=200`);
        const dead = {
          sampled: data.length,
          attempted: data.filter((d) => d.attempts > 0).length,
          maxAttempts: Math.max(0, ...data.map((d) => d.attempts)),
          delivered: data.filter((d) => d.status === 'delivered').length,
          lastErrors: [...new Set(data.map((d) => d.lastError).filter(Boolean))],
        };
        return {
          point,
          tokens,
          answered2xx: ok2xx,
          live: {
            atEndOfLoad: atEndOfLoad.map((c) => c.distinct),
            final: final.map((c) => c.distinct),
            attempts: final.map((c) => c.attempts),
            catchUpS,
            idle,
          },
          dead,
        };
      });
    };

    const pairs = [];
    for (let i = 0; i < PAIRS; i++) {
      const order = i % 2 === 0 ? '0 → 3' : '3 → 0';
      let without;
      let withThree;
      if (i % 2 === 0) {
        without = (await tokenize()).point;
        withThree = await loaded(i + 1);
      } else {
        withThree = await loaded(i + 1);
        without = (await tokenize()).point;
      }
      const { point, ...delivered } = withThree;
      const pair = { order, without, with: point, ratio: point.rps / without.rps, ...delivered };
      pairs.push(pair);
      const l = pair.live;
      log(
        `  webhooks pair ${i + 1} (${order}): ${without.rps} → ${pair.with.rps} req/s (${(pair.ratio * 100).toFixed(0)} %); ` +
          `${pair.tokens} tokens, live receivers ${l.atEndOfLoad.join('/')} at end of load, ${l.final.join('/')} ` +
          (l.catchUpS === null ? `after ${DRAIN_S} s (lagging)` : `${l.catchUpS.toFixed(1)} s later`),
      );
    }
    const ratioPairs = pairs.map((p) => p.ratio);
    const ratio = median(ratioPairs);
    const expected = pairs.reduce((n, p) => n + p.tokens, 0);
    const allDelivered = pairs.every((p) => p.live.catchUpS !== null);
    const sum = (k) => [0, 1].map((j) => pairs.reduce((n, p) => n + p.live[k][j], 0));
    return {
      connections: CONNECTIONS,
      endpoints: { live: 2, dead: 1, events: ['token.created'] },
      rpsWithout: median(pairs.map((p) => p.without.rps)),
      rpsWith: median(pairs.map((p) => p.with.rps)),
      ratio,
      ratioPairs,
      budget: WEBHOOK_BUDGET,
      ok: ratio >= WEBHOOK_BUDGET,
      deliveries: {
        expected,
        atEndOfLoad: sum('atEndOfLoad'),
        final: sum('final'),
        // Attempts a live receiver got for an event it already had: the queue tried again after an attempt it did not
        // record as delivered.
        repeats: sum('attempts').reduce((a, b) => a + b, 0) - sum('final').reduce((a, b) => a + b, 0),
        allDelivered,
        maxCatchUpS: allDelivered ? Math.max(...pairs.map((p) => p.live.catchUpS)) : null,
        drainLimitS: DRAIN_S,
      },
      pairs,
      note: 'c16 tokenize, alone and with 3 endpoints on token.created (2 live loopback receivers, 1 refused port); same workerd, same two cores',
    };
  } finally {
    await receiver.stop();
  }
}
