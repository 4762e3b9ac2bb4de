// Generates the edge's Worker secrets for a real deployment, as the JSON object `wrangler secret bulk` takes
// (docs/deploy.md). The key-encryption and sealing keys are fresh; each merchant gets fresh random API keys, and the
// deployment a fresh operator key for the operator API, all shown once on stderr and put into the secrets only as
// SHA-256 hashes. The secrets are built by the same functions as the local .dev.vars (dev-vars.mjs), so local and
// deployed secrets cannot drift apart in shape.
//
//   node scripts/secrets.mjs generate [--env live|test] --merchant <id> [--origin <origin>]…
//                                     [--forward-host <host>]… [--merchant <id> …] [--out <file>]
//   node scripts/secrets.mjs kek        one fresh TESSERA_KEKS entry, to put first when rolling the KEK
//   node scripts/secrets.mjs seal-key   one fresh TESSERA_SEAL_KEYS entry, to add when rolling the sealing key
//
// Key material is written to a file (--out, mode 0600, never overwritten) or to a pipe, never to a terminal, where
// it would stay in the scrollback.
import { webcrypto } from 'node:crypto';
import { closeSync, openSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { agentsSecret, keksSecret, merchantsSecret, operatorKeysSecret, sealKeysSecret } from './dev-vars.mjs';

/**
 * @typedef {'live' | 'test'} KeyMode
 * @typedef {{ id: string, origins: string[], forwardHosts: string[] }} MerchantRequest
 * @typedef {{ TESSERA_KEKS: string, TESSERA_SEAL_KEYS: string, TESSERA_MERCHANTS: string, TESSERA_AGENTS: string,
 *   TESSERA_OPERATOR_KEY_HASHES: string }} DeploySecrets
 * @typedef {{ operatorKey: string, merchants: { id: string, publishableKey: string, secretKey: string }[] }} IssuedKeys
 * @typedef {{ command: 'generate', mode: KeyMode, merchants: MerchantRequest[], out: string | undefined }
 *   | { command: 'kek' } | { command: 'seal-key' } | { command: 'help' }} Command
 * @typedef {{ write(text: string): unknown, isTTY?: boolean }} Output
 * @typedef {{ stdout: Output, stderr: Output, cwd: string }} Io
 */

/** A mistake in the command line: the message says what to write instead. */
export class UsageError extends Error {}

export const USAGE = `Usage:
  pnpm --filter @tessera/edge secrets generate [--env live|test] --merchant <id> [--origin <https origin>]...
      [--forward-host <host[:port]>]... [--merchant <id> ...] [--out <file>]
  pnpm --filter @tessera/edge secrets kek        one fresh TESSERA_KEKS entry
  pnpm --filter @tessera/edge secrets seal-key   one fresh TESSERA_SEAL_KEYS entry

--origin and --forward-host belong to the --merchant before them. --env chooses the keys' kind: live (pk_live_,
sk_live_, op_live_), the default, or test; the Wrangler environment is chosen when uploading (wrangler secret bulk
--env).
--out writes the JSON to a new file with mode 0600; without it the JSON goes to stdout, which must not be a terminal.`;

// The edge's own rules for ids, origins and forward hosts (src/config/config-schema.ts), so that a mistake is named
// here rather than in a 503 after the upload; secrets.test.mjs parses the output with those schemas.
const MERCHANT_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * A fresh API key: its kind, its mode and 32 random bytes in hex (the SDK accepts only `\w` after the prefix).
 * @param {'pk' | 'sk' | 'op'} kind
 * @param {KeyMode} mode
 */
export const newApiKey = (kind, mode) =>
  `${kind}_${mode}_${Buffer.from(webcrypto.getRandomValues(new Uint8Array(32))).toString('hex')}`;

/**
 * Why an origin cannot be a merchant's allowed origin, or undefined when it can.
 * @param {string} value
 * @param {KeyMode} mode
 */
function originProblem(value, mode) {
  let url;
  try {
    url = new URL(value);
  } catch {
    return 'not a URL';
  }
  if (url.protocol !== 'https:' && !(mode === 'test' && url.protocol === 'http:')) {
    return mode === 'live' ? 'live keys need an https origin' : 'not an http(s) origin';
  }
  if (url.origin !== value) return `an origin has no path, query or trailing slash: write ${url.origin}`;
  return undefined;
}

/**
 * Why a host cannot be a forward destination, or undefined when it can: exactly as `URL.host` spells it, and a
 * name, since the edge refuses to forward to an IP literal.
 * @param {string} value
 */
function hostProblem(value) {
  let url;
  try {
    url = new URL(`https://${value}/`);
  } catch {
    return 'not a host';
  }
  if (url.username !== '' || url.password !== '' || url.pathname !== '/' || url.search !== '' || url.hash !== '') {
    return 'a host only: no scheme, credentials or path';
  }
  if (url.host !== value) return `write it as ${url.host}`;
  if (url.hostname.startsWith('[') || /^\d+\.\d+\.\d+\.\d+$/.test(url.hostname)) {
    return 'the edge forwards only to host names, not IP addresses';
  }
  return undefined;
}

/**
 * Refuses merchants the edge would refuse, naming the option to fix.
 * @param {MerchantRequest[]} merchants
 * @param {KeyMode} mode
 */
export function checkMerchants(merchants, mode) {
  if (merchants.length === 0) throw new UsageError('generate needs at least one --merchant <id>');
  const seen = new Set();
  for (const { id, origins, forwardHosts } of merchants) {
    if (!MERCHANT_ID.test(id)) throw new UsageError(`--merchant ${id}: 1-64 letters, digits, _ or -`);
    if (seen.has(id)) throw new UsageError(`--merchant ${id}: given twice`);
    seen.add(id);
    for (const origin of origins) {
      const problem = originProblem(origin, mode);
      if (problem) throw new UsageError(`--origin ${origin} (merchant ${id}): ${problem}`);
    }
    for (const host of forwardHosts) {
      const problem = hostProblem(host);
      if (problem) throw new UsageError(`--forward-host ${host} (merchant ${id}): ${problem}`);
    }
  }
}

/**
 * Every secret the edge requires, freshly generated, and the keys issued with them (only their hashes are in the
 * secrets): each merchant's, and one operator key for the operator API. No agent platforms: `TESSERA_AGENTS` is
 * `[]`, which wrangler.jsonc still requires to be set.
 * @param {{ mode: KeyMode, merchants: MerchantRequest[] }} request
 * @returns {Promise<{ secrets: DeploySecrets, keys: IssuedKeys }>}
 */
export async function generateSecrets({ mode, merchants }) {
  checkMerchants(merchants, mode);
  const issued = merchants.map((m) => ({
    id: m.id,
    publishableKey: newApiKey('pk', mode),
    secretKey: newApiKey('sk', mode),
    allowedOrigins: m.origins,
    forwardHosts: m.forwardHosts,
  }));
  const operatorKey = newApiKey('op', mode);
  return {
    secrets: {
      TESSERA_KEKS: keksSecret(),
      TESSERA_SEAL_KEYS: await sealKeysSecret(),
      TESSERA_MERCHANTS: merchantsSecret(issued),
      TESSERA_AGENTS: agentsSecret([]),
      TESSERA_OPERATOR_KEY_HASHES: operatorKeysSecret({ TESSERA_OPERATOR_KEY: operatorKey }),
    },
    keys: {
      operatorKey,
      merchants: issued.map((m) => ({ id: m.id, publishableKey: m.publishableKey, secretKey: m.secretKey })),
    },
  };
}

/**
 * Reads the command line. `--origin` and `--forward-host` attach to the `--merchant` before them, so the options'
 * order matters: parseArgs' tokens keep it.
 * @param {string[]} argv
 * @returns {Command}
 */
export function parseCommand(argv) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      tokens: true,
      options: {
        env: { type: 'string' },
        merchant: { type: 'string', multiple: true },
        origin: { type: 'string', multiple: true },
        'forward-host': { type: 'string', multiple: true },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals, tokens } = parsed;
  if (values.help) return { command: 'help' };
  const [command, ...extra] = positionals;
  if (extra.length > 0) throw new UsageError(`unexpected argument: ${extra[0]}`);
  if (command === 'kek' || command === 'seal-key') {
    const given = tokens.find((t) => t.kind === 'option');
    if (given) throw new UsageError(`${command} takes no options (--${given.name})`);
    return command === 'kek' ? { command: 'kek' } : { command: 'seal-key' };
  }
  if (command !== 'generate') throw new UsageError(command ? `unknown command: ${command}` : 'no command given');

  const mode = values.env ?? 'live';
  if (mode !== 'live' && mode !== 'test') {
    throw new UsageError(
      `--env ${mode}: --env is the keys' kind, live or test; the Wrangler environment is chosen when uploading ` +
        `(wrangler secret bulk <file> --env ${mode})`,
    );
  }
  /** @type {MerchantRequest[]} */
  const merchants = [];
  for (const token of tokens) {
    if (token.kind !== 'option' || token.value === undefined) continue;
    if (token.name === 'merchant') merchants.push({ id: token.value, origins: [], forwardHosts: [] });
    if (token.name !== 'origin' && token.name !== 'forward-host') continue;
    const current = merchants.at(-1);
    if (!current) {
      throw new UsageError(`--${token.name} ${token.value}: put it after the --merchant <id> it belongs to`);
    }
    (token.name === 'origin' ? current.origins : current.forwardHosts).push(token.value);
  }
  return { command: 'generate', mode, merchants, out: values.out };
}

