import type { ForwardResponse } from '@tessera/protocol';
import type { Merchant } from '../../config/config';
import { getEffectiveConfig } from '../../config/effective-config';
import { EdgeError } from '../../errors/edge-error';
import { vaultOfToken } from '../../request/vault-of';
import type { IdempotencyRequest } from '../../vault/idempotency';
import { isTokenId } from '../../vault/ids';
import type { AuditContext, ForwardInput } from '../../vault/types';
import { checkMandate } from '../agents/mandate-check';
import { isVaultTokenId } from '../agents/vault-token-service';
import { checkDestination } from './destination';
import { parseForwardBody } from './forward-body';

// The logic behind POST /v1/forward, callable without HTTP. Everything that needs no card is checked here, in
// the worker; the vault object then decrypts, fills in, sends and masks (vault/forward-card.ts).

export interface ForwardRequestContext {
  merchant: Merchant;
  body: Uint8Array;
  idempotency: IdempotencyRequest | undefined;
  audit: AuditContext;
  /** Local development: loopback destinations on the allow-list may be reached over http. */
  development: boolean;
}

/** `POST /v1/forward`: the destination's masked answer, or an EdgeError. */
export async function forwardRequest(
  env: Env,
  request: ForwardRequestContext,
): Promise<{ response: ForwardResponse; replayed: boolean }> {
  const parsed = parseForwardBody(request.body);
  checkDestination(parsed.url, request.merchant.forwardHosts, request.development);
  if (!isTokenId(parsed.tokenId) && !isVaultTokenId(parsed.tokenId)) throw new EdgeError('not_found');
  let payment: ForwardInput['payment'];
  if (parsed.payment !== undefined) {
    const { amount, currency, checkoutSessionId } = parsed.payment;
    const mandate = await checkMandate(
      await getEffectiveConfig(env),
      request.merchant,
      { vaultTokenId: parsed.tokenId, ...parsed.payment },
      Date.now(),
    );
    payment = { amount, currency, checkoutSessionId, ...(mandate === undefined ? {} : { mandate }) };
  }
  const outcome = await vaultOfToken(env, request.merchant, parsed.tokenId).forward({
    merchantId: request.merchant.id,
    tokenId: parsed.tokenId,
    request: {
      url: parsed.url.href,
      method: parsed.method,
      headers: parsed.headers,
      body: parsed.body,
      bodyEscaping: parsed.bodyEscaping,
    },
    fields: parsed.fields,
    idempotency: request.idempotency,
    audit: request.audit,
    payment,
  });
  if (!outcome.ok) {
    throw new EdgeError(outcome.code, {
      ...(outcome.param === undefined ? {} : { param: outcome.param }),
      ...(outcome.detail === undefined ? {} : { detail: outcome.detail }),
      ...(outcome.replayed ? { headers: { 'Idempotent-Replayed': 'true' } } : {}),
    });
  }
  return { response: outcome.response, replayed: outcome.replayed };
}
