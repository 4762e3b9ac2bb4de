// Node-side test of the deployment secrets generator (vitest.node.config.ts), type-checked by tsconfig.node.json.
// Its output is judged by the edge's own schemas, and its secret names by wrangler.jsonc read through Wrangler.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { unstable_readConfig } from 'wrangler';
import { hashKey } from './dev-vars.mjs';
import { generateSecrets, main, parseCommand } from './secrets.mjs';

// The edge's own schemas, from its worker source. tsconfig.node.json, which checks this file, may not take worker
// source into its program, so they come in by a path the compiler does not follow and are typed loosely here.
const SCHEMAS = '../src/config/config-schema.ts';
/**
 * @typedef {'KeksSchema' | 'SealKeysSchema' | 'MerchantsSchema' | 'AgentsSchema' | 'OperatorKeyHashesSchema'} SchemaName
 */
/** @type {Record<SchemaName, v.GenericSchema>} */
const { AgentsSchema, KeksSchema, MerchantsSchema, OperatorKeyHashesSchema, SealKeysSchema } = await import(SCHEMAS);

/**
 * @typedef {{ id: string, publishableKeyHashes: string[], secretKeyHashes: string[], allowedOrigins: string[],
 *   forwardHosts: string[] }} Merchant
 */
/** @param {unknown} json */
const parseMerchants = (json) => /** @type {Merchant[]} */ (v.parse(MerchantsSchema, json));
/** @param {v.GenericSchema} schema @param {unknown} json */
const parseList = (schema, json) => /** @type {unknown[]} */ (v.parse(schema, json));

const script = fileURLToPath(new URL('./secrets.mjs', import.meta.url));

/** @param {string[]} argv */
async function run(argv, { tty = false, cwd = tmpdir() } = {}) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: { isTTY: tty, write: (text) => (stdout += text) },
    stderr: { write: (text) => (stderr += text) },
    cwd,
  });
  return { code, stdout, stderr };
}

const TWO_MERCHANTS = [
  'generate',
  '--merchant',
  'acme',
  '--origin',
  'https://shop.acme.example',
  '--origin',
  'https://www.acme.example',
  '--forward-host',
  'api.processor.example',
  '--merchant',
  'globex',
  '--origin',
  'https://pay.globex.example',
];

