// `pnpm bench`: builds what it measures, then runs every part in one process and one workerd, prints the tables
// and writes bench/results.json. Exits 1 when a budget of bench/README.md is exceeded (bundle sizes, ready time, edge
// ratio); a part that cannot run (a feature not built yet) prints `n/a` and the rest goes on.
// Environment: BENCH_DURATION (s per load point, default 5), BENCH_READY_RUNS (default 25), BENCH_SKIP_BUILD=1,
// BENCH_ONLY (a comma-separated list of parts to run, e.g. `webhooks`; see PARTS).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { launch, openMerchantPage } from './browser.mjs';
import { bundles } from './bundles.mjs';
import { costBench } from './cost.mjs';
import { bundleCryptoWorker, cryptoBench } from './crypto.mjs';
import { edgeLoad, FLOOR_RATIO_BUDGET } from './edge-load.mjs';
import { benchSecrets, buildEdge, freePort, spawnEdge } from './edge-server.mjs';
import { appendHistory } from './history.mjs';
import { memoryBench } from './memory.mjs';
import { startPageServer } from './page-server.mjs';
import { ROOT, snapshotDists } from './paths.mjs';
import { readyBench } from './ready.mjs';
import { writeReport } from './report.mjs';
import { shardLoad } from './shards.mjs';
import { printTables } from './table.mjs';
import { tokenizeBench } from './tokenize-browser.mjs';
import { webhookLoad } from './webhooks.mjs';

/** The parts, in the order they run; BENCH_ONLY names some of them, the others print `n/a (skipped …)`. */
const PARTS = ['bundles', 'edge', 'shards', 'cost', 'webhooks', 'crypto', 'ready', 'tokenize', 'memory'];
const only = (process.env.BENCH_ONLY ?? '')
  .split(',')
  .map((p) => p.trim())
  .filter(Boolean);
const unknown = only.filter((p) => !PARTS.includes(p));
if (unknown.length > 0) {
  console.error(`BENCH_ONLY: unknown part ${unknown.join(', ')} (parts: ${PARTS.join(', ')})`);
  process.exit(2);
}
const runs = (name) => only.length === 0 || only.includes(name);
const SKIPPED = { skipped: `BENCH_ONLY=${only.join(',')}` };

const started = Date.now();
const log = (s) => console.log(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${s}`);
const results = {
  machine: {
    cores: availableParallelism(),
    cpu: cpus()[0]?.model ?? 'unknown',
    node: process.version,
    date: new Date().toISOString(),
    // Others share this machine: the 1-minute load average at the start and the end says how busy it was.
    loadavgStart: loadavg()[0],
  },
  ...(only.length > 0 ? { only } : {}),
};
const cleanups = [];

/** Runs a part; a failure becomes `{ error }` in the results instead of stopping the bench. */
async function part(name, fn) {
  log(`${name}…`);
  try {
    return await fn();
  } catch (error) {
    log(`${name} failed: ${error?.stack ?? error}`);
    return {
      error: String(error?.message ?? error)
        .split('\n')[0]
        .slice(0, 200),
    };
  }
}

function buildPackages() {
  if (process.env.BENCH_SKIP_BUILD === '1') return { skipped: true };
  const t0 = Date.now();
  const filters = ['@tessera/js', '@tessera/elements', '@tessera/react'].map((f) => `--filter=${f}`);
  const run = spawnSync(
    join(ROOT, 'node_modules/.bin/turbo'),
    ['run', 'build', ...filters, '--continue', '--output-logs=errors-only'],
    {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, PATH: `${dirname(process.execPath)}:${process.env.PATH}`, TURBO_TELEMETRY_DISABLED: '1' },
    },
  );
  if (run.status !== 0)
    log(`turbo build exited ${run.status}; a package that did not build shows as n/a:\n${run.stdout.slice(-1500)}`);
  return { status: run.status, ms: Date.now() - t0 };
}

/** Starts apps/demo/server/mock-processor.mjs on a free port when it exists; resolves with its URL or null. */
async function startProcessor() {
  const script = join(ROOT, 'apps/demo/server/mock-processor.mjs');
  if (!existsSync(script)) return null;
  const port = await freePort();
  const child = spawn(process.execPath, [script], {
    env: { ...process.env, TESSERA_PROCESSOR_PORT: String(port) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  cleanups.push(() => child.kill('SIGTERM'));
  for (let i = 0; i < 100; i++) {
    const up = await new Promise((done) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.end();
        done(true);
      });
      socket.on('error', () => done(false));
    });
    if (up) return { port, origin: `http://127.0.0.1:${port}` };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('mock processor did not start');
}

