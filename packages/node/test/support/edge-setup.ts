// Vitest globalSetup of the `edge` project: the real edge, as `wrangler dev` runs it for the demo (workerd, the
// bindings of apps/edge/wrangler.jsonc), but on a free port, with its storage in a fresh temp folder, fresh secrets
// from the edge's own apps/edge/scripts/dev-vars.mjs, two merchants and an agent platform of this package's own (the
// first merchant accepts the platform's vault tokens), and an empty folder for the field pages these tests never
// load. Also starts the stand-in processor that those merchants may forward
// to. If the edge does not start, the setup still succeeds and provides the reason: every edge test then fails
// with it, while the unit tests run and report as usual.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { TestProject } from 'vitest/node';
import { createProcessor } from './processor';

const EDGE_DIR = fileURLToPath(new URL('../../../../apps/edge/', import.meta.url));
const WRANGLER = join(EDGE_DIR, 'node_modules/wrangler/bin/wrangler.js');
const START_TIMEOUT_MS = 150_000;

interface LocalMerchant {
  id: string;
  publishableKey: string;
  secretKey: string;
  allowedOrigins: string[];
  forwardHosts: string[];
  agents?: string[];
}
interface LocalAgent {
  id: string;
  name: string;
  key: string;
}
interface DevVars {
  generateDevVars(merchants: LocalMerchant[]): Promise<Record<string, string>>;
  agentsSecret(agents: LocalAgent[]): string;
  renderDevVars(vars: Record<string, string>): string;
}

/** The agent platform of these tests, set apart from the demo's (whose key a developer may override). */
const AGENT: LocalAgent = { id: 'node_agent', name: 'Node client tests', key: 'ak_test_node_local' };

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

async function listen(server: Server | import('node:http').Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('no address');
  return address.port;
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
  const scratch = mkdtempSync(join(tmpdir(), 'tessera-node-edge-'));
  const processor = createProcessor();
  const processorPort = await listen(processor);
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
    processor.closeAllConnections();
    await new Promise((resolve) => processor.close(resolve));
    rmSync(scratch, { recursive: true, force: true });
  };

  const merchants: LocalMerchant[] = ['node', 'rival'].map((id) => ({
    id,
    publishableKey: `pk_test_${id}_local`,
    secretKey: `sk_test_${id}_local`,
    allowedOrigins: ['http://localhost:5173'],
    forwardHosts: [`127.0.0.1:${processorPort}`],
    ...(id === 'node' ? { agents: [AGENT.id] } : {}),
  }));
  const [merchant, rival] = merchants as [LocalMerchant, LocalMerchant];

  const lines: string[] = [];
  const log = () => lines.slice(-40).join('\n');
  try {
    const devVars = (await import(pathToFileURL(join(EDGE_DIR, 'scripts/dev-vars.mjs')).href)) as DevVars;
    const envFile = join(scratch, 'edge.env');
    const vars = { ...(await devVars.generateDevVars(merchants)), TESSERA_AGENTS: devVars.agentsSecret([AGENT]) };
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
      publishableKey: merchant.publishableKey,
      secretKey: merchant.secretKey,
      otherSecretKey: rival.secretKey,
      merchantId: merchant.id,
      agentKey: AGENT.key,
      processor: `http://127.0.0.1:${processorPort}`,
    });
  } catch (error) {
    project.provide('edge', { error: error instanceof Error ? error.message : String(error) });
  }
  return teardown;
}
