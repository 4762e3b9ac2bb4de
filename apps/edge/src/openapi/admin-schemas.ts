import * as v from 'valibot';
import { MAX_STATS_HOURS } from '../services/admin/stats';

// The operator API's answers, as valibot schemas (see response-schemas.ts): the OpenAPI document is generated from
// them, and admin-schemas.test.ts holds the routes' real answers to them. The request bodies are the schemas the
// routes validate with (services/admin/admin-input.ts), but for the rotation's `{ kek }`, written out here.

const unixSeconds = v.pipe(v.number(), v.safeInteger(), v.minValue(0));
const count = v.pipe(v.number(), v.safeInteger(), v.minValue(0));
const keyId = v.pipe(
  v.string(),
  v.regex(/^key_[0-9a-f]{16}$/),
  v.description("`key_` and the first 16 hex digits of the key's SHA-256, as the audit trails name it."),
);

export const MerchantSchema = v.strictObject({
  id: v.string(),
  object: v.literal('merchant'),
  name: v.pipe(v.string(), v.description('The id, for a merchant configured in `TESSERA_MERCHANTS`.')),
  origins: v.pipe(v.array(v.string()), v.description("The field pages' `frame-ancestors`.")),
  forwardHosts: v.pipe(v.array(v.string()), v.description('The hosts `POST /v1/forward` may send its cards to.')),
  agents: v.pipe(v.array(v.string()), v.description('The agent platforms whose vault tokens it accepts.')),
  limits: v.pipe(
    v.strictObject({
      windowSeconds: count,
      maxCardsPerClient: count,
      maxExpiriesPerCard: count,
      maxAttemptsPerCard: count,
      maxBinsPerKey: count,
      throttledPerMinute: count,
      maxAllowanceSeconds: count,
    }),
    v.description("The vault's card-testing thresholds, defaults filled in, and the longest agent allowance."),
  ),
  vaultShards: v.pipe(
    v.pipe(v.number(), v.safeInteger(), v.minValue(1)),
    v.description(
      "How many shards the merchant's vault is split into (1 unless raised). Raising it moves no token; it is " +
        'never lowered.',
    ),
  ),
  status: v.pipe(
    v.picklist(['active', 'suspended']),
    v.description("A suspended merchant's keys are all refused, by its vault from the very next request."),
  ),
  source: v.pipe(
    v.picklist(['config', 'registry']),
    v.description(
      '`config`: defined in `TESSERA_MERCHANTS` and never changed here; `registry`: created or changed through this ' +
        'API, whose record now wins over the secret.',
    ),
  ),
});

export const MerchantListSchema = v.strictObject({ object: v.literal('list'), data: v.array(MerchantSchema) });

export const ApiKeySchema = v.strictObject({
  id: keyId,
  object: v.literal('api_key'),
  type: v.picklist(['publishable', 'secret']),
  prefix: v.pipe(
    v.string(),
    v.description('`pk_live_`, `sk_test_`, …; only `pk_` or `sk_` for a key configured in `TESSERA_MERCHANTS`.'),
  ),
  last4: v.pipe(
    v.nullable(v.string()),
    v.description('The last four characters of an issued key; null for a key configured in a secret.'),
  ),
  created: v.pipe(v.nullable(unixSeconds), v.description('Null for a key configured in a secret.')),
  lastUsed: v.pipe(
    v.nullable(unixSeconds),
    v.description("The newest event of the key in the merchant's trail, which holds 365 days; null if none."),
  ),
  expiresAt: v.pipe(v.nullable(unixSeconds), v.description('When the key stops working; null: never.')),
  status: v.picklist(['active', 'expired', 'revoked']),
  rolledTo: v.optional(v.pipe(keyId, v.description('The key that a roll of this one issued.'))),
});

const shownOnce = v.pipe(
  v.string(),
  v.regex(/^(pk|sk)_(live|test)_[A-Za-z0-9_]{1,64}_[0-9a-f]{32}$/),
  v.description(
    "The key itself, shown only in this answer (only its SHA-256 is kept): `<pk|sk>_<live|test>_<merchant>_<32 hex>`, the merchant's id with `-` as `_`.",
  ),
);

/** `POST …/keys`: the new key object, with the key. */
export const IssuedApiKeySchema = v.strictObject({ ...ApiKeySchema.entries, key: shownOnce });

/** `POST …/keys/{keyId}/roll`: the new key, and the old one as it now is (expiring). */
export const RolledApiKeySchema = v.strictObject({
  ...ApiKeySchema.entries,
  key: shownOnce,
  previous: v.pipe(
    ApiKeySchema,
    v.description('The rolled key: `expiresAt` is when it stops, `rolledTo` the new key.'),
  ),
});

export const ApiKeyListSchema = v.strictObject({ object: v.literal('list'), data: v.array(ApiKeySchema) });

export const AgentSchema = v.strictObject({ id: v.string(), object: v.literal('agent'), name: v.string() });

export const AgentListSchema = v.strictObject({ object: v.literal('list'), data: v.array(AgentSchema) });

export const CreatedAgentSchema = v.strictObject({
  ...AgentSchema.entries,
  key: v.pipe(
    v.string(),
    v.regex(/^ak_(live|test)_[A-Za-z0-9_]{1,64}_[0-9a-f]{32}$/),
    v.description("The platform's key, shown only in this answer (only its SHA-256 is kept)."),
  ),
  keyId,
});

export const MerchantStatsSchema = v.strictObject({
  buckets: v.pipe(
    v.array(
      v.strictObject({
        start: v.pipe(unixSeconds, v.description("The hour's start (UTC, on the hour).")),
        tokenizations: v.pipe(count, v.description('`token.created` events: cards the vault tokenized.')),
        failures: v.pipe(
          count,
          v.description('Events with outcome `refused` or `failed`, the card-testing refusals excepted.'),
        ),
        rateLimited: v.pipe(
          count,
          v.description(
            "`card_testing.suspected` refusals: the vault's 429s. The Worker's front-door 429s leave no event.",
          ),
        ),
      }),
    ),
    v.maxLength(MAX_STATS_HOURS),
    v.description('One per hour, oldest first, ending with the current hour; zeros where the trail holds nothing.'),
  ),
});

export const RotationStatusSchema = v.strictObject({
  state: v.pipe(v.picklist(['idle', 'running', 'done']), v.description('`idle`: no rotation was ever started.')),
  kek: v.pipe(v.nullable(v.string()), v.description('The KEK rotated to; null when idle.')),
  total: v.pipe(count, v.description('Merchants the rotation goes over: those the edge knew when it started.')),
  done: v.pipe(count, v.description('Merchants whose data keys and webhook secrets are rewrapped.')),
  failed: v.pipe(
    count,
    v.description('Merchants that could not be rewrapped; start the rotation again once it is done to retry them.'),
  ),
});

export const RetiredKekSchema = v.strictObject({ kek: v.string(), retirable: v.literal(true) });

/** `POST /v1/admin/merchants/:id/data-key/rotate`. */
export const RotatedDataKeySchema = v.strictObject({
  merchant: v.string(),
  version: v.pipe(v.number(), v.safeInteger(), v.minValue(1), v.description('The data key version new records use.')),
});

/** `POST /v1/admin/rotate` and `/rotate/retire`: as services/admin/rotation.ts checks it. */
export const KekRequestSchema = v.strictObject({
  kek: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/), v.description('A `kid` listed in `TESSERA_KEKS`.')),
});
