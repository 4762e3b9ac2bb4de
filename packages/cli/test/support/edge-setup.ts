// Vitest globalSetup of the `edge` project: the real edge, as `wrangler dev` runs it for the demo, started by the
// edge's own apps/edge/scripts/local-edge.mjs with fresh secrets from its dev-vars.mjs: one configured merchant
// (`seeded`, as the demo's are), an operator key of these tests' own and a second KEK to rotate to. If the edge
// does not start, the setup still succeeds and provides the reason: every edge test then fails with it, while the
// unit tests run and report as usual.
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { TestProject } from 'vitest/node';

const EDGE_DIR = fileURLToPath(new URL('../../../../apps/edge/', import.meta.url));

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
  hashKey(key: string): string;
}
interface LocalEdge {
  startLocalEdge(
    vars: Record<string, string>,
    name: string,
  ): Promise<{ origin?: string; error?: string; stop: () => Promise<void> }>;
}

const script = <T>(name: string) => import(pathToFileURL(join(EDGE_DIR, 'scripts', name)).href) as Promise<T>;

export default async function setup(project: TestProject) {
  const seeded: LocalMerchant = {
    id: 'seeded',
    publishableKey: 'pk_test_seeded_local',
    secretKey: 'sk_test_seeded_local',
    allowedOrigins: ['http://localhost:5173'],
    forwardHosts: ['localhost:4243'],
  };
  const devVars = await script<DevVars>('dev-vars.mjs');
  const vars = await devVars.generateDevVars([seeded]);
  vars.TESSERA_OPERATOR_KEY_HASHES = JSON.stringify([devVars.hashKey(OPERATOR_KEY)]);
  // A second KEK, listed but not active, for `rotate start` to rotate to (as apps/edge/vitest.config.ts does).
  const [active] = JSON.parse(vars.TESSERA_KEKS ?? '[]') as { kid: string }[];
  const next = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url');
  vars.TESSERA_KEKS = JSON.stringify([...JSON.parse(vars.TESSERA_KEKS ?? '[]'), { kid: NEXT_KEK, key: next }]);

  const edge = await (await script<LocalEdge>('local-edge.mjs')).startLocalEdge(vars, 'cli');
  project.provide(
    'edge',
    edge.origin === undefined
      ? { error: edge.error ?? 'the edge did not start' }
      : {
          origin: edge.origin,
          operatorKey: OPERATOR_KEY,
          keks: { active: active?.kid ?? '', next: NEXT_KEK },
          seeded: { id: seeded.id, publishableKey: seeded.publishableKey, secretKey: seeded.secretKey },
        },
  );
  return edge.stop;
}
