import { type CardData, SEAL_ALG, type SealPublicJwk } from '@tessera/protocol';
import { compactDecrypt, decodeProtectedHeader } from 'jose';
import { describe, expect, it } from 'vitest';
import { publishableKeyHash, sealCard } from './seal-card';

async function recipient(kid: string): Promise<{ publicJwk: SealPublicJwk; privateKey: CryptoKey }> {
  const pair = await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits']);
  const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
  return {
    publicJwk: { kty: 'EC', crv: 'P-256', x: jwk.x ?? '', y: jwk.y ?? '', kid, alg: SEAL_ALG, use: 'enc' },
    privateKey: pair.privateKey,
  };
}

const card: CardData = { number: '4242424242424242', expMonth: 12, expYear: 2034, cvc: '123' };
const pkh = 'pkh_of_the_test_key';

describe('sealCard', () => {
  it('seals to a fresh P-256 key so that only its private key opens the same card', async () => {
    const { publicJwk, privateKey } = await recipient('seal_1');
    const sealed = await sealCard(card, publicJwk, pkh, Date.UTC(2026, 5, 15, 12));

    expect(sealed.split('.')).toHaveLength(5);
    expect(sealed).not.toContain('4242');
    const { plaintext, protectedHeader } = await compactDecrypt(sealed, privateKey);
    expect(JSON.parse(new TextDecoder().decode(plaintext))).toEqual(card);
    expect(protectedHeader).toMatchObject({ alg: 'ECDH-ES', enc: 'A256GCM', kid: 'seal_1' });
    // Bound to the key that sealed it and to the time, for the edge to check.
    expect(protectedHeader).toMatchObject({ iat: Date.UTC(2026, 5, 15, 12) / 1000, pkh });
    expect(protectedHeader.zip).toBeUndefined();
    expect(protectedHeader.epk).toMatchObject({ kty: 'EC', crv: 'P-256' });
  });

  it('uses a new ephemeral key and IV each time, and another key cannot open it', async () => {
    const a = await recipient('seal_a');
    const b = await recipient('seal_b');
    const first = await sealCard(card, a.publicJwk, pkh);
    const second = await sealCard(card, a.publicJwk, pkh);
    expect(first).not.toBe(second);
    expect(decodeProtectedHeader(first).epk).not.toEqual(decodeProtectedHeader(second).epk);
    await expect(compactDecrypt(first, b.privateKey)).rejects.toThrow();
  });

  it('keeps a card without a security code without one', async () => {
    const { publicJwk, privateKey } = await recipient('seal_2');
    const { cvc: _omitted, ...noCvc } = card;
    const { plaintext } = await compactDecrypt(await sealCard(noCvc, publicJwk, pkh), privateKey);
    expect(JSON.parse(new TextDecoder().decode(plaintext))).toEqual(noCvc);
  });

  it('hashes a publishable key as base64url SHA-256, as the edge does', async () => {
    // SHA-256 of "abc" (FIPS 180-2 example), base64url without padding.
    expect(await publishableKeyHash('abc')).toBe('ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0');
  });
});
