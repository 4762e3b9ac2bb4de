import { env } from 'cloudflare:workers';
import { toBase64Url } from '../../src/lib/encoding';

// Second keys for rotation tests: a new KEK or sealing key put in front of the ones the test config generated.

/** `TESSERA_KEKS` with a fresh KEK active and the configured ones behind it (still unwrapping). */
export function keksWithNewActive(kid = 'kek_rotated'): string {
  const key = toBase64Url(crypto.getRandomValues(new Uint8Array(32)));
  return JSON.stringify([{ kid, key }, ...(JSON.parse(env.TESSERA_KEKS) as unknown[])]);
}

/** `TESSERA_KEKS` holding only a fresh KEK: the configured ones retired. */
export function keksWithOnlyNew(kid = 'kek_rotated'): string {
  return JSON.stringify([{ kid, key: toBase64Url(crypto.getRandomValues(new Uint8Array(32))) }]);
}

/** `TESSERA_SEAL_KEYS` with a fresh P-256 key current and the configured ones behind it. */
export async function sealKeysWithNewCurrent(kid = 'seal_rotated'): Promise<string> {
  const pair = (await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, [
    'deriveBits',
  ])) as CryptoKeyPair;
  const { kty, crv, x, y, d } = (await crypto.subtle.exportKey('jwk', pair.privateKey)) as JsonWebKey;
  return JSON.stringify([{ kty, crv, x, y, d, kid }, ...(JSON.parse(env.TESSERA_SEAL_KEYS) as unknown[])]);
}
