import type { KeyType, Merchant } from '../config/config';

/** Who a request authenticated as: set by the auth middleware, read by services and the audit. */
export interface AuthContext {
  merchant: Merchant;
  keyType: KeyType;
  /** A short id of the key for the audit trail: a prefix of its SHA-256, from which the key cannot be had. */
  keyId: string;
  /** The key's SHA-256 as base64url: what a card sealed for this key names in its `pkh`. */
  keyHash: string;
}
