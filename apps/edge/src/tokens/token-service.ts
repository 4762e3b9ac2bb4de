import { type TokenObject, type ValidatedCard, validateCard } from '@tessera/protocol';
import { unseal } from '../crypto/seal';
import { decodeUtf8, sha256Hex } from '../encoding';
import { EdgeError } from '../errors/edge-error';
import type { EdgeConfig, Merchant } from '../keys/config';
import type { AuditContext } from '../vault/types';
import { parseCreateTokenBody, parseIdempotencyKey } from './create-token-body';

// The logic behind /v1/tokens, callable without HTTP. Routes only wire these to requests.

/** A token id in the form we issue; anything else cannot exist and is not worth a vault round trip. */
const TOKEN_ID = /^tok_[A-Za-z0-9_-]{22,64}$/;

/** Whether a string could be a token id we issued. */
export const isTokenId = (id: string): boolean => TOKEN_ID.test(id);

/**
 * Opens a sealed card and checks it against the card rules. Every way the seal fails is one code; a card
 * that opens but breaks a rule gets that rule's code and field name, never the value.
 */
export async function openSealedCard(config: EdgeConfig, sealed: string, now: Date): Promise<ValidatedCard> {
  const opened = await unseal(sealed, config.sealKeysByKid);
  if (!opened.ok) throw new EdgeError(opened.code);
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
  body: Uint8Array;
  idempotencyKey: string | undefined;
  audit: AuditContext;
}

/** `POST /v1/tokens`: body → card → the merchant's vault. Nothing is written unless every check passed. */
export async function createToken(
  env: Env,
  config: EdgeConfig,
  request: CreateTokenRequestContext,
): Promise<{ token: TokenObject; replayed: boolean }> {
  const now = new Date();
  const idempotencyKey = parseIdempotencyKey(request.idempotencyKey);
  const { sealed, expiresAt } = parseCreateTokenBody(request.body, now);
  const card = await openSealedCard(config, sealed, now);
  const vault = vaultOf(env, request.merchant);
  const outcome = await vault.createToken({
    merchantId: request.merchant.id,
    card,
    ...(expiresAt === undefined ? {} : { expiresAt }),
    ...(idempotencyKey === undefined
      ? {}
      : { idempotency: { key: idempotencyKey, bodyDigest: await sha256Hex(request.body) } }),
    audit: request.audit,
  });
  if (!outcome.ok) throw new EdgeError(outcome.code);
  return { token: outcome.token, replayed: outcome.replayed };
}

/** `GET /v1/tokens/:id`: the masked token, or 404 (also when it is another merchant's: it is not in this vault). */
export async function readToken(env: Env, merchant: Merchant, tokenId: string, audit: AuditContext) {
  if (!TOKEN_ID.test(tokenId)) throw new EdgeError('not_found');
  const token = await vaultOf(env, merchant).readToken(merchant.id, tokenId, audit);
  if (token === null) throw new EdgeError('not_found');
  return token;
}

/** `DELETE /v1/tokens/:id`: erases the card; later reads are 404. */
export async function deleteToken(env: Env, merchant: Merchant, tokenId: string, audit: AuditContext) {
  if (!TOKEN_ID.test(tokenId)) throw new EdgeError('not_found');
  const deleted = await vaultOf(env, merchant).deleteToken(merchant.id, tokenId, audit);
  if (!deleted) throw new EdgeError('not_found');
  return { id: tokenId, object: 'token', deleted: true } as const;
}

/** Each merchant has its own vault object, addressed by merchant id. */
export const vaultOf = (env: Env, merchant: Merchant) => env.VAULT.get(env.VAULT.idFromName(merchant.id));
