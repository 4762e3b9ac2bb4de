import { base64url, type CardData, SEAL_ALG, SEAL_ENC, type SealHeader, type SealPublicJwk } from '@tessera/protocol';
import { encryptEcdhEsA256Gcm } from './compact-jwe';

/** base64url of the SHA-256 of a publishable key: the `pkh` that binds a sealed card to the key sealing it. */
export async function publishableKeyHash(publishableKey: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(publishableKey));
  return base64url(new Uint8Array(digest));
}

/**
 * Seals a card to the edge's public key: JWE compact, `ECDH-ES` + `A256GCM`, with the key's `kid`, the time of
 * sealing (`iat`) and the hash of the publishable key it is for (`pkh`) in the protected header. Only the edge,
 * holding the private key, can open it, and it takes it only with that publishable key, for ten minutes.
 *
 * @example const sealed = await sealCard({ number, expMonth: 12, expYear: 2034, cvc }, keys.keys[0], pkh);
 */
export async function sealCard(card: CardData, key: SealPublicJwk, pkh: string, now = Date.now()): Promise<string> {
  const publicKey = await importSealKey(key);
  const plaintext = new TextEncoder().encode(JSON.stringify(card));
  const header: SealHeader = { alg: SEAL_ALG, enc: SEAL_ENC, kid: key.kid, iat: Math.floor(now / 1000), pkh };
  return encryptEcdhEsA256Gcm(plaintext, publicKey, header);
}

/** The edge's public keys as imported, by kid and coordinates: a field page seals to the same key every time. */
const imported = new Map<string, Promise<CryptoKey>>();

/** The key, imported once per page (about a third of a seal's time in Chromium when done every time). */
function importSealKey(key: SealPublicJwk): Promise<CryptoKey> {
  const id = `${key.kid} ${key.crv} ${key.x} ${key.y}`;
  let publicKey = imported.get(id);
  if (publicKey === undefined) {
    publicKey = crypto.subtle.importKey(
      'jwk',
      { kty: key.kty, crv: key.crv, x: key.x, y: key.y },
      { name: 'ECDH', namedCurve: key.crv },
      true,
      [],
    );
    // A failed import is not kept: the next seal tries again.
    publicKey.catch(() => imported.delete(id));
    imported.set(id, publicKey);
  }
  return publicKey;
}
