import type { TokenObject, ValidatedCard } from '@tessera/protocol';

/** Who did what, for the audit trail: a short key id (never the key), the client IP and our request id. */
export interface AuditContext {
  keyId: string;
  clientIp: string | null;
  requestId: string;
}

export interface CreateTokenInput {
  merchantId: string;
  card: ValidatedCard;
  expiresAt?: number;
  /** The `Idempotency-Key` and the SHA-256 of the exact request bytes. */
  idempotency?: { key: string; bodyDigest: string };
  audit: AuditContext;
}

export type CreateTokenOutcome =
  | { ok: true; token: TokenObject; replayed: boolean }
  | { ok: false; code: 'idempotency_conflict' };

export type AuditAction =
  | 'token.created'
  | 'token.create_replayed'
  | 'token.idempotency_conflict'
  | 'token.read'
  | 'token.deleted';
