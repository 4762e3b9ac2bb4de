import type { Server } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { TestProject } from 'vitest/node';
import { createProcessor } from './processor';

const EDGE_DIR = fileURLToPath(new URL('../../../../apps/edge/', import.meta.url));
const _WRANGLER = join(EDGE_DIR, 'node_modules/wrangler/bin/wrangler.js');
const _START_TIMEOUT_MS = 150_000;

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
}

/** The agent platform of these tests, set apart from the demo's (whose key a developer may override). */
const AGENT: LocalAgent = { id: 'node_agent', name: 'Node client tests', key: 'ak_test_node_local' };

interface LocalEdge {
  startLocalEdge(
    vars: Record<string, string>,
    name: string,
  ): Promise<{ origin?: string; error?: string; stop: () => Promise<void> }>;
}

async function listen(server: Server | import('node:http').Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('no address');
  return address.port;
}

const script = <T>(name: string) => import(pathToFileURL(join(EDGE_DIR, 'scripts', name)).href) as Promise<T>;

export default async function setup(project: TestProject) {
  const processor = createProcessor();
  const processorPort = await listen(processor);
  const merchants: LocalMerchant[] = ['node', 'rival'].map((id) => ({
    id,
    publishableKey: `pk_test_${id}_local`,
    secretKey: `sk_test_${id}_local`,
    allowedOrigins: ['http://localhost:5173'],
    forwardHosts: [`127.0.0.1:${processorPort}`],
    ...(id === 'node' ? { agents: [AGENT.id] } : {}),
  }));
  const [merchant, rival] = merchants as [LocalMerchant, LocalMerchant];
  const devVars = await script<DevVars>('dev-vars.mjs');
  const vars = { ...(await devVars.generateDevVars(merchants)), TESSERA_AGENTS: devVars.agentsSecret([AGENT]) };
  const edge = await (await script<LocalEdge>('local-edge.mjs')).startLocalEdge(vars, 'node');
  project.provide(
    'edge',
    edge.origin === undefined
      ? { error: edge.error ?? 'the edge did not start' }
      : {
          origin: edge.origin,
          publishableKey: merchant.publishableKey,
          secretKey: merchant.secretKey,
          otherSecretKey: rival.secretKey,
          merchantId: merchant.id,
          agentKey: AGENT.key,
          processor: `http://127.0.0.1:${processorPort}`,
        },
  );
  return async () => {
    await edge.stop();
    processor.closeAllConnections();
    await new Promise((resolve) => processor.close(resolve));
  };
}
