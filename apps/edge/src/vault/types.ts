import type { ForwardResponse, TokenObject, ValidatedCard } from '@tessera/protocol';
import type { VelocityRules } from '../config/velocity-rules';
import type { CardField, Escaping } from './forward/template';
import type { IdempotencyRequest } from './idempotency';

/** Who did what, for the audit trail: a short key id (never the key), the client IP and our request id. */
export interface AuditContext {
  keyId: string;
  /** The key's full SHA-256 (hex), for the vault's refusal of a revoked key; never stored in the trail. */
  keyHash?: string;
  clientIp: string | null;
  requestId: string;
}

export interface CreateTokenInput {
  merchantId: string;
  card: ValidatedCard;
  expiresAt?: number;
  /** The `Idempotency-Key` and the SHA-256 of the exact request bytes. */
  idempotency?: IdempotencyRequest | undefined;
  audit: AuditContext;
  /** This merchant's card-testing thresholds. */
  velocity: VelocityRules;
}

/** What an Idempotency-Key of a create keeps: the token object it answered. */
export interface StoredCreate {
  token: TokenObject;
}

export type CreateTokenOutcome =
  | { ok: true; token: TokenObject; replayed: boolean }
  | { ok: false; code: 'idempotency_conflict' | 'not_found' }
  | { ok: false; code: 'rate_limited'; retryAfter: number };

export type { AuditAction } from '@tessera/protocol';

/** What a forward's event records besides who and which token: where it went and what came back, nothing else. */
export interface ForwardAudit {
  /** `URL.host` of the destination: never its path, query or body. */
  host: string;
  /** The destination's HTTP status; null when it never answered. */
  status: number | null;
}

/** A forward checked by the worker (shape, templates, destination), for the vault to fill in and send. */
export interface ForwardInput {
  merchantId: string;
  tokenId: string;
  request: {
    url: string;
    method: string;
    headers: [string, string][];
    body: string | undefined;
    bodyEscaping: Escaping;
  };
  fields: CardField[];
  idempotency?: IdempotencyRequest | undefined;
  audit: AuditContext;
  /**
   * A vault token's charge (tokenId is then a `vt_…`): checked against its allowance, filled in as is; with the
   * worker's verdict on its AP2 Payment Mandate when it carried one or its merchant requires one.
   */
  payment?: { amount: number; currency: string; checkoutSessionId: string; mandate?: MandateVerdict } | undefined;
}

/** Why a charge's AP2 Payment Mandate is refused (services/agents/mandate-check.ts, agent-tokens/mandates.ts). */
export type MandateRefusal =
  | 'mandate_required'
  | 'invalid_mandate'
  | 'mandate_mismatch'
  | 'mandate_constraint_unsupported'
  | 'mandate_replayed';

/**
 * What the worker found of a charge's AP2 Payment Mandate. Once the issuer's signature and the key binding hold
 * it is `verified`: its id (base64url SHA-256 of the issuer-signed JWT's signing input), the agent platforms
 * whose issuer keys signed it, its `exp`, and what the worker refused in its terms (null: nothing). The vault
 * then refuses a replay before anything else, so a spent mandate is always told apart.
 */
export type MandateVerdict =
  | { verified: false; refusal: Extract<MandateRefusal, 'mandate_required' | 'invalid_mandate'> }
  | {
      verified: true;
      id: string;
      issuers: readonly string[];
      expiresAt: number | null;
      refusal: Extract<
        MandateRefusal,
        'invalid_mandate' | 'mandate_mismatch' | 'mandate_constraint_unsupported'
      > | null;
    };

/** The failures a forward can end in; `forward_failed` and a result are what a replay returns. */
export type ForwardFailureCode =
  | 'not_found'
  | 'idempotency_conflict'
  | 'cvc_unavailable'
  | 'invalid_request'
  | 'forward_failed'
  | 'vault_token_consumed'
  | 'vault_token_revoked'
  | 'vault_token_expired'
  | 'allowance_exceeded'
  | 'allowance_currency_mismatch'
  | 'allowance_session_mismatch'
  | MandateRefusal;

export type ForwardOutcome =
  | { ok: true; response: ForwardResponse; replayed: boolean }
  | { ok: false; code: ForwardFailureCode; param?: string; detail?: string; replayed?: boolean };

/**
 * What an Idempotency-Key of a forward keeps: exactly what the merchant was sent (the destination's answer
 * already masked, or the fixed failure), and the facts its replay's audit event repeats.
 */
export interface StoredForward extends ForwardAudit {
  tokenId: string;
  outcome:
    | { ok: true; response: ForwardResponse; replayed: boolean }
    | { ok: false; code: 'forward_failed'; detail: string };
}
