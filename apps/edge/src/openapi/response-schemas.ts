import { API_ERRORS, type ApiErrorCode, BRANDS } from '@tessera/protocol';
import * as v from 'valibot';

// What the edge answers, as valibot schemas: the OpenAPI document is generated from them, and the route tests
// validate real answers against them, so the document cannot drift from what the edge sends.

const unixSeconds = v.pipe(v.number(), v.safeInteger(), v.minValue(0));
const digits = (min: number, max: number) => v.pipe(v.string(), v.regex(new RegExp(`^\\d{${min},${max}}$`)));
const errorCodes = Object.keys(API_ERRORS) as [ApiErrorCode, ...ApiErrorCode[]];

export const HealthSchema = v.strictObject({ ok: v.literal(true) });

export const SealKeySetSchema = v.strictObject({
  keys: v.pipe(
    v.array(
      v.strictObject({
        kty: v.literal('EC'),
        crv: v.literal('P-256'),
        x: v.string(),
        y: v.string(),
        kid: v.string(),
        alg: v.literal('ECDH-ES'),
        use: v.literal('enc'),
      }),
    ),
    v.minLength(1),
    v.description('The current sealing key first; older ones still open cards sealed to them.'),
  ),
});

export const TokenSchema = v.strictObject({
  id: v.pipe(v.string(), v.regex(/^tok_[A-Za-z0-9_-]{22,64}$/)),
  object: v.literal('token'),
  type: v.literal('card'),
  created: unixSeconds,
  expiresAt: v.optional(unixSeconds),
  card: v.strictObject({
    brand: v.picklist(BRANDS),
    last4: digits(4, 4),
    bin: digits(1, 6),
    expMonth: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(12)),
    expYear: v.pipe(v.number(), v.integer()),
    fingerprint: v.pipe(
      v.string(),
      v.startsWith('fp_'),
      v.description("A keyed hash of the number: equal cards, equal fingerprint, within one merchant's vault."),
    ),
  }),
  cvc: v.pipe(
    v.picklist(['present', 'absent']),
    v.description('The CVC is kept at most an hour and is erased by the first forward.'),
  ),
});

/** What `POST /v1/tokens` answers a publishable key: no fingerprint, no BIN. */
export const CreatedTokenSchema = v.strictObject({
  id: TokenSchema.entries.id,
  object: v.literal('token'),
  card: v.strictObject({
    brand: TokenSchema.entries.card.entries.brand,
    last4: TokenSchema.entries.card.entries.last4,
    expMonth: TokenSchema.entries.card.entries.expMonth,
    expYear: TokenSchema.entries.card.entries.expYear,
  }),
});

export const DeletedTokenSchema = v.strictObject({
  id: v.string(),
  object: v.literal('token'),
  deleted: v.literal(true),
});

export const ForwardResponseSchema = v.strictObject({
  status: v.pipe(v.number(), v.integer(), v.description("The destination's HTTP status.")),
  headers: v.pipe(
    v.record(v.string(), v.string()),
    v.description('The safe headers of the answer (content-type, location, retry-after, …), card data masked.'),
  ),
  body: v.pipe(v.string(), v.description("The destination's body as text, card numbers and the CVC masked.")),
});

export const ProblemSchema = v.strictObject({
  type: v.string(),
  title: v.string(),
  status: v.pipe(v.number(), v.integer()),
  code: v.pipe(v.picklist(errorCodes), v.description('Stable: switch on this, not on the title.')),
  detail: v.optional(v.string()),
  instance: v.optional(v.pipe(v.string(), v.description('The request id, as in the Request-Id header.'))),
  param: v.optional(v.pipe(v.string(), v.description('The request field that was wrong; never its value.'))),
  event: v.optional(v.pipe(v.string(), v.description('audit_chain_broken: the first event that does not check.'))),
});

/** `GET /v1/tokens?fingerprint=`: this merchant's tokens of one card. */
export const TokenListSchema = v.strictObject({ object: v.literal('list'), data: v.array(TokenSchema) });

/** `DELETE /v1/tokens?fingerprint=`: the tokens erased. */
export const DeletedTokenListSchema = v.strictObject({ object: v.literal('list'), data: v.array(DeletedTokenSchema) });
