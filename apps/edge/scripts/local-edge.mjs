// Starts a real edge for a package's tests (packages/node, packages/cli): `wrangler dev` with the edge's own
// config, on a free port, with its storage in a temp folder and the given secrets, and an empty folder for the
// field pages those tests never load. The developer's TESSERA_* overrides are for the demo and never reach it.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderDevVars } from './dev-vars.mjs';

const EDGE_DIR = fileURLToPath(new URL('..', import.meta.url));
const WRANGLER = join(EDGE_DIR, 'node_modules/wrangler/bin/wrangler.js');
const START_TIMEOUT_MS = 150_000;

/** A free TCP port on 127.0.0.1 (asked of the OS, then released). */
export function freePort() {
  return /** @type {Promise<number>} */ (
    new Promise((resolve, reject) => {
      const server = createServer();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const address = server.address();
        server.close(() =>
          typeof address === 'object' && address ? resolve(address.port) : reject(new Error('port')),
        );
      });
    })
  );
}

/**
 * Starts the edge and waits until its /healthz answers. Always returns `stop`, which ends wrangler and the workerd
 * it started and removes the temp folder; `origin` when the edge answered, else `error` with the last log lines.
 * @param {Record<string, string>} vars the secrets and the environment marker, as dev-vars.mjs makes them
 * @param {string} name a word for the temp folder
 * @returns {Promise<{ origin?: string, error?: string, stop: () => Promise<void> }>}
 */
export async function startLocalEdge(vars, name) {
  const scratch = mkdtempSync(join(tmpdir(), `tessera-${name}-edge-`));
  /** @type {import('node:child_process').ChildProcess | undefined} */
  let child;
  const stop = async () => {
    if (child?.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child?.once('exit', resolve));
      // The group: wrangler and the workerd it started.
      process.kill(-child.pid, 'SIGTERM');
      const force = setTimeout(() => child?.pid !== undefined && process.kill(-child.pid, 'SIGKILL'), 5000);
      await exited;
      clearTimeout(force);
    }
    rmSync(scratch, { recursive: true, force: true });
  };
  /** @type {string[]} */
  const lines = [];
  const log = () => lines.slice(-40).join('\n');
  try {
    const envFile = join(scratch, 'edge.env');
    writeFileSync(envFile, renderDevVars(vars), { mode: 0o600 });
    mkdirSync(join(scratch, 'assets'));
    const [port, inspectorPort] = [await freePort(), await freePort()];
    const origin = `http://127.0.0.1:${port}`;
    const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('TESSERA_')));
    const started = spawn(
      process.execPath,
      [
        WRANGLER,
        'dev',
        '--env-file',
        envFile,
        '--ip',
        '127.0.0.1',
        '--port',
        String(port),
        '--inspector-port',
        String(inspectorPort),
        '--persist-to',
        join(scratch, 'state'),
        '--assets',
        join(scratch, 'assets'),
        '--show-interactive-dev-session=false',
        '--log-level',
        'warn',
      ],
      {
        cwd: EDGE_DIR,
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: {
          ...env,
          // wrangler's launcher runs whichever `node` comes first on PATH, and needs Node 22.
          PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}`,
          WRANGLER_SEND_METRICS: 'false',
          WRANGLER_SEND_ERROR_REPORTS: 'false',
          CLOUDFLARE_CF_FETCH_ENABLED: 'false',
        },
      },
    );
    child = started;
    for (const stream of [started.stdout, started.stderr]) {
      stream?.setEncoding('utf8');
      stream?.on('data', (text) =>
        lines.push(
          ...String(text)
            .split('\n')
            .filter((line) => line.trim() !== ''),
        ),
      );
    }
    const deadline = Date.now() + START_TIMEOUT_MS;
    for (;;) {
      if (started.exitCode !== null || started.signalCode !== null) {
        throw new Error(
          `wrangler dev exited (${started.signalCode ?? started.exitCode}) before the edge answered:\n${log()}`,
        );
      }
      if (Date.now() > deadline)
        throw new Error(`the edge did not answer within ${START_TIMEOUT_MS / 1000} s:\n${log()}`);
      try {
        if ((await fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(2000) })).ok) return { origin, stop };
      } catch {
        // not up yet
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error), stop };
  }
}