/**
 * Writes a new file readable by its owner only. Never overwrites: an existing file may hold the only copy of a KEK.
 * @param {string} path
 * @param {string} text
 */
export function writeSecretFile(path, text) {
  let fd;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'EEXIST') {
      throw new UsageError(`${path} exists; it may hold the only copy of a key, so it is not overwritten`);
    }
    throw error;
  }
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
}

/**
 * Refuses a terminal as the place for key material, before any is generated.
 * @param {Output} stdout
 */
function refuseTerminal(stdout) {
  if (stdout.isTTY) {
    throw new UsageError('this prints key material: pipe it into a command, or use generate --out <file>');
  }
}

/** @param {IssuedKeys} keys */
const keysNotice = (keys) =>
  [
    'Store these keys now, in your password manager or secret store: they are shown this once. The edge keeps only',
    'their SHA-256 hashes, so a lost key cannot be recovered, only replaced.',
    '',
    `  operator key (the operator API, /v1/admin/*)  ${keys.operatorKey}`,
    ...keys.merchants.flatMap((m) => [
      `  merchant ${m.id}`,
      `    publishable key  ${m.publishableKey}`,
      `    secret key       ${m.secretKey}`,
    ]),
    '',
  ].join('\n');

/**
 * Runs one command; answers the exit code (0, 1 on a failure, 2 on a usage mistake).
 * @param {string[]} argv
 * @param {Io} io
 */
