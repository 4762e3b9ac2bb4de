import { beforeAll, describe, expect, it } from 'vitest';
import {
  issueMandate,
  type MandateParts,
  mandateId,
  newKeyPair,
  nowSeconds,
  paymentMandate,
  presentMandate,
} from '../../../test/support/mandates';
import { fromBase64Url, toBase64Url, utf8 } from '../../lib/encoding';
import { KEY_BINDING_TOLERANCE_SECONDS, verifyPresentation } from './mandate-presentation';

// What @sd-jwt/core leaves to the verifier, and the mandate's id, checked on presentations a holder shapes by
// hand: the library's own presentation code would never produce them.

const VAULT_TOKEN = 'vt_AAAAAAAAAAAAAAAAAAAAAA';
const binding = { audience: 'demo', nonce: 'csn_1' };

let issuer: CryptoKeyPair;
let holder: CryptoKeyPair;
let keys: Map<string, CryptoKey[]>;

beforeAll(async () => {
  [issuer, holder] = await Promise.all([newKeyPair(), newKeyPair()]);
  keys = new Map([['agent', [issuer.publicKey]]]);
});

const parts = (change: Partial<MandateParts> = {}): MandateParts => ({
  claims: paymentMandate(VAULT_TOKEN, 2000),
  issuer,
  holder,
  binding: { aud: 'demo', nonce: 'csn_1' },
  ...change,
});

const b64 = (value: unknown) => toBase64Url(utf8(JSON.stringify(value)));

/** A KB-JWT over exactly `presented` (`<issuer JWT>~<disclosures>~`), signed by `key`: a holder's own. */
async function bindByHand(presented: string, key: CryptoKey, iat = nowSeconds()): Promise<string> {
  const sdHash = toBase64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', utf8(presented))));
  const input = `${b64({ typ: 'kb+jwt', alg: 'ES256' })}.${b64({ iat, aud: 'demo', nonce: 'csn_1', sd_hash: sdHash })}`;
  const signature = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, key, utf8(input));
  return `${presented}${input}.${toBase64Url(new Uint8Array(signature))}`;
}

const verify = (compact: string) => verifyPresentation(compact, keys, binding, nowSeconds());

describe('verifyPresentation', () => {
  it('answers the disclosed claims, the platforms whose keys signed it and an id of the issuer JWT', async () => {
    const compact = await presentMandate(parts());
    const presentation = await verify(compact);
    expect(presentation).toMatchObject({
      id: await mandateId(compact),
      issuers: ['agent'],
      claims: { vct: 'mandate.payment.1', payee: { id: 'demo' }, payment_amount: { amount: 2000, currency: 'USD' } },
    });
    expect(await verifyPresentation(compact, new Map(), binding, nowSeconds())).toBeNull();
  });

  it('holds the key binding to the tolerance on both sides of now', async () => {
    const credential = await issueMandate(parts());
    const at = async (offset: number) => verify(await bindByHand(credential, holder.privateKey, nowSeconds() + offset));
    expect(await at(KEY_BINDING_TOLERANCE_SECONDS - 5)).not.toBeNull();
    expect(await at(-KEY_BINDING_TOLERANCE_SECONDS + 5)).not.toBeNull();
    expect(await at(KEY_BINDING_TOLERANCE_SECONDS + 5)).toBeNull();
    expect(await at(-KEY_BINDING_TOLERANCE_SECONDS - 5)).toBeNull();
  });

  it('refuses a disclosure no digest refers to, or one given twice, even under a valid key binding', async () => {
    const credential = await issueMandate(parts());
    expect(await verify(await bindByHand(credential, holder.privateKey))).not.toBeNull();
    const stray = b64(['c2FsdA', 'payment_amount', { amount: 1, currency: 'USD' }]);
    expect(await verify(await bindByHand(`${credential}${stray}~`, holder.privateKey))).toBeNull();
    const [, first] = credential.split('~');
    expect(await verify(await bindByHand(`${credential}${first}~`, holder.privateKey))).toBeNull();
  });

  it('refuses digests of any _sd_alg but sha-256', async () => {
    expect(await verify(await presentMandate(parts({ hashAlg: 'sha-512' })))).toBeNull();
  });

  it('refuses an issuer JWT typed other than dc+sd-jwt', async () => {
    expect(await verify(await presentMandate(parts({ header: { typ: 'example+sd-jwt' } })))).toBeNull();
    expect(await verify(await presentMandate(parts({ header: { typ: 'dc+sd-jwt' } })))).not.toBeNull();
  });

  it('gives an issuer JWT with its other ECDSA signature (s to n − s) the same id', async () => {
    const credential = await issueMandate(parts());
    const [jwt = '', ...rest] = credential.split('~');
    const dot = jwt.lastIndexOf('.');
    const signature = fromBase64Url(jwt.slice(dot + 1));
    const n = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
    const s = BigInt(`0x${Array.from(signature.slice(32), (b) => b.toString(16).padStart(2, '0')).join('')}`);
    const flipped = (n - s).toString(16).padStart(64, '0');
    const other = new Uint8Array([
      ...signature.slice(0, 32),
      ...(flipped.match(/../g) ?? []).map((h) => Number.parseInt(h, 16)),
    ]);
    const twin = [`${jwt.slice(0, dot)}.${toBase64Url(other)}`, ...rest].join('~');
    expect(twin).not.toBe(credential);

    const original = await verify(await bindByHand(credential, holder.privateKey));
    const malleated = await verify(await bindByHand(twin, holder.privateKey));
    expect(malleated).not.toBeNull();
    expect(malleated?.id).toBe(original?.id);
  });
});
