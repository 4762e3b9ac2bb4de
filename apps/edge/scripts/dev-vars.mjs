// Writes apps/edge/.dev.vars, the local stand-in for the edge's Worker secrets ("Local development" in docs/architecture.md).
// Key-encryption and sealing keys are random per checkout and never committed; the two seeded merchants use the
// fixed local keys unless TESSERA_{DEMO,OTHER}_{PK,SK} override them. The edge itself only ever sees key hashes.
// Both may forward cards to the demo's mock processor on loopback (TESSERA_PROCESSOR_PORT, default 4243), which
// the edge allows only because the file also says TESSERA_ENVIRONMENT=development.
// The generation is exported so the test config can build fresh bindings without touching the file.
import { createHash, webcrypto } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * @typedef {{ id: string, publishableKeyHashes: string[], secretKeyHashes: string[], allowedOrigins: string[], forwardHosts: string[], agents?: string[], requireMandate?: boolean, vaultShards?: number }} MerchantConfig
 * @typedef {{ id: string, publishableKey: string, secretKey: string, allowedOrigins: string[], forwardHosts: string[], agents?: string[], requireMandate?: boolean, vaultShards?: number }} LocalMerchant
 * @typedef {{ kty: 'EC', crv: 'P-256', x: string, y: string }} PublicJwk
 * @typedef {{ id: string, name: string, key: string, mandateIssuerKeys?: PublicJwk[] }} LocalAgent
 * @typedef {{ TESSERA_KEKS: string, TESSERA_SEAL_KEYS: string, TESSERA_MERCHANTS: string, TESSERA_AGENTS: string, TESSERA_OPERATOR_KEY_HASHES: string, TESSERA_ENVIRONMENT: string }} EdgeSecrets
 */

export const DEV_VARS_PATH = fileURLToPath(new URL('../.dev.vars', import.meta.url));

/** The port of the demo's mock processor (apps/demo/server/mock-processor.mjs) unless overridden. */
export const DEFAULT_PROCESSOR_PORT = 4243;

/**
 * Where local merchants may forward cards: the mock processor, by either loopback name.
 * @param {Record<string, string | undefined>} env
 */
