import { base64url } from '@tessera/protocol';
import { compactDecrypt, decodeProtectedHeader } from 'jose';
import { describe, expect, it } from 'vitest';
import { concatKdf, encryptEcdhEsA256Gcm } from './compact-jwe';

async function recipient() {
  return crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits']);
}

const text = (s: string) => new TextEncoder().encode(s);

describe('concatKdf', () => {
  it('derives the key of RFC 7518 Appendix C (ECDH-ES, A128GCM, apu Alice, apv Bob)', async () => {
    const z = new Uint8Array([
      158, 86, 217, 29, 129, 113, 53, 211, 114, 131, 66, 131, 191, 132, 38, 156, 251, 49, 110, 163, 218, 128, 106, 72,
      246, 218, 167, 121, 140, 254, 144, 196,
    ]);
    const key = await concatKdf(z, 'A128GCM', 128, text('Alice'), text('Bob'));
    expect(base64url(key)).toBe('VqqN6vgjbSBcIijNcacQGg');
  });

  it('refuses a length one SHA-256 round cannot give', async () => {
    await expect(concatKdf(new Uint8Array(32), 'A256GCM', 512)).rejects.toThrow(RangeError);
  });
});

describe('encryptEcdhEsA256Gcm', () => {
  it('makes a compact JWE that jose opens with the private key, the header protected as given', async () => {
    const { publicKey, privateKey } = await recipient();
    const jwe = await encryptEcdhEsA256Gcm(text('{"a":1}'), publicKey, { alg: 'ECDH-ES', enc: 'A256GCM', kid: 'k1' });
    const [, encryptedKey, iv, , tag] = jwe.split('.');
    expect(encryptedKey).toBe('');
    expect(iv).toHaveLength(16); // 96 bits
    expect(tag).toHaveLength(22); // 128 bits
    const { plaintext, protectedHeader } = await compactDecrypt(jwe, privateKey);
    expect(new TextDecoder().decode(plaintext)).toBe('{"a":1}');
    expect(protectedHeader).toMatchObject({ alg: 'ECDH-ES', enc: 'A256GCM', kid: 'k1' });
    expect(Object.keys(protectedHeader.epk ?? {}).sort()).toEqual(['crv', 'kty', 'x', 'y']);
  });

  it('binds the header: a header changed after sealing does not open', async () => {
    const { publicKey, privateKey } = await recipient();
    const jwe = await encryptEcdhEsA256Gcm(text('x'), publicKey, { alg: 'ECDH-ES', enc: 'A256GCM', kid: 'k1' });
    const header = decodeProtectedHeader(jwe);
    const forged = base64url(text(JSON.stringify({ ...header, kid: 'k2' })));
    await expect(compactDecrypt(`${forged}${jwe.slice(jwe.indexOf('.'))}`, privateKey)).rejects.toThrow();
  });

  it('uses a fresh ephemeral key and IV every time', async () => {
    const { publicKey } = await recipient();
    const header = { alg: 'ECDH-ES', enc: 'A256GCM' };
    const [a, b] = await Promise.all([
      encryptEcdhEsA256Gcm(text('x'), publicKey, header),
      encryptEcdhEsA256Gcm(text('x'), publicKey, header),
    ]);
    expect(decodeProtectedHeader(a).epk).not.toEqual(decodeProtectedHeader(b).epk);
    expect(a.split('.')[2]).not.toBe(b.split('.')[2]);
  });
});
