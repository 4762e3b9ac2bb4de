import type { EdgeConfig, Merchant } from '../../config/config';
import type { MandateVerdict } from '../../vault/types';
import { verifyPresentation } from './mandate-presentation';
import { judgeTerms } from './mandate-terms';

/** A vault token's charge as the forward body gave it, with its AP2 Payment Mandate if any. */
export interface MandatedCharge {
  vaultTokenId: string;
  amount: number;
  currency: string;
  checkoutSessionId: string;
  mandate?: string;
}

/**
 * The worker's verdict on a charge's AP2 Payment Mandate, for the vault to act on in the charge's step (where a
 * refusal is audited with the token, and a replay found): undefined when the charge carries none and its merchant
 * does not require one. Everything that needs no vault is checked here: the issuer's signature against the
 * mandate issuer keys of the agent platforms this merchant accepts, the key binding, and the terms.
 *
 * The key-binding JWT is bound as SD-JWT binds a presentation to its verifier and transaction: `aud` is the
 * merchant's id (the payee, for whom the edge verifies) and `nonce` the charge's checkout_session_id, which the
 * vault checks against the allowance; with `iat` within 5 minutes, a captured presentation is good for one
 * checkout at one merchant, briefly, and the vault's record of accepted mandates makes it good once.
 */
export async function checkMandate(
  config: EdgeConfig,
  merchant: Merchant,
  charge: MandatedCharge,
  nowMs: number,
): Promise<MandateVerdict | undefined> {
  if (charge.mandate === undefined) {
    return merchant.requireMandate ? { verified: false, refusal: 'mandate_required' } : undefined;
  }
  const issuerKeys = new Map<string, readonly CryptoKey[]>();
  for (const agentId of merchant.agents) {
    const keys = config.agents.get(agentId)?.mandateIssuerKeys ?? [];
    if (keys.length > 0) issuerKeys.set(agentId, keys);
  }
  const presentation = await verifyPresentation(
    charge.mandate,
    issuerKeys,
    { audience: merchant.id, nonce: charge.checkoutSessionId },
    Math.floor(nowMs / 1000),
  );
  if (presentation === null) return { verified: false, refusal: 'invalid_mandate' };
  const exp = presentation.claims.exp;
  return {
    verified: true,
    id: presentation.id,
    issuers: presentation.issuers,
    expiresAt: typeof exp === 'number' && Number.isSafeInteger(exp) ? exp : null,
    refusal: judgeTerms(
      presentation.claims,
      {
        merchantId: merchant.id,
        vaultTokenId: charge.vaultTokenId,
        amount: charge.amount,
        currency: charge.currency,
      },
      nowMs,
    ),
  };
}