export function localForwardHosts(env = process.env) {
  const port = Number(env.TESSERA_PROCESSOR_PORT || DEFAULT_PROCESSOR_PORT);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new RangeError('TESSERA_PROCESSOR_PORT: not a port');
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

/**
 * The seeded local merchants, with keys taken from `env` where given.
 * @param {Record<string, string | undefined>} env
 * @returns {LocalMerchant[]}
 */
export function localMerchants(env = process.env) {
  return [
    {
      id: 'demo',
      publishableKey: env.TESSERA_DEMO_PK || 'pk_test_demo_local',
      secretKey: env.TESSERA_DEMO_SK || 'sk_test_demo_local',
      allowedOrigins: ['http://localhost:5173', 'http://127.0.0.1:5173'],
      forwardHosts: localForwardHosts(env),
      agents: ['agent'],
    },
    {
      id: 'other',
      publishableKey: env.TESSERA_OTHER_PK || 'pk_test_other_local',
      secretKey: env.TESSERA_OTHER_SK || 'sk_test_other_local',
      allowedOrigins: ['http://localhost:5199'],
      forwardHosts: localForwardHosts(env),
    },
  ];
}

/** @param {string} key */
export const hashKey = (key) => createHash('sha256').update(key, 'utf8').digest('hex');

/** @param {number} bytes */
const randomId = (bytes) => Buffer.from(webcrypto.getRandomValues(new Uint8Array(bytes))).toString('base64url');

/**
 * The `TESSERA_MERCHANTS` secret: only hashes of the keys.
 * @param {LocalMerchant[]} merchants
 */
export function merchantsSecret(merchants) {
  /** @type {MerchantConfig[]} */
  const config = merchants.map((m) => ({
    id: m.id,
    publishableKeyHashes: [hashKey(m.publishableKey)],
    secretKeyHashes: [hashKey(m.secretKey)],
    allowedOrigins: m.allowedOrigins,
    forwardHosts: m.forwardHosts,
    ...(m.agents ? { agents: m.agents } : {}),
    // Only when set, so the secret of a configuration without it stays the same text.
    ...(m.requireMandate === undefined ? {} : { requireMandate: m.requireMandate }),
    ...(m.vaultShards === undefined ? {} : { vaultShards: m.vaultShards }),
  }));
  return JSON.stringify(config);
}

/**
 * The seeded local agent platform, its key taken from `env` where given. It issues no AP2 mandates locally
 * (no `mandateIssuerKeys`), and no local merchant requires one.
 * @param {Record<string, string | undefined>} env
 * @returns {LocalAgent[]}
 */
export const localAgents = (env = process.env) => [
  { id: 'agent', name: 'Local agent platform', key: env.TESSERA_AGENT_KEY || 'ak_test_agent_local' },
];

/** The local operator key: the fixed local value, or TESSERA_OPERATOR_KEY. */
export const localOperatorKey = (env = process.env) => env.TESSERA_OPERATOR_KEY || 'op_test_local';

/** The `TESSERA_OPERATOR_KEY_HASHES` secret: the bootstrap operator key's hash. */
export const operatorKeysSecret = (env = process.env) => JSON.stringify([hashKey(localOperatorKey(env))]);

/**
 * The `TESSERA_AGENTS` secret: only hashes of the keys, and the public keys of a platform's mandate issuer.
 * @param {LocalAgent[]} agents
 */
export const agentsSecret = (agents) =>
  JSON.stringify(
    agents.map((a) => ({
      id: a.id,
      name: a.name,
      keyHashes: [hashKey(a.key)],
      ...(a.mandateIssuerKeys === undefined ? {} : { mandateIssuerKeys: a.mandateIssuerKeys }),
    })),
  );

/** A fresh `TESSERA_KEKS` secret: one random 256-bit key-encryption key. */
export function keksSecret() {
  const key = Buffer.from(webcrypto.getRandomValues(new Uint8Array(32))).toString('base64url');
  return JSON.stringify([{ kid: `kek_${randomId(6)}`, key }]);
}

/** A fresh `TESSERA_SEAL_KEYS` secret: one random P-256 private JWK for unsealing cards. */
export async function sealKeysSecret() {
  const pair = await webcrypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits']);
  const { kty, crv, x, y, d } = await webcrypto.subtle.exportKey('jwk', pair.privateKey);
  return JSON.stringify([{ kty, crv, x, y, d, kid: `seal_${randomId(6)}` }]);
}

/** Marks the configuration as local development; the edge treats anything else as production. */
export const DEVELOPMENT = 'development';

/**
 * Every secret the edge needs, freshly generated, and the development marker.
 * @param {LocalMerchant[]} merchants
 * @returns {Promise<EdgeSecrets>}
 */
export async function generateDevVars(merchants = localMerchants()) {
  return {
    TESSERA_KEKS: keksSecret(),
    TESSERA_SEAL_KEYS: await sealKeysSecret(),
    TESSERA_MERCHANTS: merchantsSecret(merchants),
    TESSERA_AGENTS: agentsSecret(localAgents()),
    TESSERA_OPERATOR_KEY_HASHES: operatorKeysSecret(),
    TESSERA_ENVIRONMENT: DEVELOPMENT,
  };
}

// Single quotes make dotenv take the JSON literally; none of these values can contain one.
/** @param {Record<string, string>} vars */
export const renderDevVars = (vars) =>
  `# Generated by scripts/dev-vars.mjs for local development only. Never commit this file.\n${Object.entries(vars)
    .map(([name, value]) => `${name}='${value}'`)
    .join('\n')}\n`;

/** @param {string} text */
export function parseDevVars(text) {
  /** @type {Record<string, string>} */
  const vars = {};
  for (const line of text.split('\n')) {
    const match = /^([A-Z0-9_]+)='(.*)'$/.exec(line.trim());
    if (match?.[1] && match[2] !== undefined) vars[match[1]] = match[2];
  }
  return vars;
}

/**
 * Creates the file when missing; rewrites only the merchants line (and adds the development marker) when the
 * merchant keys or the processor port changed or the file predates them.
 * @returns {Promise<'created' | 'updated' | 'unchanged'>}
 */
export async function ensureDevVars(path = DEV_VARS_PATH, env = process.env) {
  const merchants = merchantsSecret(localMerchants(env));
  const agents = agentsSecret(localAgents(env));
  const operators = operatorKeysSecret(env);
  if (!existsSync(path)) {
    writeFileSync(path, renderDevVars({ ...(await generateDevVars(localMerchants(env))) }), { mode: 0o600 });
    return 'created';
  }
  const vars = parseDevVars(readFileSync(path, 'utf8'));
  const current =
    vars.TESSERA_MERCHANTS === merchants &&
    vars.TESSERA_AGENTS === agents &&
    vars.TESSERA_OPERATOR_KEY_HASHES === operators &&
    vars.TESSERA_ENVIRONMENT === DEVELOPMENT;
  if (vars.TESSERA_KEKS && vars.TESSERA_SEAL_KEYS && current) return 'unchanged';
  const fresh = vars.TESSERA_KEKS && vars.TESSERA_SEAL_KEYS ? {} : await generateDevVars();
  writeFileSync(
    path,
    renderDevVars({
      ...fresh,
      ...vars,
      TESSERA_MERCHANTS: merchants,
      TESSERA_AGENTS: agents,
      TESSERA_OPERATOR_KEY_HASHES: operators,
      TESSERA_ENVIRONMENT: DEVELOPMENT,
    }),
    { mode: 0o600 },
  );
  return 'updated';
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const outcome = await ensureDevVars();
  // Says what happened, never what the file holds.
  console.log(`apps/edge/.dev.vars ${outcome}`);
}