describe('secrets generate', () => {
  it('prints what the edge parses: its own schemas accept every secret, merchants as the options said', async () => {
    const { code, stdout } = await run(TWO_MERCHANTS);
    expect(code).toBe(0);
    /** @type {Record<string, unknown>} */
    const secrets = JSON.parse(stdout);
    // `wrangler secret bulk` takes an object of strings.
    for (const value of Object.values(secrets)) expect(typeof value).toBe('string');
    const text = (/** @type {string} */ name) => /** @type {string} */ (secrets[name]);
    expect(parseList(KeksSchema, JSON.parse(text('TESSERA_KEKS')))).toHaveLength(1);
    expect(parseList(SealKeysSchema, JSON.parse(text('TESSERA_SEAL_KEYS')))).toHaveLength(1);
    expect(parseList(AgentsSchema, JSON.parse(text('TESSERA_AGENTS')))).toEqual([]);
    expect(parseList(OperatorKeyHashesSchema, JSON.parse(text('TESSERA_OPERATOR_KEY_HASHES')))).toHaveLength(1);
    const merchants = parseMerchants(JSON.parse(text('TESSERA_MERCHANTS')));
    expect(merchants.map((m) => [m.id, m.allowedOrigins, m.forwardHosts])).toEqual([
      ['acme', ['https://shop.acme.example', 'https://www.acme.example'], ['api.processor.example']],
      ['globex', ['https://pay.globex.example'], []],
    ]);
  });

  it('generates exactly the secrets wrangler.jsonc requires, so a deploy with them finds none missing', async () => {
    const config = unstable_readConfig({ config: fileURLToPath(new URL('../wrangler.jsonc', import.meta.url)) });
    const { secrets } = await generateSecrets(parseCommandOf(TWO_MERCHANTS));
    // A secret added to wrangler.jsonc must be generated here too, or `wrangler deploy` refuses the Worker.
    expect(Object.keys(secrets).sort()).toEqual([...(config.secrets?.required ?? [])].sort());
  });

  it('shows each key once, on stderr, random, and puts only its hash in the JSON', async () => {
    const first = await run(TWO_MERCHANTS);
    const second = await run(TWO_MERCHANTS);
    const keysOf = (/** @type {string} */ stderr) =>
      [...stderr.matchAll(/\b(?:pk|sk)_live_[0-9a-f]{64}\b/g)].map((m) => m[0]);
    const keys = keysOf(first.stderr);
    expect(keys).toHaveLength(4);
    expect(first.stderr).toMatch(/shown this once/);
    // Random: nothing repeats within a run or across runs.
    expect(new Set([...keys, ...keysOf(second.stderr)]).size).toBe(8);
    expect(first.stdout).not.toMatch(/[ps]k_(?:live|test)_/);
    for (const key of keys) expect(first.stdout).not.toContain(key.slice('sk_live_'.length));
    const operatorKey = /\bop_live_[0-9a-f]{64}\b/.exec(first.stderr)?.[0] ?? '';
    expect(first.stderr).not.toContain(/\bop_live_[0-9a-f]{64}\b/.exec(second.stderr)?.[0]);
    expect(first.stdout).not.toContain(operatorKey.slice('op_live_'.length));
    expect(JSON.parse(JSON.parse(first.stdout).TESSERA_OPERATOR_KEY_HASHES)).toEqual([hashKey(operatorKey)]);
    const merchants = parseMerchants(JSON.parse(JSON.parse(first.stdout).TESSERA_MERCHANTS));
    const [acmePk, acmeSk, globexPk, globexSk] = keys.map(hashKey);
    expect(merchants.map((m) => [m.publishableKeyHashes, m.secretKeyHashes])).toEqual([
      [[acmePk], [acmeSk]],
      [[globexPk], [globexSk]],
    ]);
    // Fresh KEK and sealing key each time too.
    expect(JSON.parse(first.stdout).TESSERA_KEKS).not.toBe(JSON.parse(second.stdout).TESSERA_KEKS);
    expect(JSON.parse(first.stdout).TESSERA_SEAL_KEYS).not.toBe(JSON.parse(second.stdout).TESSERA_SEAL_KEYS);
  });

  it('issues pk_test_, sk_test_ and op_test_ keys with --env test, which may allow an http origin', async () => {
    const { code, stderr } = await run([
      'generate',
      '--env',
      'test',
      '--merchant',
      'dev',
      '--origin',
      'http://localhost:3000',
    ]);
    expect(code).toBe(0);
    expect(stderr).toMatch(/publishable key {2}pk_test_[0-9a-f]{64}\n/);
    expect(stderr).toMatch(/secret key {7}sk_test_[0-9a-f]{64}\n/);
    expect(stderr).toMatch(/operator key .* op_test_[0-9a-f]{64}\n/);
    expect(stderr).not.toMatch(/_live_/);
  });

  it('writes --out as a new file only its owner can read, relative to where the command was typed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-secrets-'));
    const { code, stdout, stderr } = await run([...TWO_MERCHANTS, '--out', 'production.json'], { cwd: dir });
    expect(code).toBe(0);
    expect(stdout).toBe('');
    const file = join(dir, 'production.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(Object.keys(JSON.parse(readFileSync(file, 'utf8')))).toContain('TESSERA_KEKS');
    expect(stderr).toContain(`Wrote ${file} (mode 0600)`);
    // The file may hold the only copy of a KEK: a second run must not replace it.
    const again = await run([...TWO_MERCHANTS, '--out', 'production.json'], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/exists/);
  });

  it('runs as a script: the JSON alone on stdout, keys on stderr, 0600 with --out', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-secrets-'));
    const piped = spawnSync(process.execPath, [script, ...TWO_MERCHANTS], { encoding: 'utf8' });
    expect(piped.status).toBe(0);
    expect(Object.keys(JSON.parse(piped.stdout))).toContain('TESSERA_OPERATOR_KEY_HASHES');
    expect(piped.stderr).toMatch(/sk_live_[0-9a-f]{64}/);
    const written = spawnSync(process.execPath, [script, ...TWO_MERCHANTS, '--out', 'edge.json'], {
      encoding: 'utf8',
      env: { ...process.env, INIT_CWD: dir },
    });
    expect(written.status).toBe(0);
    expect(statSync(join(dir, 'edge.json')).mode & 0o777).toBe(0o600);
  });

  it('refuses to print key material to a terminal', async () => {
    const { code, stdout, stderr } = await run(TWO_MERCHANTS, { tty: true });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/--out/);
    expect(stderr).not.toMatch(/sk_live_[0-9a-f]/);
    expect((await run(['kek'], { tty: true })).code).toBe(2);
    // A file is fine: only stdout is refused.
    const dir = mkdtempSync(join(tmpdir(), 'tessera-secrets-'));
    expect((await run([...TWO_MERCHANTS, '--out', 'edge.json'], { tty: true, cwd: dir })).code).toBe(0);
  });

  it.each([
    [['generate'], /at least one --merchant/],
    [['generate', '--origin', 'https://a.example', '--merchant', 'a'], /after the --merchant/],
    [['generate', '--merchant', 'a b'], /letters, digits/],
    [['generate', '--merchant', 'a', '--merchant', 'a'], /given twice/],
    [['generate', '--merchant', 'a', '--origin', 'http://shop.example'], /live keys need an https origin/],
    [['generate', '--merchant', 'a', '--origin', 'https://shop.example/'], /write https:\/\/shop\.example$/m],
    [['generate', '--merchant', 'a', '--forward-host', 'https://api.example'], /host only|write it as/],
    [['generate', '--merchant', 'a', '--forward-host', 'API.example'], /write it as api\.example/],
    [['generate', '--merchant', 'a', '--forward-host', '10.0.0.1'], /host names/],
    [['generate', '--env', 'staging', '--merchant', 'a'], /wrangler secret bulk <file> --env staging/],
    [['generate', '--merchant', 'a', '--nope'], /Unknown option/],
    [['rotate'], /unknown command/],
  ])('refuses %j, saying what to write instead', async (argv, message) => {
    const { code, stdout, stderr } = await run(argv);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
  });
});

describe('secrets kek and seal-key', () => {
  it('print one fresh entry each, which the edge accepts in its list', async () => {
    const kek = await run(['kek']);
    const seal = await run(['seal-key']);
    expect(parseList(KeksSchema, [JSON.parse(kek.stdout)])).toHaveLength(1);
    expect(parseList(SealKeysSchema, [JSON.parse(seal.stdout)])).toHaveLength(1);
    expect((await run(['kek'])).stdout).not.toBe(kek.stdout);
  });
});

/** @param {string[]} argv */
function parseCommandOf(argv) {
  const command = parseCommand(argv);
  if (command.command !== 'generate') throw new Error('not a generate command');
  return command;
}
