import { type CardData, SEAL_ALG, type SealPublicJwk } from '@tessera/protocol';
import { compactDecrypt, decodeProtectedHeader } from 'jose';
import { describe, expect, it } from 'vitest';
import { sealCard } from './seal-card';

async function recipient(kid: string): Promise<{ publicJwk: SealPublicJwk; privateKey: CryptoKey }> {
  const pair = await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits']);
  const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
  return {
    publicJwk: { kty: 'EC', crv: 'P-256', x: jwk.x ?? '', y: jwk.y ?? '', kid, alg: SEAL_ALG, use: 'enc' },
    privateKey: pair.privateKey,
  };
}

const card: CardData = { number: '4242424242424242', expMonth: 12, expYear: 2034, cvc: '123' };

describe('sealCard', () => {
  it('seals to a fresh P-256 key so that only its private key opens the same card', async () => {
    const { publicJwk, privateKey } = await recipient('seal_1');
    const sealed = await sealCard(card, publicJwk);

    expect(sealed.split('.')).toHaveLength(5);
    expect(sealed).not.toContain('4242');
    const { plaintext, protectedHeader } = await compactDecrypt(sealed, privateKey);
    expect(JSON.parse(new TextDecoder().decode(plaintext))).toEqual(card);
    expect(protectedHeader).toMatchObject({ alg: 'ECDH-ES', enc: 'A256GCM', kid: 'seal_1' });
    expect(protectedHeader.epk).toMatchObject({ kty: 'EC', crv: 'P-256' });
  });

  it('uses a new ephemeral key and IV each time, and another key cannot open it', async () => {
    const a = await recipient('seal_a');
    const b = await recipient('seal_b');
    const first = await sealCard(card, a.publicJwk);
    const second = await sealCard(card, a.publicJwk);
    expect(first).not.toBe(second);
    expect(decodeProtectedHeader(first).epk).not.toEqual(decodeProtectedHeader(second).epk);
    await expect(compactDecrypt(first, b.privateKey)).rejects.toThrow();
  });

  it('keeps a card without a security code without one', async () => {
    const { publicJwk, privateKey } = await recipient('seal_2');
    const { cvc: _omitted, ...noCvc } = card;
    const { plaintext } = await compactDecrypt(await sealCard(noCvc, publicJwk), privateKey);
    expect(JSON.parse(new TextDecoder().decode(plaintext))).toEqual(noCvc);
  });
});
