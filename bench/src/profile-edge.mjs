// `pnpm --filter @tessera/bench profile:edge`: where a tokenize's time goes inside workerd. Starts the bench's
// Miniflare (edge-server.mjs, the deployable bundle) with workerd's inspector on a free port, loads tokenize at c16
// with autocannon while the V8 sampling profiler of the edge's isolate runs (the vault object lives in the same
// isolate as the Worker), then prints the functions with the most self time, grouped by module, and writes the
// profile to bench/node_modules/.cache/tokenize.cpuprofile (open it in Chrome DevTools → Performance).
// Environment: PROFILE_S (seconds of load, default 5), PROFILE_C (connections, default 16), PROFILE_PATH
// (`tokenize` by default; `floor` for the DO floor of floor-do-worker.ts, `healthz` or any GET path instead), BENCH_SKIP_BUILD=1.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { clockTicks, cpuMs, workerdPid } from './cost.mjs';
import { cycling, tokenizeHeaders } from './edge-load.mjs';
import { benchSecrets, buildEdge, freePort, startEdge } from './edge-server.mjs';
import { ROOT, snapshotDists } from './paths.mjs';
import { sealPool } from './seal-pool.mjs';

const SECONDS = Number(process.env.PROFILE_S || 5);
const CONNECTIONS = Number(process.env.PROFILE_C || 16);
const TARGET = process.env.PROFILE_PATH || 'tokenize';
/** PROFILE_MODE=cpu: no inspector; workerd's process CPU time per request instead (steadier beside other loads). */
const CPU_ONLY = process.env.PROFILE_MODE === 'cpu';
/** PROFILE_SHARDS: tokenize as the bench merchant whose vault has this many shards (1, 2 or 4). */
const SHARDS = Number(process.env.PROFILE_SHARDS || 1);
let shardKeys = {};

/** CPU ms (user + system) of the workerd this process started (cost.mjs reads /proc the same way). */
const TICKS = clockTicks();
function workerdCpuMs() {
  const pid = workerdPid(process.pid);
  if (pid === null) throw new Error('profile-edge: no workerd child found');
  return cpuMs(pid, TICKS);
}

/** A CDP session over workerd's inspector WebSocket. @param {string} url */
async function inspect(url) {
  const socket = new WebSocket(url);
  await new Promise((open, fail) => {
    socket.onopen = open;
    socket.onerror = fail;
  });
  let next = 1;
  const waiting = new Map();
  socket.onmessage = (event) => {
    const message = JSON.parse(String(event.data));
    const pending = waiting.get(message.id);
    if (!pending) return;
    waiting.delete(message.id);
    if (message.error) pending.fail(new Error(message.error.message));
    else pending.done(message.result);
  };
  return {
    /** @param {string} method @param {object} [params] */
    send(method, params = {}) {
      const id = next++;
      socket.send(JSON.stringify({ id, method, params }));
      return new Promise((done, fail) => waiting.set(id, { done, fail }));
    },
    close: () => socket.close(),
  };
}

