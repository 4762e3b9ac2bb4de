import { randomBytes, toBase64, utf8 } from '../lib/encoding';

// Standard Webhooks signatures (https://www.standardwebhooks.com): HMAC-SHA-256 over `${id}.${timestamp}.${body}`
// with the endpoint's secret, sent as `webhook-signature: v1,<base64>`, one per secret in use, space separated.

const SECRET_PREFIX = 'whsec_';
const HMAC_SHA256 = { name: 'HMAC', hash: 'SHA-256', length: 256 } as const;
/** What a stored secret unwraps to, for a KEK rotation's rewrap. */
export const SECRET_ALGORITHM = HMAC_SHA256;

/** A new endpoint secret: `whsec_` and 32 random bytes in base64, as Standard Webhooks libraries expect. */
export function newSecret(): { secret: string; bytes: Uint8Array } {
  const bytes = randomBytes(32);
  return { secret: `${SECRET_PREFIX}${toBase64(bytes)}`, bytes };
}

/** An HMAC key of a secret's bytes; extractable only so it can be wrapped for storage. */
export const importSecretForWrapping = (bytes: Uint8Array): Promise<CryptoKey> =>
  crypto.subtle.importKey('raw', bytes, HMAC_SHA256, true, ['sign']);

/** Wraps a secret's HMAC key with a KEK (AES-KW) for storage. */
export async function wrapSecret(bytes: Uint8Array, kek: CryptoKey): Promise<Uint8Array> {
  const key = await importSecretForWrapping(bytes);
  return new Uint8Array(await crypto.subtle.wrapKey('raw', key, kek, 'AES-KW'));
}

/** The stored secret as a non-extractable signing key. */
export const unwrapSecret = (wrapped: Uint8Array, kek: CryptoKey): Promise<CryptoKey> =>
  crypto.subtle.unwrapKey('raw', wrapped, kek, 'AES-KW', HMAC_SHA256, false, ['sign']);

/** The `webhook-signature` header: a `v1,` signature under each key, current first. */
export async function signatureHeader(
  keys: readonly CryptoKey[],
  id: string,
  timestamp: number,
  body: string,
): Promise<string> {
  const content = utf8(`${id}.${timestamp}.${body}`);
  const signatures = await Promise.all(
    keys.map(async (key) => `v1,${toBase64(new Uint8Array(await crypto.subtle.sign('HMAC', key, content)))}`),
  );
  return signatures.join(' ');
}
