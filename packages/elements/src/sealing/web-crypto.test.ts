// Runs alone in its own iframe (vitest browser isolates test files): it takes WebCrypto away from this realm,
// as an http page on a LAN address has none, and checks that the liner makes sealing work anyway.
// The common path (no liner download) is checked where the page tokenizes: field-page-controller.test.ts.
import { type CardData, SEAL_ALG, type SealPublicJwk } from '@tessera/protocol';
import { compactDecrypt } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { sealCard } from './seal-card';
import { canSeal, ensureWebCrypto } from './web-crypto';

const native = globalThis.crypto;
const card: CardData = { number: '378282246310005', expMonth: 11, expYear: 2031, cvc: '7373' };
const restoreNative = () =>
  Object.defineProperty(globalThis, 'crypto', { value: native, configurable: true, writable: true });
const linerScripts = () => [...document.scripts].filter((s) => s.src.includes('webcrypto-liner'));

describe('ensureWebCrypto', () => {
  afterAll(restoreNative);

  it('loads webcrypto-liner once where crypto.subtle is missing, and the liner-sealed card opens natively', {
    timeout: 20000,
  }, async () => {
    const pair = await native.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits']);
    const jwk = await native.subtle.exportKey('jwk', pair.publicKey);
    const key: SealPublicJwk = {
      kty: 'EC',
      crv: 'P-256',
      x: jwk.x ?? '',
      y: jwk.y ?? '',
      kid: 'k',
      alg: SEAL_ALG,
      use: 'enc',
    };

    // What an insecure context looks like: getRandomValues, but no subtle.
    const insecure = Object.create(native) as Crypto;
    Object.defineProperty(insecure, 'subtle', { value: undefined });
    Object.defineProperty(insecure, 'getRandomValues', { value: native.getRandomValues.bind(native) });
    Object.defineProperty(globalThis, 'crypto', { value: insecure, configurable: true, writable: true });
    expect(await canSeal()).toBe(false);

    await ensureWebCrypto();
    await ensureWebCrypto();
    expect(linerScripts()).toHaveLength(1);
    expect(globalThis.crypto).not.toBe(insecure);
    expect(await canSeal()).toBe(true);

    const sealed = await sealCard(card, key, 'pkh_test');
    // Opened with the browser's own WebCrypto, as the edge opens it with workerd's.
    restoreNative();
    const { plaintext } = await compactDecrypt(sealed, pair.privateKey);
    expect(JSON.parse(new TextDecoder().decode(plaintext))).toEqual(card);
  });
});
