import { describe, expect, it } from 'vitest';
import { utf8 } from '../lib/encoding';
import { generateDataKeys, importKek, unwrapDataKey, unwrapFingerprintKey, wrapKey } from './envelope';
import { fingerprint } from './fingerprint';
import { decryptRecord, encryptRecord, type RecordBinding, recordAad } from './records';

const newKek = () => importKek(crypto.getRandomValues(new Uint8Array(32)));
const binding: RecordBinding = { merchantId: 'demo', tokenId: 'tok_a', keyVersion: 1, kekKid: 'kek_1', kind: 'card' };

describe('envelope encryption', () => {
  it('wraps data keys with a KEK and unwraps them as non-extractable keys that still work', async () => {
    const kek = await newKek();
    const { dataKey, fingerprintKey } = await generateDataKeys();
    const wrappedData = await wrapKey(dataKey, kek);
    const wrappedFingerprint = await wrapKey(fingerprintKey, kek);
    expect(wrappedData.byteLength).toBe(40);
    expect(wrappedFingerprint.byteLength).toBe(40);
    const data = await unwrapDataKey(wrappedData, kek);
    const fp = await unwrapFingerprintKey(wrappedFingerprint, kek);
    expect(data.extractable).toBe(false);
    expect(fp.extractable).toBe(false);
    const record = await encryptRecord(dataKey, utf8('hello'), recordAad(binding));
    expect(new TextDecoder().decode(await decryptRecord(data, record, recordAad(binding)))).toBe('hello');
    expect(await fingerprint(fp, '4242424242424242')).toBe(await fingerprint(fingerprintKey, '4242424242424242'));
  });

  it('refuses to unwrap under another KEK or from a changed blob', async () => {
    const kek = await newKek();
    const wrapped = await wrapKey((await generateDataKeys()).dataKey, kek);
    await expect(unwrapDataKey(wrapped, await newKek())).rejects.toThrow();
    const changed = wrapped.slice();
    changed[5] = (changed[5] ?? 0) ^ 1;
    await expect(unwrapDataKey(changed, kek)).rejects.toThrow();
  });
});

describe('records', () => {
  it('use a fresh 96-bit IV each time', async () => {
    const { dataKey } = await generateDataKeys();
    const a = await encryptRecord(dataKey, utf8('same'), recordAad(binding));
    const b = await encryptRecord(dataKey, utf8('same'), recordAad(binding));
    expect(a.iv.byteLength).toBe(12);
    expect(a.iv).not.toEqual(b.iv);
    expect(a.ciphertext).not.toEqual(b.ciphertext);
  });

  it.each([
    ['merchant', { merchantId: 'other' }],
    ['token', { tokenId: 'tok_b' }],
    ['key version', { keyVersion: 2 }],
    ['KEK', { kekKid: 'kek_2' }],
    ['kind', { kind: 'cvc' as const }],
  ])('are bound to their %s', async (_, change) => {
    const { dataKey } = await generateDataKeys();
    const record = await encryptRecord(dataKey, utf8('secret'), recordAad(binding));
    await expect(decryptRecord(dataKey, record, recordAad({ ...binding, ...change }))).rejects.toThrow();
  });

  it('refuse a flipped ciphertext bit', async () => {
    const { dataKey } = await generateDataKeys();
    const record = await encryptRecord(dataKey, utf8('secret'), recordAad(binding));
    record.ciphertext[0] = (record.ciphertext[0] ?? 0) ^ 1;
    await expect(decryptRecord(dataKey, record, recordAad(binding))).rejects.toThrow();
  });
});

describe('fingerprints', () => {
  it('are keyed: equal under one key, different under another, and never the number', async () => {
    const a = (await generateDataKeys()).fingerprintKey;
    const b = (await generateDataKeys()).fingerprintKey;
    const pan = '5555555555554444';
    expect(await fingerprint(a, pan)).toBe(await fingerprint(a, pan));
    expect(await fingerprint(a, pan)).not.toBe(await fingerprint(b, pan));
    expect(await fingerprint(a, pan)).not.toBe(await fingerprint(a, '4242424242424242'));
    expect(await fingerprint(a, pan)).toMatch(/^fp_[\w-]{22}$/);
  });
});
