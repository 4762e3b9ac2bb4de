// `pnpm demo`: everything a newcomer needs to pay with a test card, in one command.
//   1. builds the field page and the SDK (packages/elements, packages/js) and assembles what the edge serves from
//      their dist folders (apps/edge/public, by apps/edge/scripts/assets.mjs);
//   2. writes apps/edge/.dev.vars with random local keys if it is missing;
//   3. starts the checkout page, merchant server and mock processor (apps/demo) and waits until they answer;
//      then the operator console (apps/console, http://localhost:5180, its own origin);
//   4. starts the edge (wrangler dev on 127.0.0.1:8787) and waits until /healthz answers;
//   5. waits until the merchant server has registered its webhook endpoint at the edge (its /readyz answers 200).
// The page starts before the edge so that whoever waits for the edge's /healthz finds the page already up; the
// merchant server registers its endpoint as soon as the edge answers. Playwright's webServer waits for its /readyz,
// so every payment of the e2e run has an endpoint to be delivered to. Children's lines are prefixed [elements] /
// [edge] / [demo] / [console], and also appended to TESSERA_LOG_FILE when it is set. Ctrl-C or SIGTERM stops every
// child; if any child dies, the others are stopped and this exits non-zero. Children stay in this process group, so
// killing the group kills them all.
//
// Environment: TESSERA_PERSIST_DIR (edge storage; default apps/edge/.wrangler/state), TESSERA_MERCHANT_PORT
// (default 4242), TESSERA_PROCESSOR_PORT (mock processor, default 4243; also on the local merchants' forwardHosts),
// TESSERA_DEMO_PK / TESSERA_DEMO_SK, TESSERA_LOG_FILE, TESSERA_DEMO_SKIP_BUILD=1 (reuse dist).
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { connect } from 'node:net';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const EDGE = 'http://127.0.0.1:8787';
const PAGE = 'http://localhost:5173';
const CONSOLE = 'http://localhost:5180';
const merchantPort = Number(process.env.TESSERA_MERCHANT_PORT || 4242);
const MERCHANT = `http://127.0.0.1:${merchantPort}`;
const processorPort = Number(process.env.TESSERA_PROCESSOR_PORT || 4243);
const PROCESSOR = `http://127.0.0.1:${processorPort}`;
const persistDir = resolve(root, process.env.TESSERA_PERSIST_DIR || 'apps/edge/.wrangler/state');
const logFile = process.env.TESSERA_LOG_FILE
  ? createWriteStream(process.env.TESSERA_LOG_FILE, { flags: 'a' })
  : undefined;

const env = {
  ...process.env,
  WRANGLER_SEND_METRICS: 'false',
  WRANGLER_SEND_ERROR_REPORTS: 'false',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  TESSERA_EDGE: EDGE,
  TESSERA_MERCHANT_PORT: String(merchantPort),
  TESSERA_PROCESSOR_PORT: String(processorPort),
};

/** @type {Set<import('node:child_process').ChildProcess>} */
const children = new Set();
let stopping = false;

// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI escape sequences
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;

/** @param {NodeJS.WritableStream} sink @param {string} prefix @param {string} line */
function emit(sink, prefix, line) {
  sink.write(`[${prefix}] ${line}\n`);
  logFile?.write(`[${prefix}] ${line.replace(ANSI, '')}\n`);
}

/** @param {string} line */
const say = (line) => emit(process.stdout, 'tessera', line);

/**
 * Spawns a child in this process group with its output prefixed line by line.
 * @param {string} prefix
 * @param {{ command: string, args: string[], cwd?: string }} what
 */
function spawnPrefixed(prefix, { command, args, cwd = root }) {
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  child.once('exit', () => children.delete(child));
  for (const [source, sink] of /** @type {const} */ ([
    [child.stdout, process.stdout],
    [child.stderr, process.stderr],
  ])) {
    createInterface({ input: source, crlfDelay: Number.POSITIVE_INFINITY }).on('line', (line) =>
      emit(sink, prefix, line),
    );
  }
  return child;
}

/** Runs a one-shot step; rejects when it fails. @param {string} prefix @param {{ command: string, args: string[], cwd?: string }} what */
function run(prefix, what) {
  return new Promise((done, fail) => {
    const child = spawnPrefixed(prefix, what);
    child.once('error', fail);
    child.once('exit', (code, signal) =>
      code === 0
        ? done(undefined)
        : fail(new Error(`${[what.command, ...what.args].join(' ')} failed (${signal ?? code})`)),
    );
  });
}

/** Starts a long-running child; when it ends, everything stops. @param {string} prefix @param {{ command: string, args: string[], cwd?: string }} what */
function keep(prefix, what) {
  const child = spawnPrefixed(prefix, what);
  child.once('error', (error) => stop(1, `${prefix} could not start: ${error.message}`));
  child.once('exit', (code, signal) => stop(code || 1, `${prefix} exited (${signal ?? code}); stopping the demo`));
  return child;
}

/** Stops every child (SIGTERM, then SIGKILL after 5 s) and exits. @param {number} code @param {string} [why] */
async function stop(code, why) {
  if (stopping) return;
  stopping = true;
  if (why) say(why);
  const exits = [...children].map((child) => new Promise((done) => child.once('exit', done)));
  for (const child of children) child.kill('SIGTERM');
  const force = setTimeout(() => {
    for (const child of children) child.kill('SIGKILL');
  }, 5000);
  await Promise.all(exits);
  clearTimeout(force);
  await new Promise((done) => (logFile ? logFile.end(done) : done(undefined)));
  process.exit(code);
}

