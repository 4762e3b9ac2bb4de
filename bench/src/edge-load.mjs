// Part 1: edge throughput and latency with autocannon, against the one workerd of edge-server.mjs.
// Each point: a short warm-up, then a fixed duration; loopback only. The client runs in this process on the
// same two cores as workerd, for the baseline and the edge alike. Errors are socket errors and timeouts;
// non2xx counts answers that were not 2xx (a 429 or a 500 would show there).
import autocannon from 'autocannon';
import { sealPool } from './seal-pool.mjs';

export const DURATION_S = Number(process.env.BENCH_DURATION || 5);
const WARMUP_S = 1;
export const POOL_SIZE = 6000;

/** @param {autocannon.Options} opts */
function cannon(opts) {
  return new Promise((done, fail) => {
    autocannon({ timeout: 10, ...opts }, (error, result) => (error ? fail(error) : done(result)));
  });
}

/** One measured point (after a warm-up at the same concurrency). @param {autocannon.Options} opts */
export async function point(opts) {
  return (await measure(opts)).point;
}

/**
 * point(), plus how many answers were 2xx over the warm-up and the measured seconds together (for a tokenize,
 * how many tokens it made). @param {autocannon.Options} opts
 */
export async function measure(opts) {
  const warm = await cannon({ ...opts, duration: WARMUP_S });
  const r = await cannon({ ...opts, duration: DURATION_S });
  return { point: summary(r, opts.connections), ok2xx: warm['2xx'] + r['2xx'] };
}

/** @param {autocannon.Result} r @param {number} connections */
function summary(r, connections) {
  const rps = r.requests.total / DURATION_S;
  return {
    rps: Math.round(rps),
    // autocannon's percentiles are whole milliseconds; with a closed loop of c connections the mean latency is
    // exactly c / throughput (Little's law), which keeps sub-millisecond resolution.
    meanMs: Number(((1000 * connections) / rps).toFixed(2)),
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
    requests: r.requests.total,
  };
}

/** Where each body pool is, across points, so that a pool is used up before any body repeats. */
const cursors = new Map();

/** A request list whose body cycles through `bodies`. @param {string} path @param {Record<string,string>} headers @param {string[]} bodies */
export function cycling(path, headers, bodies, method = 'POST') {
  return [
    {
      method,
      path,
      headers,
      setupRequest(req) {
        const i = cursors.get(bodies) ?? 0;
        cursors.set(bodies, i + 1);
        req.body = bodies[i % bodies.length];
        return req;
      },
    },
  ];
}

/** `POST /v1/tokens` as a field page sends it. @param {string} origin @param {string} pk */
export const tokenizeHeaders = (origin, pk) => ({
  authorization: `Bearer ${pk}`,
  'content-type': 'application/json',
  origin,
  'sec-fetch-site': 'same-origin',
});

/** The budget: tokenize must reach this share of its DO floor's throughput (median of the pairs). */
export const FLOOR_RATIO_BUDGET = 0.8;
const FLOOR_PAIRS = 3;

/**
 * Tokenize against the design's own limit (floor-do-worker.ts at /__bench/do-floor: the same request shape, one
 * Durable Object RPC, one SQLite row): FLOOR_PAIRS back-to-back c16 pairs, tokenize first, then the floor, each a
 * point like the others. Both send the same bodies: a pool of its own (other cards than the table's pool, so that
 * these creates do not count against that pool's cards in the edge's card-testing window), which the floor reads
 * and parses too. `c16` is the first pair's floor point; `ratioMedian` the median of the tokenize ÷ floor ratios.
 * @param {{ origin: string, pk: string, tokenHeaders: Record<string, string>, log: (s: string) => void }} o
 */
