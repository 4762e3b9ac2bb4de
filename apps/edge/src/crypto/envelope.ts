// Envelope encryption: per-merchant data keys (AES-256-GCM) and fingerprint keys (HMAC-SHA-256), each stored
// wrapped by a key-encryption key (AES-KW, RFC 3394). Only WebCrypto does the cryptography.

const AES_KW = 'AES-KW';
const AES_GCM = { name: 'AES-GCM', length: 256 } as const;
const HMAC_SHA256 = { name: 'HMAC', hash: 'SHA-256', length: 256 } as const;

/** Imports a raw 256-bit KEK; it can only wrap and unwrap, and never leaves WebCrypto again. */
export function importKek(raw: Uint8Array): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', raw, AES_KW, false, ['wrapKey', 'unwrapKey']);
}

export interface NewDataKeys {
  /** Extractable only so it can be wrapped once; unwrap the stored copy for use. */
  dataKey: CryptoKey;
  fingerprintKey: CryptoKey;
}

/** Fresh random keys for a new merchant vault. */
export async function generateDataKeys(): Promise<NewDataKeys> {
  const dataKey = (await crypto.subtle.generateKey(AES_GCM, true, ['encrypt', 'decrypt'])) as CryptoKey;
  const fingerprintKey = (await crypto.subtle.generateKey(HMAC_SHA256, true, ['sign'])) as CryptoKey;
  return { dataKey, fingerprintKey };
}

/** Wraps a key's raw bytes with a KEK (AES-KW). */
export async function wrapKey(key: CryptoKey, kek: CryptoKey): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.wrapKey('raw', key, kek, AES_KW));
}

/** Unwraps a data key as a non-extractable AES-256-GCM key; throws when the wrapping does not check. */
export function unwrapDataKey(wrapped: Uint8Array, kek: CryptoKey): Promise<CryptoKey> {
  return crypto.subtle.unwrapKey('raw', wrapped, kek, AES_KW, AES_GCM, false, ['encrypt', 'decrypt']);
}

/** Unwraps a fingerprint key as a non-extractable HMAC-SHA-256 key. */
export function unwrapFingerprintKey(wrapped: Uint8Array, kek: CryptoKey): Promise<CryptoKey> {
  return crypto.subtle.unwrapKey('raw', wrapped, kek, AES_KW, HMAC_SHA256, false, ['sign']);
}

/**
 * Rewraps a stored key under another KEK (KEK rotation): unwrapped as extractable raw bytes only inside this
 * call, wrapped again at once. `algorithm` is the wrapped key's own (AES-GCM or HMAC).
 */
export async function rewrapKey(
  wrapped: Uint8Array,
  from: CryptoKey,
  to: CryptoKey,
  algorithm: typeof AES_GCM | typeof HMAC_SHA256,
): Promise<Uint8Array> {
  const usages: ('encrypt' | 'decrypt' | 'sign')[] = algorithm.name === 'AES-GCM' ? ['encrypt', 'decrypt'] : ['sign'];
  const key = await crypto.subtle.unwrapKey('raw', wrapped, from, AES_KW, algorithm, true, usages);
  return new Uint8Array(await crypto.subtle.wrapKey('raw', key, to, AES_KW));
}

export const DATA_KEY_ALGORITHM = AES_GCM;
export const FINGERPRINT_KEY_ALGORITHM = HMAC_SHA256;
