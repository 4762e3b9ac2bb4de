import { isHost, isOrigin } from '@tessera/protocol';
import * as v from 'valibot';
import { MAX_VAULT_SHARDS } from '../../config/config-schema';
import { EdgeError } from '../../errors/edge-error';

// What the operator API accepts, checked when it is written: a configuration that is refused here can never
// reach a request.

const Positive = v.pipe(v.number(), v.safeInteger(), v.minValue(1));

export const MERCHANT_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;

const Limits = v.strictObject({
  windowSeconds: v.optional(Positive),
  maxCardsPerClient: v.optional(Positive),
  maxExpiriesPerCard: v.optional(Positive),
  maxAttemptsPerCard: v.optional(Positive),
  maxBinsPerKey: v.optional(Positive),
  throttledPerMinute: v.optional(Positive),
  maxAllowanceSeconds: v.optional(Positive),
});

const origins = v.pipe(
  v.array(v.pipe(v.string(), v.check(isOrigin, 'an origin: scheme, host and port, no path or trailing slash'))),
  v.maxLength(32),
);
const forwardHosts = v.pipe(
  v.array(v.pipe(v.string(), v.check(isHost, 'a host, optionally with :port; no scheme, path or credentials'))),
  v.maxLength(32),
);
const agents = v.pipe(v.array(v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/))), v.maxLength(32));

const VaultShards = v.pipe(v.number(), v.safeInteger(), v.minValue(1), v.maxValue(MAX_VAULT_SHARDS));

export const NewMerchantSchema = v.strictObject({
  id: v.optional(v.pipe(v.string(), v.regex(MERCHANT_ID))),
  name: v.pipe(v.string(), v.minLength(1), v.maxLength(100)),
  origins,
  forwardHosts,
  agents: v.optional(agents, []),
  limits: v.optional(Limits, {}),
  vaultShards: v.optional(VaultShards, 1),
});

export const MerchantPatchSchema = v.strictObject({
  name: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(100))),
  origins: v.optional(origins),
  forwardHosts: v.optional(forwardHosts),
  agents: v.optional(agents),
  limits: v.optional(Limits),
  vaultShards: v.optional(VaultShards),
  status: v.optional(v.picklist(['active', 'suspended'])),
});

export const IssueKeySchema = v.strictObject({
  type: v.picklist(['publishable', 'secret']),
  expiresAt: v.optional(v.pipe(v.number(), v.safeInteger())),
});

export const RollKeySchema = v.strictObject({
  expiresIn: v.optional(v.pipe(v.number(), v.safeInteger(), v.minValue(0), v.maxValue(30 * 24 * 60 * 60)), 86400),
});

export const NewAgentSchema = v.strictObject({
  id: v.optional(v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]{0,62}$/))),
  name: v.pipe(v.string(), v.minLength(1), v.maxLength(100)),
});

/** Parses a body with a schema; a failure names the field, never its value. */
export function parseBody<S extends v.GenericSchema>(schema: S, body: unknown): v.InferOutput<S> {
  const parsed = v.safeParse(schema, body ?? {});
  if (!parsed.success) {
    const path = v.getDotPath(parsed.issues[0]) ?? 'body';
    throw new EdgeError('invalid_request', { param: path.replace(/\.\d+$/, '') });
  }
  return parsed.output;
}