async function floorPairs({ origin, pk, tokenHeaders, log }) {
  const pool = await sealPool(origin, pk, POOL_SIZE, { prefix: '400000' });
  // A copy: its own cursor, so the floor's requests do not advance the tokenize pool's.
  const floorBodies = [...pool];
  // workerd's own count of the SQLite rows one floor request wrote (the table's row and its primary key's index).
  const probe = await fetch(`${origin}/__bench/do-floor`, { method: 'POST', headers: tokenHeaders, body: pool[0] });
  if (!probe.ok) throw new Error(`POST /__bench/do-floor: ${probe.status} ${await probe.text()}`);
  const { rowsWritten } = await probe.json();
  const pairs = [];
  for (let i = 0; i < FLOOR_PAIRS; i++) {
    const tokenize = await point({ url: origin, connections: 16, requests: cycling('/v1/tokens', tokenHeaders, pool) });
    const floor = await point({
      url: origin,
      connections: 16,
      requests: cycling('/__bench/do-floor', tokenHeaders, floorBodies),
    });
    pairs.push({ tokenize, floor, ratio: tokenize.rps / floor.rps });
  }
  const ratioPairs = pairs.map((p) => p.ratio);
  log(
    `  DO floor c16: ${pairs.map((p) => `${p.tokenize.rps} / ${p.floor.rps}`).join(', ')} req/s (tokenize / floor); ratios ${ratioPairs.map((r) => r.toFixed(3)).join(', ')}`,
  );
  return {
    c16: pairs[0].floor,
    pairs,
    ratioPairs,
    ratioMedian: median(ratioPairs),
    budget: FLOOR_RATIO_BUDGET,
    rowsWrittenPerRequest: rowsWritten,
    route: 'POST /__bench/do-floor',
  };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/**
 * @param {{ origin: string, pk: string, sk: string, forward?: { url: string } | null, log: (s: string) => void }} o
 */
export async function edgeLoad({ origin, pk, sk, forward, log }) {
  const levels = [1, 16, 64];
  const out = { durationS: DURATION_S, warmupS: WARMUP_S, baseline: {}, tokenize: {} };

  const pool = await sealPool(origin, pk, POOL_SIZE);
  out.sealPool = { size: pool.length, note: 'distinct cards, sealed once before the run, cycled across points' };
  const tokenHeaders = tokenizeHeaders(origin, pk);
  // Baseline and tokenize back to back at each level, so that the machine's load (shared, noisy) drifts as
  // little as possible between the two figures of a ratio.
  for (const c of levels) {
    const key = `c${c}`;
    out.baseline[key] = await point({ url: `${origin}/__bench/ok`, connections: c });
    out.tokenize[key] = await point({
      url: origin,
      connections: c,
      requests: cycling('/v1/tokens', tokenHeaders, pool),
    });
    log(`  c${c}: baseline ${out.baseline[key].rps} req/s, tokenize ${out.tokenize[key].rps} req/s`);
  }
  out.healthz = { c16: await point({ url: `${origin}/healthz`, connections: 16 }) };
  log(`  /healthz c16: ${out.healthz.c16.rps} req/s`);
  // Key check and config, no vault: separates the cost of the Durable Object from the Worker's own.
  out.keys = {
    c16: await point({ url: `${origin}/v1/keys/seal`, connections: 16, headers: { authorization: `Bearer ${pk}` } }),
  };
  log(`  /v1/keys/seal c16: ${out.keys.c16.rps} req/s`);
  out.ratio = out.tokenize.c16.rps / out.baseline.c16.rps;
  // Two more back-to-back c16 pairs: the median of three ratios is less at the mercy of a noisy neighbour.
  out.ratioPairs = [out.ratio];
  for (let i = 0; i < 2; i++) {
    const base = await point({ url: `${origin}/__bench/ok`, connections: 16 });
    const tok = await point({ url: origin, connections: 16, requests: cycling('/v1/tokens', tokenHeaders, pool) });
    out.ratioPairs.push(tok.rps / base.rps);
  }
  out.ratioMedian = [...out.ratioPairs].sort((x, y) => x - y)[1];
  log(`  c16 ratio: ${out.ratioPairs.map((r) => r.toFixed(3)).join(', ')}`);
  // On its own: a floor that cannot run (a failure) leaves the rest of the edge's figures.
  out.floor = await floorPairs({ origin, pk, tokenHeaders, log }).catch((error) => ({
    error: String(error?.message ?? error)
      .split('\n')[0]
      .slice(0, 200),
  }));
  out.ratioFloor = out.floor.ratioMedian;
  out.ratioFloorPairs = out.floor.ratioPairs;

  // Card testing: legitimate tokenize alone, then while a script from one client address sends bad cards as
  // fast as it can. Shoppers' requests here carry no client address (nothing but loopback in front), so only the
  // attacker meets the per-client limits, as behind Cloudflare the attacker's own address would.
  const badPool = await sealPool(origin, pk, 200, { bad: true });
  const attackHeaders = { ...tokenHeaders, 'cf-connecting-ip': '198.51.100.66' };
  const legit = () => point({ url: origin, connections: 8, requests: cycling('/v1/tokens', tokenHeaders, pool) });
  const alone = await legit();
  const [underAttack, attacker] = await Promise.all([
    legit(),
    point({ url: origin, connections: 8, requests: cycling('/v1/tokens', attackHeaders, badPool) }),
  ]);
  out.attack = {
    alone,
    underAttack,
    attacker,
    ratioRps: underAttack.rps / alone.rps,
    ratioP99: underAttack.p99Ms / Math.max(alone.p99Ms, 1),
    note: 'c8 shoppers, alone and beside a c8 attacker sending Luhn-failing cards from one address; same process, same two cores',
  };
  log(
    `  attack: shoppers ${alone.rps} → ${underAttack.rps} req/s (${(out.attack.ratioRps * 100).toFixed(0)} %), p99 ${alone.p99Ms} → ${underAttack.p99Ms} ms; attacker ${attacker.rps} req/s, ${attacker.non2xx} refused`,
  );
  out.sealPool.sent = cursors.get(pool) ?? 0;

  // Reads and forwards need tokens: make a few with plain fetch.
  const ids = [];
  for (let i = 0; i < 64; i++) {
    const res = await fetch(`${origin}/v1/tokens`, { method: 'POST', headers: tokenHeaders, body: pool[i] });
    if (res.ok) ids.push((await res.json()).id);
  }
  const skHeaders = { authorization: `Bearer ${sk}` };
  let n = 0;
  out.read = {
    c16: await point({
      url: origin,
      connections: 16,
      requests: [
        {
          method: 'GET',
          headers: skHeaders,
          setupRequest(req) {
            req.path = `/v1/tokens/${ids[n++ % ids.length]}`;
            return req;
          },
        },
      ],
    }),
  };
  log(`  read c16: ${out.read.c16.rps} req/s`);

  if (forward) {
    // The CVC is erased after its first forward, so the template asks only for number and expiry.
    const bodies = ids.map((token) =>
      JSON.stringify({
        token,
        request: {
          url: forward.url,
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          // The mock processor's POST /charge; it checks Luhn and expiry and echoes the number (masked by the edge).
          body: '{"number":"{{card.number}}","expMonth":{{card.expMonth}},"expYear":{{card.expYear}},"amount":1000,"currency":"usd"}',
        },
      }),
    );
    const fwdHeaders = { ...skHeaders, 'content-type': 'application/json' };
    out.forward = {
      c16: await point({ url: origin, connections: 16, requests: cycling('/v1/forward', fwdHeaders, bodies) }),
    };
    log(`  forward c16: ${out.forward.c16.rps} req/s`);
  } else {
    out.forward = null;
  }
  return out;
}