export async function main(argv, io) {
  try {
    const command = parseCommand(argv);
    if (command.command === 'help') {
      io.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (command.command !== 'generate' || command.out === undefined) refuseTerminal(io.stdout);
    if (command.command === 'kek') {
      io.stdout.write(`${JSON.stringify(JSON.parse(keksSecret())[0])}\n`);
      return 0;
    }
    if (command.command === 'seal-key') {
      io.stdout.write(`${JSON.stringify(JSON.parse(await sealKeysSecret())[0])}\n`);
      return 0;
    }
    const { secrets, keys } = await generateSecrets(command);
    const json = `${JSON.stringify(secrets, null, 2)}\n`;
    if (command.out === undefined) io.stdout.write(json);
    else writeSecretFile(resolve(io.cwd, command.out), json);
    io.stderr.write(keysNotice(keys));
    if (command.out !== undefined) {
      io.stderr.write(`Wrote ${resolve(io.cwd, command.out)} (mode 0600): ${Object.keys(secrets).join(', ')}\n`);
    }
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`secrets: ${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    io.stderr.write(`secrets: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  // pnpm runs the script in apps/edge; INIT_CWD is where the operator typed the command, which --out is relative to.
  process.exitCode = await main(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    cwd: process.env.INIT_CWD ?? process.cwd(),
  });
}
