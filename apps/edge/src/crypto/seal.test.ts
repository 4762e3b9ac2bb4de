import { CompactEncrypt, exportJWK, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import { importSealKey, unseal } from './seal';

async function sealKey() {
  const { publicKey, privateKey } = await generateKeyPair('ECDH-ES', { crv: 'P-256', extractable: true });
  const jwk = await exportJWK(privateKey);
  const imported = await importSealKey({ kty: 'EC', crv: 'P-256', x: jwk.x!, y: jwk.y!, d: jwk.d! });
  return { publicKey, keys: new Map([['seal_1', imported]]) };
}

const text = new TextEncoder();
const encrypt = (key: CryptoKey, header: Record<string, string>, plaintext = '{"n":1}') =>
  new CompactEncrypt(text.encode(plaintext))
    .setProtectedHeader({ alg: 'ECDH-ES', enc: 'A256GCM', ...header })
    .encrypt(key);

describe('unseal', () => {
  it('opens a JWE sealed to one of our keys', async () => {
    const { publicKey, keys } = await sealKey();
    const result = await unseal(await encrypt(publicKey, { kid: 'seal_1' }), keys);
    expect(result.ok && new TextDecoder().decode(result.plaintext)).toBe('{"n":1}');
  });

  it('tells a kid we do not hold apart from everything else', async () => {
    const { publicKey, keys } = await sealKey();
    expect(await unseal(await encrypt(publicKey, { kid: 'seal_2' }), keys)).toEqual({
      ok: false,
      code: 'unknown_seal_key',
    });
  });

  it('answers invalid_sealed_card for every other failure', async () => {
    const { publicKey, keys } = await sealKey();
    const other = await sealKey();
    const good = await encrypt(publicKey, { kid: 'seal_1' });
    const parts = good.split('.');
    const flip = (s: string) => (s[0] === 'A' ? 'B' : 'A') + s.slice(1);
    const bad = [
      'not a jwe',
      '',
      await encrypt(other.publicKey, { kid: 'seal_1' }), // another key under our kid
      await encrypt(publicKey, {}), // no kid
      await new CompactEncrypt(text.encode('{}'))
        .setProtectedHeader({ alg: 'ECDH-ES', enc: 'A128GCM', kid: 'seal_1' })
        .encrypt(publicKey),
      await new CompactEncrypt(text.encode('{}'))
        .setProtectedHeader({ alg: 'ECDH-ES+A256KW', enc: 'A256GCM', kid: 'seal_1' })
        .encrypt(publicKey),
      [parts[0], parts[1], parts[2], flip(parts[3]!), parts[4]].join('.'), // ciphertext
      [parts[0], parts[1], parts[2], parts[3], flip(parts[4]!)].join('.'), // tag
      [parts[0], parts[1], flip(parts[2]!), parts[3], parts[4]].join('.'), // iv
      await encrypt(publicKey, { kid: 'seal_1', zip: 'DEF' }), // compressed: inflated past any size check
    ];
    for (const sealed of bad) expect(await unseal(sealed, keys)).toEqual({ ok: false, code: 'invalid_sealed_card' });
  });
});
