// The bench's own workers, served by the same workerd as the edge (edge-server.mjs): the trivial route, the bare
// frames of the browser parts' floors, the Durable Object floor and the in-memory stand-in for the rate limits.
// None of them is part of the edge or ships with it.
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const BASELINE = `export default { fetch() { return Response.json({ ok: true }); } };`;

/**
 * The floor of time to ready: a page on the edge's origin (same host and port, same Miniflare socket) holding one
 * input, whose inline script posts `ready` to the parent named in `?parent=`, echoing the channel in the fragment.
 * No CSP, no module, no key check: what any cross-origin frame costs before it can say anything. Not cacheable,
 * as `card.html` is not.
 */
const FLOOR_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bare frame</title></head><body>
<input id="number" aria-label="Card number" autocomplete="cc-number" inputmode="numeric">
<script>parent.postMessage({ floor: 'ready', channel: location.hash.slice(1) }, new URLSearchParams(location.search).get('parent'));</script>
</body></html>`;

/** A worker answering every request with `page`, not cacheable. */
const htmlWorker = (page) => `const page = ${JSON.stringify(page)};
export default { fetch() { return new Response(page, { headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' } }); } };`;

/**
 * The floor of tokenize in the browser: a bare page on the edge's origin that says `ready` to the parent named in
 * `?parent=` and, on each `{ payFloor: 'pay', id }` from it, POSTs a small JSON body to /__bench/ok (same-origin,
 * with a bearer key and a JSON content type, as the field page POSTs /v1/tokens) and posts `{ payFloor: 'answer',
 * id, ok }` back. No sealing, no fields, no key check: what any frame costs to ask its own origin something.
 */
const PAY_FLOOR_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bare frame</title></head><body>
<input id="number" aria-label="Card number" autocomplete="cc-number" inputmode="numeric">
<script>
const parentOrigin = new URLSearchParams(location.search).get('parent');
const channel = location.hash.slice(1);
addEventListener('message', async (event) => {
  if (event.origin !== parentOrigin || event.source !== parent || event.data?.payFloor !== 'pay') return;
  let ok = false;
  try {
    const res = await fetch('/__bench/ok', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer pk_floor' },
      body: JSON.stringify({ sealed: 'floor' }),
      credentials: 'omit',
      cache: 'no-store',
    });
    ok = res.ok && (await res.json()).ok === true;
  } catch {}
  parent.postMessage({ payFloor: 'answer', id: event.data.id, channel, ok }, parentOrigin);
});
parent.postMessage({ payFloor: 'ready', channel }, parentOrigin);
</script>
</body></html>`;

/**
 * A worker of the bench (a file beside this one) bundled with esbuild for workerd: packages resolved as workerd
 * resolves them, `cloudflare:workers` left to workerd.
 * @param {string} file
 */
export async function bundleWorker(file) {
  const result = await build({
    entryPoints: [fileURLToPath(new URL(file, import.meta.url))],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    mainFields: ['module', 'main'],
    conditions: ['workerd', 'worker', 'browser'],
    external: ['cloudflare:workers'],
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

/** The edge's rate-limit bindings: per client as deployed (the attack figure needs them; the load clients send no
 * client address, so they never meet them), per key beyond any load run, which measures throughput. */
const RATE_LIMITS = {
  CREATE_PER_CLIENT: { namespace_id: '1101', simple: { limit: 20, period: 10 } },
  CREATE_PER_KEY: { namespace_id: '1102', simple: { limit: 1_000_000_000, period: 10 } },
  FAILURES_PER_CLIENT: { namespace_id: '1103', simple: { limit: 10, period: 60 } },
  AUDITED_REFUSALS_PER_CLIENT: { namespace_id: '1104', simple: { limit: 30, period: 60 } },
  KEY_CHECKS_PER_CLIENT: { namespace_id: '1105', simple: { limit: 20, period: 10 } },
};

/**
 * A stand-in for the rate-limit bindings: the same fixed windows, counted in the memory of a worker of the same
 * workerd, reached over RPC (one entrypoint per binding). Miniflare simulates each binding with a Durable Object
 * that writes a SQLite row on every `limit()` call; the deployed binding keeps its counters in memory on
 * Cloudflare's machines and writes nothing. BENCH_RATE_LIMITS=miniflare keeps Miniflare's.
 */
const RATE_LIMIT_WORKER = `import { WorkerEntrypoint } from 'cloudflare:workers';
const windows = new Map();
const limiter = (limit, period) => class extends WorkerEntrypoint {
  limit({ key }) {
    const epoch = Math.floor(Date.now() / (period * 1000));
    let window = windows.get(key);
    if (window === undefined || window.epoch !== epoch) {
      if (windows.size > 100000) windows.clear();
      window = { epoch, count: 0 };
      windows.set(key, window);
    }
    if (window.count >= limit) return { success: false };
    window.count += 1;
    return { success: true };
  }
};
${Object.entries(RATE_LIMITS)
  .map(([name, { simple }]) => `export class ${name} extends limiter(${simple.limit}, ${simple.period}) {}`)
  .join('\n')}
export default { fetch() { return new Response(null, { status: 404 }); } };`;

const MINIFLARE_RATE_LIMITS = process.env.BENCH_RATE_LIMITS === 'miniflare';

/** The edge worker's options for its rate-limit bindings (see RATE_LIMIT_WORKER). */
export function rateLimitBindings() {
  if (MINIFLARE_RATE_LIMITS) return { ratelimits: RATE_LIMITS };
  const serviceBindings = Object.fromEntries(
    Object.keys(RATE_LIMITS).map((name) => [name, { name: 'rate-limits', entrypoint: name }]),
  );
  return { serviceBindings };
}

/**
 * The bench's workers beside the edge: `baseline` (/__bench/ok), the rate-limit stand-in (unless
 * BENCH_RATE_LIMITS=miniflare), `floor` (/__bench/floor), `pay-floor` (/__bench/pay-floor) and `do-floor`
 * (/__bench/do-floor), which asks for `benchPk` as the edge asks for a key.
 * @param {string} compatibilityDate @param {string} benchPk
 */
export async function benchWorkers(compatibilityDate, benchPk) {
  return [
    { name: 'baseline', script: BASELINE, modules: true, compatibilityDate, routes: ['*/__bench/ok'] },
    ...(MINIFLARE_RATE_LIMITS
      ? []
      : [{ name: 'rate-limits', script: RATE_LIMIT_WORKER, modules: true, compatibilityDate }]),
    { name: 'floor', script: htmlWorker(FLOOR_PAGE), modules: true, compatibilityDate, routes: ['*/__bench/floor*'] },
    {
      name: 'pay-floor',
      script: htmlWorker(PAY_FLOOR_PAGE),
      modules: true,
      compatibilityDate,
      routes: ['*/__bench/pay-floor*'],
    },
    {
      name: 'do-floor',
      modules: [{ type: 'ESModule', path: 'floor-do-worker.js', contents: await bundleWorker('floor-do-worker.ts') }],
      compatibilityDate,
      routes: ['*/__bench/do-floor*'],
      bindings: { FLOOR_KEY: benchPk },
      durableObjects: { FLOOR: { className: 'FloorObject', useSQLite: true } },
    },
  ];
}