async function main() {
  log('building @tessera/js, @tessera/elements, @tessera/react (turbo) and the edge (wrangler --dry-run)');
  results.build = buildPackages();
  buildEdge();
  await snapshotDists();

  results.bundles = runs('bundles') ? await part('bundles', bundles) : SKIPPED;

  const processor = await part('mock processor', startProcessor);
  const pagePort = await freePort();
  const pageOrigin = `http://localhost:${pagePort}`;
  const forwardHost = processor?.port ? `127.0.0.1:${processor.port}` : undefined;
  const { merchant, secrets, shardKeys, forward } = await benchSecrets({ pageOrigin, forwardHost });
  const cryptoScript = await bundleCryptoWorker();
  // Miniflare in its own process: it parses every log line workerd writes, which must not slow the load client.
  const edge = await spawnEdge({ port: await freePort(), secrets, cryptoScript });
  cleanups.push(() => edge.stop());
  log(`edge (workerd) on ${edge.origin}, merchant page on ${pageOrigin}`);

  const forwardTarget = forward.supported && processor?.origin ? { url: `${processor.origin}/charge` } : null;
  const keys = { origin: edge.origin, pk: merchant.publishableKey, sk: merchant.secretKey, log };
  results.edge = runs('edge')
    ? await part('edge load', () => edgeLoad({ ...keys, forward: forwardTarget }))
    : { ...SKIPPED };
  if (results.edge && !results.edge.error && !results.edge.skipped && !forwardTarget) {
    results.edge.forwardWhy = !forward.supported ? 'not built' : 'mock processor not built';
  }
  // The same tokenize with the merchant's vault in 1, 2 and 4 shards (merchants of their own).
  const shards = runs('shards')
    ? await part('shards', () => shardLoad({ origin: edge.origin, shardKeys, log }))
    : { rps: SKIPPED };
  if (results.edge && typeof results.edge === 'object') {
    results.edge.shards = shards.rps ?? { error: shards.error };
    if (shards.detail) results.edge.shardsDetail = shards.detail;
  }
  // Before any webhook endpoint exists: the cost of a tokenize with none.
  results.cost = runs('cost')
    ? await part('cost', () => costBench({ ...keys, hostPid: edge.pid, persist: edge.persist }))
    : SKIPPED;
  // After the edge table, so that no endpoint or delivery left over could touch its figures.
  results.edge.webhooks = runs('webhooks') ? await part('webhooks', () => webhookLoad(keys)) : SKIPPED;
  results.crypto = runs('crypto') ? await part('crypto', () => cryptoBench({ origin: edge.origin })) : SKIPPED;

  if (runs('ready') || runs('tokenize') || runs('memory')) {
    const server = await startPageServer({ port: pagePort, pk: merchant.publishableKey, edge: edge.origin });
    cleanups.push(() => server.close());
    const browser = await launch();
    cleanups.push(() => browser.close());
    const open = () => openMerchantPage(browser, `${pageOrigin}/`);
    results.ready = runs('ready') ? await part('time to ready', () => readyBench({ open, log })) : SKIPPED;
    results.tokenize = runs('tokenize')
      ? await part('tokenize in Chromium', () => tokenizeBench({ open, log }))
      : SKIPPED;
    results.memory = runs('memory') ? await part('memory', () => memoryBench({ open, log })) : SKIPPED;
  } else {
    results.ready = SKIPPED;
    results.tokenize = SKIPPED;
    results.memory = SKIPPED;
  }

  const over = [];
  const b = results.bundles?.budgets;
  if (b?.sdk?.ok === false) over.push('SDK gzip');
  if (b?.sdkCard?.ok === false) over.push('<tessera-card> script gzip');
  if (b?.fieldPage?.ok === false) over.push('field page gzip');
  if (results.ready?.combined?.medianMs > 150) over.push('ready (card) median');
  if (results.ready?.split?.medianMs > 150) over.push('ready (split) median');
  if (results.ready?.ratioCard > results.ready?.ratioBudget) over.push('ready (card) / 1 bare frame');
  if (results.ready?.ratioSplit > results.ready?.ratioBudget) over.push('ready (split) / 3 bare frames');
  if (results.ready?.liner?.linerRequests > 0) over.push('webcrypto-liner on the common path');
  if (results.edge?.ratioFloor < FLOOR_RATIO_BUDGET) over.push('edge tokenize/DO floor ratio');
  if (results.tokenize?.ratioBrowser > results.tokenize?.ratioBudget) over.push('browser tokenize / its floor');
  if (results.edge?.webhooks?.ok === false) over.push('webhooks tokenize ratio');
  results.budgetsExceeded = over;
  results.totalSeconds = Math.round((Date.now() - started) / 1000);
  results.machine.loadavgEnd = loadavg()[0];
  writeFileSync(join(ROOT, 'bench/results.json'), `${JSON.stringify(results, null, 2)}\n`);
  // One line of headline figures in bench/history.jsonl, then the page charting them (README: History and report).
  try {
    appendHistory(results);
    log(`report: ${writeReport(results)}`);
  } catch (error) {
    log(`history or report failed: ${error?.stack ?? error}`);
  }
  printTables(results);
  log(`done in ${results.totalSeconds} s; bench/results.json written`);
  return over.length === 0 ? 0 : 1;
}

let code = 1;
try {
  code = await main();
} catch (error) {
  console.error(error);
} finally {
  for (const clean of cleanups.reverse()) {
    try {
      await clean();
    } catch {}
  }
}
process.exit(code);
