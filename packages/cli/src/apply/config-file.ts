import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { isHost, isOrigin, MAX_VAULT_SHARDS } from '@tessera/protocol';
import * as v from 'valibot';
import { LIMIT_NAMES, type LimitName } from '../api/admin-types';
import { CliError } from '../errors/cli-error';

// `tessera.config.json`, checked whole before anything is planned: a file the edge would refuse in part must not be
// applied in part. The rules are the operator API's (apps/edge/src/services/admin/admin-input.ts), which checks
// them again when the changes arrive.

const ID = /^[a-z0-9][a-z0-9-]{0,62}$/;
const Id = v.pipe(v.string(), v.regex(ID, 'lowercase letters, digits and -, starting with a letter or digit'));
const Name = v.pipe(v.string(), v.minLength(1, 'a name of 1-100 characters'), v.maxLength(100));
const Positive = v.pipe(v.number(), v.safeInteger('a whole number'), v.minValue(1, 'at least 1'));

const VaultShards = v.pipe(Positive, v.maxValue(MAX_VAULT_SHARDS, `at most ${MAX_VAULT_SHARDS}`));

const Limits = v.strictObject(
  Object.fromEntries(LIMIT_NAMES.map((name) => [name, v.optional(Positive)])) as Record<
    LimitName,
    v.OptionalSchema<typeof Positive, undefined>
  >,
);

const MerchantEntry = v.strictObject({
  id: Id,
  name: Name,
  origins: v.pipe(
    v.array(v.pipe(v.string(), v.check(isOrigin, 'an origin: http(s), host and port, with no path or trailing slash'))),
    v.maxLength(32),
  ),
  forwardHosts: v.pipe(
    v.array(v.pipe(v.string(), v.check(isHost, 'a host, optionally with :port; no scheme, path or credentials'))),
    v.maxLength(32),
  ),
  agents: v.optional(v.pipe(v.array(v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/))), v.maxLength(32))),
  limits: v.optional(Limits),
  vaultShards: v.optional(VaultShards),
});

const AgentEntry = v.strictObject({ id: Id, name: Name });

const unique = (ids: string[]) => new Set(ids).size === ids.length;

export const ConfigSchema = v.pipe(
  v.strictObject({
    merchants: v.array(MerchantEntry),
    agents: v.optional(v.array(AgentEntry)),
  }),
  v.check((config) => unique(config.merchants.map((m) => m.id)), 'a merchant id given twice'),
  v.check((config) => unique((config.agents ?? []).map((a) => a.id)), 'an agent id given twice'),
);

/** The configuration as code: the merchants and agent platforms the edge should have. */
export type TesseraConfig = v.InferOutput<typeof ConfigSchema>;
export type MerchantEntry = TesseraConfig['merchants'][number];

/** `merchants[0].origins[1]`, from a valibot issue's path. */
function pathOf(issue: v.BaseIssue<unknown>): string | undefined {
  let path = '';
  for (const item of issue.path ?? []) {
    const key = item.key;
    path += typeof key === 'number' ? `[${key}]` : `${path === '' ? '' : '.'}${String(key)}`;
  }
  return path === '' ? undefined : path;
}

/** Checks a parsed configuration; a refusal names the field (`param`) and says what it should be. */
export function parseConfig(value: unknown, file = 'the configuration'): TesseraConfig {
  const parsed = v.safeParse(ConfigSchema, value);
  if (parsed.success) return parsed.output;
  const issue = parsed.issues[0];
  const param = pathOf(issue);
  const unknownField = issue.type === 'strict_object' && issue.expected === 'never';
  const message = unknownField ? 'an unknown field' : issue.message;
  throw new CliError({
    code: 'invalid_config',
    param,
    detail: `${file}${param === undefined ? '' : `, ${param}`}: ${message}.`,
  });
}

/** Reads and checks a configuration file (relative to `cwd`). */
export async function readConfig(path: string, cwd: string): Promise<TesseraConfig> {
  let text: string;
  try {
    text = await readFile(resolve(cwd, path), 'utf8');
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : 'unknown';
    throw new CliError({ code: 'config_unreadable', detail: `${path}: ${code === 'ENOENT' ? 'no such file' : code}.` });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CliError({
      code: 'invalid_config',
      detail: `${path}: not JSON (${error instanceof Error ? error.message : String(error)}).`,
    });
  }
  return parseConfig(json, path);
}
