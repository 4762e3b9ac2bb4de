// One workerd (one Miniflare instance) serving, side by side:
//   - the edge's deployable bundle (apps/edge `wrangler deploy --dry-run`, written to bench/node_modules/.cache/edge-dist),
//     with the field pages and the SDK scripts (assembled from the copies of the dist folders, see paths.mjs) as its
//     assets, fresh secrets and
//     the bench's own merchant;
//   - `baseline`: a worker that only returns `Response.json({ ok: true })`, routed at /__bench/ok;
//   - `crypto`: the micro-benchmark worker of crypto.mjs, routed at /__bench/crypto (optional);
//   - `floor`: the bare field frame of ready.mjs's floor, routed at /__bench/floor (bench only, never an edge asset);
//   - `pay-floor`: the bare frame of tokenize-browser.mjs's floor, routed at /__bench/pay-floor: on a message from
//     its parent it POSTs a small JSON body to /__bench/ok, same-origin, and posts the answer back;
//   - `do-floor`: floor-do-worker.ts, routed at /__bench/do-floor: a tokenize's request shape, one Durable Object
//     RPC, one SQLite row written (the design's own limit, edge-load.mjs).
// The bench's own workers are in bench-workers.mjs. Every request goes through the same Miniflare entry socket, so
// the baseline pays the same hops as the edge.
// The bench uses its own ports and merchant, never the fixed development ones.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { convertV4MiniflareOptions, Miniflare } from 'miniflare';
import { assembleAssets } from '../../apps/edge/scripts/assets.mjs';
import { benchWorkers, rateLimitBindings } from './bench-workers.mjs';
import { DIST, ROOT } from './paths.mjs';

const EDGE_DIR = join(ROOT, 'apps/edge');
export const EDGE_DIST = join(ROOT, 'bench/node_modules/.cache/edge-dist');
/** The bench merchant's publishable key; the DO floor asks for it too, as the edge asks for a key. */
export const BENCH_PK = 'pk_test_bench_local';
/** The shard counts the bench tokenizes with (shards.mjs): the bench merchant, and copies of it split 2 and 4 ways. */
export const SHARD_COUNTS = [1, 2, 4];

/**
 * Where workerd keeps the Durable Objects' SQLite files: this machine's temporary directory (on disk), unless
 * BENCH_PERSIST_DIR says otherwise (`/dev/shm`: in memory). On disk an object's commits wait for the disk, as a
 * deployed object's wait for its replicas; in memory, nothing waits and every figure is CPU (bench/README.md).
 */
const PERSIST_ROOT = process.env.BENCH_PERSIST_DIR || tmpdir();

/** A free TCP port on 127.0.0.1 (asked of the OS, then released). */
export function freePort() {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      server.close(() => done(port));
    });
  });
}

/** The same command as apps/edge's `build` script, with the output in the bench's cache instead of apps/edge/dist. */
export function buildEdge() {
  mkdirSync(EDGE_DIST, { recursive: true });
  // wrangler checks the assets directory of wrangler.jsonc, which apps/edge's build assembles first; so does this.
  assembleAssets();
  const run = spawnSync(join(EDGE_DIR, 'node_modules/.bin/wrangler'), ['deploy', '--dry-run', '--outdir', EDGE_DIST], {
    cwd: EDGE_DIR,
    encoding: 'utf8',
    // This Node first on PATH: wrangler's launcher runs whichever `node` it finds, and needs Node ≥ 22.
    env: {
      ...process.env,
      PATH: `${dirname(process.execPath)}:${process.env.PATH}`,
      WRANGLER_SEND_METRICS: 'false',
      WRANGLER_SEND_ERROR_REPORTS: 'false',
    },
  });
  if (run.status !== 0) throw new Error(`wrangler deploy --dry-run failed:\n${run.stderr || run.stdout}`);
  return join(EDGE_DIST, 'index.js');
}

/**
 * The bench's merchant and secrets, made by apps/edge/scripts/dev-vars.mjs (random keys each run), in local
 * development (`TESSERA_ENVIRONMENT=development`): only then does the edge forward cards to the mock processor and
 * send webhooks to the bench's receivers, all on loopback over http.
 * @param {{ pageOrigin: string, forwardHost?: string }} o
 */
export async function benchSecrets({ pageOrigin, forwardHost }) {
  const devVars = await import(join(EDGE_DIR, 'scripts/dev-vars.mjs'));
  const merchant = {
    id: 'bench',
    publishableKey: BENCH_PK,
    secretKey: 'sk_test_bench_local',
    allowedOrigins: [pageOrigin],
    forwardHosts: forwardHost ? [forwardHost] : [],
  };
  // The same merchant with its vault split into 2 and 4 shards (shards.mjs), keys of their own.
  const sharded = SHARD_COUNTS.filter((n) => n > 1).map((n) => ({
    ...merchant,
    id: `bench-s${n}`,
    publishableKey: `pk_test_bench_s${n}_local`,
    secretKey: `sk_test_bench_s${n}_local`,
    vaultShards: n,
  }));
  // generateDevVars says development too; set here as well, since the bench cannot run without it.
  const secrets = { ...(await devVars.generateDevVars([merchant, ...sharded])), TESSERA_ENVIRONMENT: 'development' };
  const shardKeys = Object.fromEntries([
    [1, merchant.publishableKey],
    ...sharded.map((m) => [m.vaultShards, m.publishableKey]),
  ]);
  return { merchant, secrets, shardKeys, forward: { supported: forwardSupported() } };
}

