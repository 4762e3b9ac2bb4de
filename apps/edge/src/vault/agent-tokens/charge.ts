import { type ForwardDeps, forwardCard, replayForward } from '../forward/forward-card';
import type { ForwardFailureCode, ForwardInput, ForwardOutcome, MandateRefusal } from '../types';
import { acceptMandate, mandateRefusal } from './mandates';
import { deactivate, eraseCardRecord, selectVaultToken, toVaultTokenObject, type VaultTokenRow } from './store';

export type ChargeRefusal =
  | Extract<
      ForwardFailureCode,
      | 'vault_token_consumed'
      | 'vault_token_revoked'
      | 'vault_token_expired'
      | 'allowance_exceeded'
      | 'allowance_currency_mismatch'
      | 'allowance_session_mismatch'
    >
  | MandateRefusal;

/** Why a charge of this vault token is refused, or null when its allowance covers it. */
export function refusalOf(
  row: VaultTokenRow,
  payment: NonNullable<ForwardInput['payment']>,
  nowSeconds: number,
): ChargeRefusal | null {
  if (row.status === 'consumed') return 'vault_token_consumed';
  if (row.status === 'revoked') return 'vault_token_revoked';
  if (row.status === 'expired' || row.expires_at <= nowSeconds) return 'vault_token_expired';
  if (payment.currency !== row.currency) return 'allowance_currency_mismatch';
  if (payment.checkoutSessionId !== row.checkout_session_id) return 'allowance_session_mismatch';
  if (payment.amount > row.max_amount) return 'allowance_exceeded';
  return null;
}

/**
 * A charge of an agent's vault token, in one step of the vault: a replay of its Idempotency-Key answers as the
 * first did; otherwise the allowance is checked (this merchant's token, active, unexpired, amount, currency,
 * session), then the AP2 Payment Mandate when there is one (see mandates.ts), which is recorded as accepted in
 * the same synchronous step; the card is forwarded with exactly the checked amount, and a 2xx answer spends the
 * token and erases its card. A non-2xx leaves it usable. Callers run charges of one vault token one after
 * another, so two can never both pass the check; a refusal is audited and changes nothing else.
 */
export async function chargeVaultToken(
  deps: ForwardDeps,
  input: ForwardInput & { payment: NonNullable<ForwardInput['payment']> },
  nowSeconds: number,
): Promise<ForwardOutcome> {
  const { storage } = deps;
  const earlier = storage.transactionSync(() => replayForward(deps, input, nowSeconds));
  if (earlier) return earlier;

  const row = selectVaultToken(storage.sql, input.tokenId);
  if (row === null) return { ok: false, code: 'not_found' };
  const agent = { id: row.agent_id, amount: input.payment.amount, currency: input.payment.currency };
  const { mandate } = input.payment;
  const refusal = storage.transactionSync((): ChargeRefusal | null => {
    const refused =
      refusalOf(row, input.payment, nowSeconds) ??
      (mandate === undefined ? null : mandateRefusal(storage.sql, row, mandate));
    if (refused !== null) {
      deps.events.record({
        action: 'vault_token.refused',
        tokenId: row.id,
        audit: input.audit,
        detail: refused,
        agent,
      });
    } else if (mandate?.verified) {
      acceptMandate(storage.sql, row, mandate, nowSeconds);
    }
    return refused;
  });
  if (refusal !== null) return { ok: false, code: refusal };

  const outcome = await forwardCard(deps, { ...input, tokenId: row.token_id });
  const status = outcome.ok ? outcome.response.status : null;
  const spent = outcome.ok && !outcome.replayed && status !== null && status >= 200 && status < 300;
  storage.transactionSync(() => {
    if (spent) {
      deactivate(storage.sql, row.id, 'consumed');
      eraseCardRecord(storage.sql, row.token_id);
    }
    const after = selectVaultToken(storage.sql, row.id) ?? row;
    deps.events.record(
      {
        action: 'vault_token.charged',
        tokenId: row.id,
        audit: input.audit,
        agent,
        forward: { host: new URL(input.request.url).host, status },
        outcome: spent ? 'success' : 'failed',
      },
      { vaultToken: toVaultTokenObject(after), forward: { host: new URL(input.request.url).host, status } },
    );
  });
  return outcome;
}
