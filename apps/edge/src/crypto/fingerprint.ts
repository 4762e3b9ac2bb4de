import { toBase64Url, utf8 } from '../lib/encoding';

/** Bytes of the HMAC kept: 128 bits tell cards apart with no practical collision and keep ids short. */
const FINGERPRINT_BYTES = 16;

/**
 * The card fingerprint: HMAC-SHA-256 of the PAN under the merchant's fingerprint key, truncated. Equal cards
 * give equal fingerprints within one merchant only, and without the key it says nothing about the number.
 */
export function fingerprint(fingerprintKey: CryptoKey, pan: string): Promise<string> {
  return fingerprintOfBytes(fingerprintKey, utf8(pan));
}

/** The fingerprint of any bytes; `fingerprint` gives it the PAN's UTF-8 (and test vectors give it theirs). */
export async function fingerprintOfBytes(fingerprintKey: CryptoKey, bytes: Uint8Array): Promise<string> {
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', fingerprintKey, bytes));
  return `fp_${toBase64Url(mac.subarray(0, FINGERPRINT_BYTES))}`;
}
