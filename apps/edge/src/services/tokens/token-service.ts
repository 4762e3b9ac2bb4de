import {
  type CreatedToken,
  SEAL_MAX_AGE_SECONDS,
  SEAL_MAX_SKEW_SECONDS,
  type TokenObject,
  type ValidatedCard,
  validateCard,
} from '@tessera/protocol';
import type { EdgeConfig, Merchant } from '../../config/config';
import { type ProtectedHeader, unseal } from '../../crypto/seal';
import { EdgeError } from '../../errors/edge-error';
import { judgedClient } from '../../lib/client-address';
import { decodeUtf8 } from '../../lib/encoding';
import { everyShard, shardForCreate, vaultOfToken, vaultShard } from '../../request/vault-of';
import type { IdempotencyRequest } from '../../vault/idempotency';
import { isTokenId } from '../../vault/ids';
import { MAX_TOKENS_PER_FINGERPRINT } from '../../vault/token-store';
import type { AuditContext } from '../../vault/types';
import { parseCreateTokenBody } from './create-token-body';

// The logic behind /v1/tokens, callable without HTTP. Routes only wire these to requests.

/**
 * Whether a sealed card's protected header binds it to this publishable key (`pkh`: base64url SHA-256 of the key)
 * and to a sealing time (`iat`) no more than ten minutes ago and no more than two minutes ahead.
 */
export function sealBindingHolds(header: ProtectedHeader, keyHash: string, now: Date): boolean {
  const { iat, pkh } = header;
  if (typeof iat !== 'number' || !Number.isSafeInteger(iat) || typeof pkh !== 'string') return false;
  const age = Math.floor(now.getTime() / 1000) - iat;
  return pkh === keyHash && age <= SEAL_MAX_AGE_SECONDS && age >= -SEAL_MAX_SKEW_SECONDS;
}

/**
 * Opens a sealed card, checks its binding to the publishable key and the time, then the card rules. Every way
 * the seal or its binding fails is one code; a card that opens but breaks a rule gets that rule's code and field
 * name, never the value.
 */
export async function openSealedCard(
  config: EdgeConfig,
  sealed: string,
  keyHash: string,
  now: Date,
): Promise<ValidatedCard> {
  const opened = await unseal(sealed, config.sealKeysByKid);
  if (!opened.ok) throw new EdgeError(opened.code);
  if (!sealBindingHolds(opened.header, keyHash, now)) {
    opened.plaintext.fill(0);
    throw new EdgeError('invalid_sealed_card');
  }
  let plaintext: unknown;
  try {
    plaintext = JSON.parse(decodeUtf8(opened.plaintext));
  } catch {
    throw new EdgeError('invalid_sealed_card');
  } finally {
    // The string copies cannot be wiped, but the bytes can.
    opened.plaintext.fill(0);
  }
  const verdict = validateCard(plaintext, now);
  if (!verdict.ok) throw new EdgeError(verdict.code, { param: verdict.param });
  return verdict.card;
}

export interface CreateTokenRequestContext {
  merchant: Merchant;
  /** base64url SHA-256 of the publishable key the request came with: what the sealed card's `pkh` must be. */
  keyHash: string;
  body: Uint8Array;
  idempotency: IdempotencyRequest | undefined;
  audit: AuditContext;
}

/** `POST /v1/tokens`: body → card → the merchant's vault. Nothing is written unless every check passed. */
export async function createToken(
  env: Env,
  config: EdgeConfig,
  request: CreateTokenRequestContext,
): Promise<{ token: CreatedToken; replayed: boolean }> {
  const now = new Date();
  const { sealed, expiresAt } = parseCreateTokenBody(request.body, now);
  const card = await openSealedCard(config, sealed, request.keyHash, now);
  const { merchant, audit, idempotency } = request;
  const shard = shardForCreate(merchant.vaultShards, judgedClient(audit.clientIp), idempotency?.key);
  const vault = vaultShard(env, merchant.id, shard);
  const outcome = await vault.createToken({
    merchantId: request.merchant.id,
    card,
    ...(expiresAt === undefined ? {} : { expiresAt }),
    idempotency: request.idempotency,
    audit: request.audit,
    velocity: request.merchant.velocity,
  });
  if (!outcome.ok) {
    if (outcome.code === 'rate_limited') {
      throw new EdgeError('rate_limited', { headers: { 'Retry-After': String(outcome.retryAfter) } });
    }
    throw new EdgeError(outcome.code);
  }
  return { token: createdToken(outcome.token), replayed: outcome.replayed };
}

/**
 * What a publishable key is told of a new token: what the field page shows. The publishable key is public, so
 * a fingerprint or a BIN here would let anyone holding it test guesses of a card's hidden digits.
 */
export function createdToken(token: TokenObject): CreatedToken {
  const { brand, last4, expMonth, expYear } = token.card;
  return { id: token.id, object: 'token', card: { brand, last4, expMonth, expYear } };
}

/** `GET /v1/tokens/:id`: the masked token, or 404 (also when it is another merchant's: it is not in this vault). */
export async function readToken(env: Env, merchant: Merchant, tokenId: string, audit: AuditContext) {
  if (!isTokenId(tokenId)) throw new EdgeError('not_found');
  const token = await vaultOfToken(env, merchant, tokenId).readToken(merchant.id, tokenId, audit);
  if (token === null) throw new EdgeError('not_found');
  return token;
}

/** A fingerprint as the vault makes them (`fp_` and 128 bits, base64url). */
const FINGERPRINT = /^fp_[A-Za-z0-9_-]{22}$/;

function checkFingerprint(value: string | undefined): string {
  if (value === undefined || !FINGERPRINT.test(value)) throw new EdgeError('invalid_request', { param: 'fingerprint' });
  return value;
}

/** `GET /v1/tokens?fingerprint=`: this merchant's tokens of one card, newest first (at most 100). */
export async function tokensByFingerprint(
  env: Env,
  merchant: Merchant,
  fingerprint: string | undefined,
  audit: AuditContext,
) {
  const wanted = checkFingerprint(fingerprint);
  const shards = await Promise.all(
    everyShard(env, merchant).map((vault) => vault.tokensByFingerprint(merchant.id, wanted, audit)),
  );
  // Each shard answers newest first; merged, the newest of them all.
  const tokens = shards
    .flat()
    .sort((a, b) => b.created - a.created || (a.id < b.id ? -1 : 1))
    .slice(0, MAX_TOKENS_PER_FINGERPRINT);
  return { object: 'list', data: tokens } as const;
}

/** `DELETE /v1/tokens?fingerprint=`: erases every token of one card; later reads of each are 404. */
export async function deleteByFingerprint(
  env: Env,
  merchant: Merchant,
  fingerprint: string | undefined,
  audit: AuditContext,
) {
  const wanted = checkFingerprint(fingerprint);
  const shards = await Promise.all(
    everyShard(env, merchant).map((vault) => vault.deleteByFingerprint(merchant.id, wanted, audit)),
  );
  const ids = shards.flat();
  return { object: 'list', data: ids.map((id) => ({ id, object: 'token', deleted: true }) as const) } as const;
}

/** `DELETE /v1/tokens/:id`: erases the card; later reads are 404. */
export async function deleteToken(env: Env, merchant: Merchant, tokenId: string, audit: AuditContext) {
  if (!isTokenId(tokenId)) throw new EdgeError('not_found');
  const deleted = await vaultOfToken(env, merchant, tokenId).deleteToken(merchant.id, tokenId, audit);
  if (!deleted) throw new EdgeError('not_found');
  return { id: tokenId, object: 'token', deleted: true } as const;
}
