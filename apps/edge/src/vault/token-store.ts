import { isBrand, type TokenObject } from '@tessera/protocol';
import type { EncryptedRecord } from '../crypto/records';

// Synchronous SQL over the vault's tables. Callers group these inside `storage.transactionSync` so a create,
// read or delete and its audit event commit together or not at all.

/** Copies bytes into an exact ArrayBuffer, the type SQLite binds as a BLOB. */
const blob = (bytes: Uint8Array): ArrayBuffer => bytes.slice().buffer;

type TokenRow = {
  id: string;
  created_at: number;
  expires_at: number | null;
  brand: string;
  bin: string;
  last4: string;
  exp_month: number;
  exp_year: number;
  fingerprint: string;
  key_version: number;
};

export interface NewTokenRow {
  id: string;
  createdAt: number;
  expiresAt: number | undefined;
  brand: string;
  bin: string;
  last4: string;
  expMonth: number;
  expYear: number;
  fingerprint: string;
  keyVersion: number;
  card: EncryptedRecord;
}

export function insertToken(sql: SqlStorage, row: NewTokenRow): void {
  sql.exec(
    `INSERT INTO tokens (id, created_at, expires_at, brand, bin, last4, exp_month, exp_year, fingerprint, key_version,
       card_iv, card_ct)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    row.id,
    row.createdAt,
    row.expiresAt ?? null,
    row.brand,
    row.bin,
    row.last4,
    row.expMonth,
    row.expYear,
    row.fingerprint,
    row.keyVersion,
    blob(row.card.iv),
    blob(row.card.ciphertext),
  );
}

/** The token object of a row just inserted: what selecting it back would give, without the round trip. */
export function insertedToken(row: NewTokenRow, cvcPresent: boolean): TokenObject {
  return toTokenObject(
    {
      id: row.id,
      created_at: row.createdAt,
      expires_at: row.expiresAt ?? null,
      brand: row.brand,
      bin: row.bin,
      last4: row.last4,
      exp_month: row.expMonth,
      exp_year: row.expYear,
      fingerprint: row.fingerprint,
      key_version: row.keyVersion,
    },
    cvcPresent,
  );
}

/**
 * The token's masked metadata, or null when there is none (or it has expired: it is then erased). Whether its
 * CVC is still held comes from the caller (the CVC lives in the object's memory only).
 */
export function selectToken(sql: SqlStorage, id: string, nowSeconds: number, cvcPresent: boolean): TokenObject | null {
  const row = sql
    .exec<TokenRow>(
      `SELECT id, created_at, expires_at, brand, bin, last4, exp_month, exp_year, fingerprint, key_version
       FROM tokens WHERE id = ?`,
      id,
    )
    .toArray()[0];
  if (row === undefined) return null;
  if (row.expires_at !== null && row.expires_at <= nowSeconds) {
    deleteToken(sql, id);
    return null;
  }
  return toTokenObject(row, cvcPresent);
}

function toTokenObject(row: TokenRow, cvcPresent: boolean): TokenObject {
  const token: TokenObject = {
    id: row.id,
    object: 'token',
    type: 'card',
    created: row.created_at,
    card: {
      brand: isBrand(row.brand) ? row.brand : 'unknown',
      last4: row.last4,
      bin: row.bin,
      expMonth: row.exp_month,
      expYear: row.exp_year,
      fingerprint: row.fingerprint,
    },
    cvc: cvcPresent ? 'present' : 'absent',
  };
  if (row.expires_at !== null) token.expiresAt = row.expires_at;
  return token;
}

/** At most this many tokens answer one fingerprint search. */
export const MAX_TOKENS_PER_FINGERPRINT = 100;

/** The ids of this vault's live tokens of one card (by fingerprint), newest first. */
export function selectIdsByFingerprint(sql: SqlStorage, fingerprint: string, nowSeconds: number): string[] {
  return sql
    .exec<{ id: string }>(
      `SELECT id FROM tokens WHERE fingerprint = ? AND (expires_at IS NULL OR expires_at > ?)
       ORDER BY created_at DESC, id LIMIT ?`,
      fingerprint,
      nowSeconds,
      MAX_TOKENS_PER_FINGERPRINT,
    )
    .toArray()
    .map((row) => row.id);
}

/** The card record of a token, for the code that needs the number (forwarding); null when there is none. */
export function selectCardRecord(sql: SqlStorage, id: string): { keyVersion: number; card: EncryptedRecord } | null {
  const row = sql
    .exec<{ key_version: number; card_iv: ArrayBuffer; card_ct: ArrayBuffer }>(
      'SELECT key_version, card_iv, card_ct FROM tokens WHERE id = ?',
      id,
    )
    .toArray()[0];
  if (row === undefined) return null;
  return {
    keyVersion: row.key_version,
    card: { iv: new Uint8Array(row.card_iv), ciphertext: new Uint8Array(row.card_ct) },
  };
}

/**
 * Deletes a token and blanks every idempotency result that holds it, so no replay can give it back. Call in
 * the transaction that writes the deletion's event.
 */
export function deleteToken(sql: SqlStorage, id: string): boolean {
  const deleted = sql.exec('DELETE FROM tokens WHERE id = ?', id).rowsWritten > 0;
  if (deleted) eraseIdempotentResults(sql, id);
  return deleted;
}

/** Blanks the stored results of a token's Idempotency-Keys; their replays then answer that it is gone. */
export function eraseIdempotentResults(sql: SqlStorage, tokenId: string): void {
  sql.exec(`UPDATE idempotency SET result = '{"erased":true}' WHERE token_id = ?`, tokenId);
}

/** Erases expired tokens (and their idempotency results); returns when the next one falls due, if any. */
export function sweepExpired(sql: SqlStorage, nowSeconds: number): number | null {
  const expired = sql
    .exec<{ id: string }>('SELECT id FROM tokens WHERE expires_at IS NOT NULL AND expires_at <= ?', nowSeconds)
    .toArray();
  for (const { id } of expired) deleteToken(sql, id);
  const next = sql.exec<{ next: number | null }>('SELECT min(expires_at) AS next FROM tokens').toArray()[0];
  return next?.next ?? null;
}
