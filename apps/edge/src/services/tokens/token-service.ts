import { type TokenObject, type ValidatedCard, validateCard } from '@tessera/protocol';
import type { EdgeConfig, Merchant } from '../../config/config';
import { unseal } from '../../crypto/seal';
import { EdgeError } from '../../errors/edge-error';
import { decodeUtf8 } from '../../lib/encoding';
import { vaultOf } from '../../request/vault-of';
import type { IdempotencyRequest } from '../../vault/idempotency';
import { isTokenId } from '../../vault/ids';
import type { AuditContext } from '../../vault/types';
import { parseCreateTokenBody } from './create-token-body';

// The logic behind /v1/tokens, callable without HTTP. Routes only wire these to requests.

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
  idempotency: IdempotencyRequest | undefined;
  audit: AuditContext;
}

/** `POST /v1/tokens`: body → card → the merchant's vault. Nothing is written unless every check passed. */
export async function createToken(
  env: Env,
  config: EdgeConfig,
  request: CreateTokenRequestContext,
): Promise<{ token: TokenObject; replayed: boolean }> {
  const now = new Date();
  const { sealed, expiresAt } = parseCreateTokenBody(request.body, now);
  const card = await openSealedCard(config, sealed, now);
  const vault = vaultOf(env, request.merchant);
  const outcome = await vault.createToken({
    merchantId: request.merchant.id,
    card,
    ...(expiresAt === undefined ? {} : { expiresAt }),
    idempotency: request.idempotency,
    audit: request.audit,
  });
  if (!outcome.ok) throw new EdgeError(outcome.code);
  return { token: outcome.token, replayed: outcome.replayed };
}

/** `GET /v1/tokens/:id`: the masked token, or 404 (also when it is another merchant's: it is not in this vault). */
export async function readToken(env: Env, merchant: Merchant, tokenId: string, audit: AuditContext) {
  if (!isTokenId(tokenId)) throw new EdgeError('not_found');
  const token = await vaultOf(env, merchant).readToken(merchant.id, tokenId, audit);
  if (token === null) throw new EdgeError('not_found');
  return token;
}

/** `DELETE /v1/tokens/:id`: erases the card; later reads are 404. */
export async function deleteToken(env: Env, merchant: Merchant, tokenId: string, audit: AuditContext) {
  if (!isTokenId(tokenId)) throw new EdgeError('not_found');
  const deleted = await vaultOf(env, merchant).deleteToken(merchant.id, tokenId, audit);
  if (!deleted) throw new EdgeError('not_found');
  return { id: tokenId, object: 'token', deleted: true } as const;
}