/** Self time per function and per module of a V8 .cpuprofile. @param {any} profile */
function summarise(profile) {
  const selfUs = new Map();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const total = profile.endTime - profile.startTime;
  // timeDeltas[i] is the time before samples[i]: the sample's node gets it.
  for (let i = 0; i < profile.samples.length; i++) {
    const node = byId.get(profile.samples[i]);
    const { functionName, url, lineNumber } = node.callFrame;
    const key = `${functionName || '(anonymous)'} ${url.split('/').pop() || ''}:${lineNumber + 1}`;
    selfUs.set(key, (selfUs.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  const rows = [...selfUs].sort((a, b) => b[1] - a[1]);
  return { total, rows };
}

/** Load requests for TARGET. */
async function requestsFor(edge, merchant) {
  if (TARGET !== 'tokenize' && TARGET !== 'floor') return [{ method: 'GET', path: `/${TARGET}` }];
  const pk = SHARDS === 1 ? merchant.publishableKey : shardKeys[SHARDS];
  const pool = await sealPool(edge.origin, pk, 8000);
  // The floor (floor-do-worker.ts) takes the same request as a tokenize: headers, sealed body and all.
  const path = TARGET === 'floor' ? '/__bench/do-floor' : '/v1/tokens';
  return cycling(path, tokenizeHeaders(edge.origin, pk), pool);
}

/** Three loaded points; each prints req/s and workerd CPU µs per request. */
async function cpuPerRequest(edge, merchant) {
  const requests = await requestsFor(edge, merchant);
  const load = (duration) =>
    new Promise((done, fail) =>
      autocannon({ url: edge.origin, connections: CONNECTIONS, duration, requests }, (e, r) => (e ? fail(e) : done(r))),
    );
  await load(1);
  for (let i = 0; i < 3; i++) {
    const cpu0 = workerdCpuMs();
    const t0 = Date.now();
    const r = await load(SECONDS);
    const cpu = workerdCpuMs() - cpu0;
    const busy = cpu / (Date.now() - t0);
    console.log(
      `${TARGET} c${CONNECTIONS}: ${(r.requests.total / SECONDS).toFixed(0)} req/s, ${r.non2xx} non-2xx, workerd ${((1000 * cpu) / r.requests.total).toFixed(0)} µs CPU/req, ${(100 * busy).toFixed(0)} % of a core`,
    );
  }
}

async function main() {
  if (process.env.BENCH_SKIP_BUILD !== '1') {
    buildEdge();
    await snapshotDists();
  }
  const pageOrigin = 'http://localhost:1';
  const bench = await benchSecrets({ pageOrigin });
  const { merchant, secrets } = bench;
  shardKeys = bench.shardKeys;
  const inspectorPort = await freePort();
  const edge = await startEdge({ port: await freePort(), secrets, ...(CPU_ONLY ? {} : { inspectorPort }) });
  try {
    if (CPU_ONLY) return await cpuPerRequest(edge, merchant);
    const targets = await (await fetch(`http://127.0.0.1:${inspectorPort}/json`)).json();
    // The isolate to sample: the edge's (its Durable Objects run in it too), or PROFILE_ISOLATE (e.g. `core:entry`,
    // Miniflare's entry worker, or `ratelimit:ns`, the local stand-in of the rate-limit bindings).
    const isolate =
      process.env.PROFILE_ISOLATE || (TARGET === 'floor' ? 'core:user:do-floor' : 'core:user:tessera-edge');
    const target = targets.find((t) => String(t.title).endsWith(isolate));
    if (target === undefined)
      throw new Error(`no inspector target ${isolate}: ${targets.map((t) => t.title).join(', ')}`);
    console.log(`inspector targets: ${targets.map((t) => t.title || t.id).join(', ')}; profiling ${target.title}`);
    const cdp = await inspect(target.webSocketDebuggerUrl);
    await cdp.send('Profiler.enable');
    // 1 ms: coarse, but the profiler's own cost stays small (at 100 µs it more than doubles a tokenize's time).
    await cdp.send('Profiler.setSamplingInterval', { interval: Number(process.env.PROFILE_INTERVAL_US || 1000) });

    const requests = await requestsFor(edge, merchant);
    const load = (duration) =>
      new Promise((done, fail) =>
        autocannon({ url: edge.origin, connections: CONNECTIONS, duration, requests }, (e, r) =>
          e ? fail(e) : done(r),
        ),
      );
    await load(1);
    await cdp.send('Profiler.start');
    const result = await load(SECONDS);
    const { profile } = await cdp.send('Profiler.stop');
    cdp.close();
    // A path target names the file by its characters that are safe in one.
    const out = join(ROOT, 'bench/node_modules/.cache', `${TARGET.replace(/[^\w.-]+/g, '_')}.cpuprofile`);
    writeFileSync(out, JSON.stringify(profile));
    const { total, rows } = summarise(profile);
    const rps = result.requests.total / SECONDS;
    console.log(`${TARGET} c${CONNECTIONS}: ${rps.toFixed(0)} req/s, ${result.non2xx} non-2xx; profile → ${out}`);
    const idle = rows.filter(([k]) => k.startsWith('(idle)')).reduce((s, [, us]) => s + us, 0);
    const busy = total - idle;
    console.log(
      `isolate busy ${(busy / 1000).toFixed(0)} ms of ${(total / 1000).toFixed(0)} ms: ${(busy / result.requests.total).toFixed(0)} µs of JS per request`,
    );
    for (const [key, us] of rows.slice(0, 40)) {
      console.log(
        `${((100 * us) / total).toFixed(1).padStart(5)} %  ${(us / result.requests.total).toFixed(1).padStart(6)} µs/req  ${key}`,
      );
    }
  } finally {
    await edge.mf.dispose();
  }
}

await main();
