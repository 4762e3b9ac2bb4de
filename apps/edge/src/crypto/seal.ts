import { SEAL_ALG, SEAL_ENC } from '@tessera/protocol';
import { type CompactJWEHeaderParameters, compactDecrypt, decodeProtectedHeader } from 'jose';

/** The protected header of an opened card, for the caller's own checks (its binding to key and time). */
export type ProtectedHeader = CompactJWEHeaderParameters & Record<string, unknown>;

export type UnsealResult =
  | { ok: true; plaintext: Uint8Array; header: ProtectedHeader }
  | { ok: false; code: 'unknown_seal_key' | 'invalid_sealed_card' };

/** Imports a private P-256 JWK for ECDH-ES unsealing; non-extractable. */
export function importSealKey(jwk: { kty: 'EC'; crv: 'P-256'; x: string; y: string; d: string }): Promise<CryptoKey> {
  const { kty, crv, x, y, d } = jwk;
  return crypto.subtle.importKey('jwk', { kty, crv, x, y, d }, { name: 'ECDH', namedCurve: 'P-256' }, false, [
    'deriveBits',
  ]);
}

/**
 * Opens a card sealed by a field page: JWE compact, ECDH-ES with A256GCM only, to one of our seal keys.
 * Every failure after the key lookup is the same `invalid_sealed_card`, so the answer tells a prober nothing
 * about which step failed. A `kid` we do not hold is told apart because the remedy (refetch the keys) differs.
 */
export async function unseal(compact: string, keys: ReadonlyMap<string, CryptoKey>): Promise<UnsealResult> {
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(compact);
  } catch {
    return { ok: false, code: 'invalid_sealed_card' };
  }
  // A compressed card would be inflated past the request's size limit before anything checked it; a field page
  // never compresses.
  if (header.zip !== undefined) return { ok: false, code: 'invalid_sealed_card' };
  const { kid } = header;
  if (typeof kid !== 'string') return { ok: false, code: 'invalid_sealed_card' };
  const key = keys.get(kid);
  if (key === undefined) return { ok: false, code: 'unknown_seal_key' };
  try {
    const { plaintext, protectedHeader } = await compactDecrypt(compact, key, {
      keyManagementAlgorithms: [SEAL_ALG],
      contentEncryptionAlgorithms: [SEAL_ENC],
    });
    return { ok: true, plaintext, header: protectedHeader as ProtectedHeader };
  } catch {
    return { ok: false, code: 'invalid_sealed_card' };
  }
}