/** pnpm itself: the one running this script when there is one, else pnpm from PATH. @param {string[]} args */
function pnpm(args) {
  // biome-ignore lint/suspicious/noUndeclaredEnvVars: set by pnpm for this script, which is not a turbo task
  const self = process.env.npm_execpath ?? '';
  if (/pnpm[^/\\]*$/.test(self)) {
    return /\.[cm]?js$/.test(self) ? { command: process.execPath, args: [self, ...args] } : { command: self, args };
  }
  return { command: 'pnpm', args };
}

/** wrangler run directly (no pnpm in between) so that signals reach it. @param {string[]} args */
function wrangler(args) {
  const bin = join(root, 'apps/edge/node_modules/wrangler/bin/wrangler.js');
  if (existsSync(bin)) return { command: process.execPath, args: [bin, ...args], cwd: join(root, 'apps/edge') };
  return pnpm(['--filter', '@tessera/edge', 'exec', 'wrangler', ...args]);
}

/** The console's Vite dev server, run directly (no pnpm in between) so that signals reach it. */
function consoleServer() {
  const cwd = join(root, 'apps/console');
  const bin = join(cwd, 'node_modules/vite/bin/vite.js');
  if (existsSync(bin)) return { command: process.execPath, args: [bin], cwd };
  return pnpm(['--filter', '@tessera/console', 'exec', 'vite']);
}

/** True when something already accepts connections there. @param {string} host @param {number} port */
function inUse(host, port) {
  return new Promise((done) => {
    const socket = connect({ host, port });
    /** @param {boolean} used */
    const finish = (used) => {
      socket.destroy();
      done(used);
    };
    socket.setTimeout(1000);
    socket.once('connect', () => finish(true));
    socket.once('timeout', () => finish(false));
    socket.once('error', () => finish(false));
  });
}

/** Waits until `url` answers 2xx, while `child` lives. @param {string} url @param {import('node:child_process').ChildProcess} child @param {number} timeoutMs */
async function waitFor(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (stopping || child.exitCode !== null || child.signalCode !== null)
      throw new Error(`stopped before ${url} answered`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((done) => setTimeout(done, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

async function main() {
  for (const [host, port, what] of /** @type {const} */ ([
    ['127.0.0.1', 8787, 'the edge'],
    ['127.0.0.1', 5173, 'the checkout page'],
    ['::1', 5173, 'the checkout page'],
    ['127.0.0.1', 5180, 'the operator console'],
    ['::1', 5180, 'the operator console'],
    ['127.0.0.1', merchantPort, 'the merchant server'],
    ['127.0.0.1', processorPort, 'the mock processor'],
  ])) {
    if (await inUse(host, port)) {
      throw new Error(`port ${port} (${what}) is already in use on ${host}: is another demo running? Stop it first.`);
    }
  }

  if (process.env.TESSERA_DEMO_SKIP_BUILD === '1') say('skipping the builds (TESSERA_DEMO_SKIP_BUILD=1)');
  else {
    say('building the field page (packages/elements) and the SDK (packages/js)…');
    await run('elements', pnpm(['--filter', '@tessera/elements', '--filter', '@tessera/js', 'build']));
  }
  // What the edge serves as files: the field pages and the SDK's script-tag builds (apps/edge/scripts/assets.mjs).
  await run('edge', { command: process.execPath, args: [join(root, 'apps/edge/scripts/assets.mjs')] });

  const devVars = join(root, 'apps/edge/scripts/dev-vars.mjs');
  if (existsSync(devVars)) await run('edge', { command: process.execPath, args: [devVars] });
  else say(`warning: ${devVars} is missing; the edge starts without local secrets`);

  say('starting the checkout page and the merchant server (apps/demo)…');
  const demo = keep('demo', {
    command: process.execPath,
    // The hook lets plain Node run the workspace's TypeScript packages (@tessera/node) from their sources.
    args: ['--import', join(root, 'scripts/workspace-typescript.mjs'), join(root, 'apps/demo/server/start.mjs')],
  });
  await waitFor(PAGE, demo, 60_000);
  await waitFor(`${MERCHANT}/healthz`, demo, 10_000);
  await waitFor(`${PROCESSOR}/healthz`, demo, 10_000);

  say('starting the operator console (apps/console)…');
  const operatorConsole = keep('console', consoleServer());
  await waitFor(CONSOLE, operatorConsole, 60_000);

  say(`starting the edge (wrangler dev, storage in ${persistDir})…`);
  mkdirSync(persistDir, { recursive: true });
  const edge = keep('edge', wrangler(['dev', '--ip', '127.0.0.1', '--port', '8787', '--persist-to', persistDir]));
  await waitFor(`${EDGE}/healthz`, edge, 180_000);
  try {
    await waitFor(`${MERCHANT}/readyz`, demo, 20_000);
  } catch (error) {
    if (stopping) throw error;
    say('warning: the merchant server registered no webhook endpoint (see its log): payments work, without webhooks');
  }

  say(`Demo: ${PAGE} (edge ${EDGE}, merchant server ${MERCHANT}, mock processor ${PROCESSOR})`);
  say(`Operator console: ${CONSOLE} (sign in with op_test_local, or TESSERA_OPERATOR_KEY when set)`);
  say('Test cards are listed in apps/demo/README.md. Ctrl-C stops everything.');
}

process.once('SIGINT', () => stop(130, 'stopping the demo…'));
process.once('SIGTERM', () => stop(143, 'stopping the demo…'));
main().catch((error) => stop(1, `demo failed: ${error instanceof Error ? error.message : String(error)}`));
