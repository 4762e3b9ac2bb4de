// Vitest globalSetup of the `edge` project: the real edge, as `wrangler dev` runs it for the demo (workerd, the
// bindings of apps/edge/wrangler.jsonc), on a free port, with its storage in a fresh temp folder and fresh secrets
// from the edge's own apps/edge/scripts/dev-vars.mjs: one configured merchant (`seeded`, as the demo's are) and an
// operator key of these tests' own. The same approach as packages/node/test/support/edge-setup.ts. If the edge does
// not start, the setup still succeeds and provides the reason: every edge test then fails with it, while the unit
// tests run and report as usual.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { TestProject } from 'vitest/node';

const EDGE_DIR = fileURLToPath(new URL('../../../../apps/edge/', import.meta.url));
const WRANGLER = join(EDGE_DIR, 'node_modules/wrangler/bin/wrangler.js');
const START_TIMEOUT_MS = 150_000;

/** The tests' operator key: not the demo's, so a developer's TESSERA_OPERATOR_KEY cannot change it. */
const OPERATOR_KEY = 'op_test_cli_local';
const NEXT_KEK = 'kek_next';

interface LocalMerchant {
  id: string;
  publishableKey: string;
  secretKey: string;
  allowedOrigins: string[];
  forwardHosts: string[];
}
interface DevVars {
  generateDevVars(merchants: LocalMerchant[]): Promise<Record<string, string>>;
  renderDevVars(vars: Record<string, string>): string;
  hashKey(key: string): string;
}

/** A free TCP port on 127.0.0.1 (asked of the OS, then released). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('port'))));
    });
  });
}

/** Waits until the edge's /healthz answers 200, while the child lives. */
async function healthy(origin: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `wrangler dev exited (${child.signalCode ?? child.exitCode}) before the edge answered:\n${log()}`,
      );
    }
    try {
      if ((await fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(2000) })).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the edge did not answer within ${START_TIMEOUT_MS / 1000} s:\n${log()}`);
}

export default async function setup(project: TestProject) {
  const scratch = mkdtempSync(join(tmpdir(), 'tessera-cli-edge-'));
  let child: ChildProcess | undefined;

  const teardown = async () => {
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

  const seeded: LocalMerchant = {
    id: 'seeded',
    publishableKey: 'pk_test_seeded_local',
    secretKey: 'sk_test_seeded_local',
    allowedOrigins: ['http://localhost:5173'],
    forwardHosts: ['localhost:4243'],
  };

  const lines: string[] = [];
  const log = () => lines.slice(-40).join('\n');
  try {
    const devVars = (await import(pathToFileURL(join(EDGE_DIR, 'scripts/dev-vars.mjs')).href)) as DevVars;
    const envFile = join(scratch, 'edge.env');
    const vars = await devVars.generateDevVars([seeded]);
    vars.TESSERA_OPERATOR_KEY_HASHES = JSON.stringify([devVars.hashKey(OPERATOR_KEY)]);
    // A second KEK, listed but not active, for `rotate start` to rotate to (as apps/edge/vitest.config.ts does).
    const [active] = JSON.parse(vars.TESSERA_KEKS ?? '[]') as { kid: string }[];
    const next = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url');
    vars.TESSERA_KEKS = JSON.stringify([...JSON.parse(vars.TESSERA_KEKS ?? '[]'), { kid: NEXT_KEK, key: next }]);
    writeFileSync(envFile, devVars.renderDevVars(vars), { mode: 0o600 });
    mkdirSync(join(scratch, 'assets'));
    const [port, inspectorPort] = [await freePort(), await freePort()];
    const origin = `http://127.0.0.1:${port}`;
    // The developer's TESSERA_* overrides are for the demo; none of them may reach this edge's secrets.
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('TESSERA_')));
    child = spawn(
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
    for (const stream of [child.stdout, child.stderr]) {
      stream?.setEncoding('utf8');
      stream?.on('data', (text: string) => lines.push(...text.split('\n').filter((line) => line.trim() !== '')));
    }
    await healthy(origin, child, log);
    project.provide('edge', {
      origin,
      operatorKey: OPERATOR_KEY,
      keks: { active: active?.kid ?? '', next: NEXT_KEK },
      seeded: { id: seeded.id, publishableKey: seeded.publishableKey, secretKey: seeded.secretKey },
    });
  } catch (error) {
    project.provide('edge', { error: error instanceof Error ? error.message : String(error) });
  }
  return teardown;
}
