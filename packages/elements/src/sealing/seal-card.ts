import { type CardData, SEAL_ALG, SEAL_ENC, type SealPublicJwk } from '@tessera/protocol';
import { CompactEncrypt } from 'jose';

/**
 * Seals a card to the edge's public key: JWE compact, `ECDH-ES` + `A256GCM`, with the key's `kid`.
 * Only the edge, holding the private key, can open it.
 *
 * @example const sealed = await sealCard({ number, expMonth: 12, expYear: 2034, cvc }, keys.keys[0]);
 */
export async function sealCard(card: CardData, key: SealPublicJwk): Promise<string> {
  // WebCrypto imports the key directly (lighter than jose's importJWK, which knows every key type).
  const publicKey = await crypto.subtle.importKey(
    'jwk',
    { kty: key.kty, crv: key.crv, x: key.x, y: key.y },
    { name: 'ECDH', namedCurve: key.crv },
    true,
    [],
  );
  const plaintext = new TextEncoder().encode(JSON.stringify(card));
  return new CompactEncrypt(plaintext)
    .setProtectedHeader({ alg: SEAL_ALG, enc: SEAL_ENC, kid: key.kid })
    .encrypt(publicKey);
}