/** Whether the edge being measured has `POST /v1/forward` and merchant `forwardHosts` (work in flight). */
export function forwardSupported() {
  const read = (p) => {
    try {
      return readFileSync(join(EDGE_DIR, p), 'utf8');
    } catch {
      return '';
    }
  };
  return read('src/config/config-schema.ts').includes('forwardHosts') && read('src/routes/forward.ts') !== '';
}

/**
 * The edge's Durable Object bindings, as wrangler.jsonc declares them (`{ "name": …, "class_name": … }`): the
 * vault, the abuse records, the webhook queue (whose alarm the vault hands its outbox to) and any added since,
 * so that the bundle built from the same checkout finds every binding it uses. Its migrations declare every class
 * SQLite-backed (`new_sqlite_classes`).
 * @param {string} wrangler the text of wrangler.jsonc
 */
export function durableObjectsOf(wrangler) {
  const bindings = {};
  for (const [, name, className] of wrangler.matchAll(/\{\s*"name":\s*"(\w+)",\s*"class_name":\s*"(\w+)"\s*\}/g)) {
    bindings[name] = { className, useSQLite: true };
  }
  if (!bindings.VAULT || !bindings.WEBHOOKS)
    throw new Error('apps/edge/wrangler.jsonc: no VAULT or WEBHOOKS binding found');
  return bindings;
}

/**
 * Starts the one workerd.
 * @param {{ port: number, secrets: Record<string, string>, cryptoScript?: string, inspectorPort?: number }} o
 */
export async function startEdge({ port, secrets, cryptoScript, inspectorPort }) {
  const script = readFileSync(join(EDGE_DIST, 'index.js'), 'utf8');
  const wrangler = readFileSync(join(EDGE_DIR, 'wrangler.jsonc'), 'utf8');
  const compatibilityDate = /"compatibility_date":\s*"([^"]+)"/.exec(wrangler)?.[1] ?? '2026-10-01';
  const persist = mkdtempSync(join(PERSIST_ROOT, 'tessera-bench-'));
  const workers = [
    {
      name: 'tessera-edge',
      modules: [{ type: 'ESModule', path: join(EDGE_DIST, 'index.js'), contents: script }],
      compatibilityDate,
      bindings: secrets,
      durableObjects: durableObjectsOf(wrangler),
      ...rateLimitBindings(),
      assets: {
        directory: DIST.edgeAssets,
        binding: 'ASSETS',
        routerConfig: { has_user_worker: true, invoke_user_worker_ahead_of_assets: true },
        assetConfig: { html_handling: 'none', not_found_handling: 'none' },
      },
    },
    ...(await benchWorkers(compatibilityDate, BENCH_PK)),
  ];
  if (cryptoScript) {
    workers.push({
      name: 'crypto',
      modules: [{ type: 'ESModule', path: 'crypto-worker.js', contents: cryptoScript }],
      compatibilityDate,
      routes: ['*/__bench/crypto*'],
    });
  }
  // Miniflare 5 takes a new options shape; its converter accepts the documented v4 one used here.
  const mf = new Miniflare(
    convertV4MiniflareOptions({
      host: '127.0.0.1',
      port,
      workers,
      // Every Durable Object's SQLite file (and the rate limiters') under the bench's own temp dir, which cost.mjs
      // reads and spawnEdge's stop() removes. (Miniflare 5 drops the v4 `durableObjectsPersist`.)
      resourcePersistencePath: persist,
      // The edge logs one JSON line per request; at thousands of requests/s printing them would be the bottleneck.
      handleRuntimeStdio(stdout, stderr) {
        stdout.resume();
        stderr.resume();
      },
      handleStructuredLogs() {},
      logRequests: false,
      // profile-edge.mjs only: workerd's own V8 inspector.
      ...(inspectorPort ? { inspectorPort } : {}),
    }),
  );
  const url = await mf.ready;
  return { mf, origin: url.origin, persist };
}

/**
 * startEdge in a child process (edge-host.mjs); resolves with the origin, the persist directory (each Durable
 * Object's SQLite file is under `do/<worker>-<class>/`), the host process's pid (workerd is its child) and a `stop()`.
 * @param {Parameters<typeof startEdge>[0]} options
 */
export function spawnEdge(options) {
  const child = spawn(process.execPath, [fileURLToPath(new URL('edge-host.mjs', import.meta.url))], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  child.stdin.end(JSON.stringify(options));
  return new Promise((done, fail) => {
    child.once('exit', (code) => fail(new Error(`edge host exited (${code})`)));
    createInterface({ input: child.stdout }).once('line', (line) => {
      const { origin, persist } = JSON.parse(line);
      const stop = () =>
        new Promise((stopped) => {
          child.once('exit', () => {
            rmSync(persist, { recursive: true, force: true });
            stopped(undefined);
          });
          child.kill('SIGTERM');
        });
      done({ origin, persist, pid: child.pid, stop });
    });
  });
}
