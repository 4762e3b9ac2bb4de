import { base64url } from 'jose';
import { describe, expect, it } from 'vitest';
import aesGcmFile from '../../test/vectors/aes_gcm_test.json';
import aesWrapFile from '../../test/vectors/aes_wrap_test.json';
import ecdhFile from '../../test/vectors/ecdh_secp256r1_webcrypto_test.json';
import hmacFile from '../../test/vectors/hmac_sha256_test.json';
import { importKek, unwrapDataKey, unwrapFingerprintKey, wrapKey } from './envelope';
import { fingerprintOfBytes } from './fingerprint';
import { decryptRecord, encryptRecord } from './records';
import { importSealKey, unseal } from './seal';

// Project Wycheproof vectors (test/vectors, Apache-2.0) through the edge's own crypto functions, with the
// parameters the edge uses: record encryption (AES-256-GCM, 96-bit IV, 128-bit tag), key wrapping (a 256-bit
// KEK, AES-KW), fingerprints (HMAC-SHA-256 truncated to 128 bits) and unsealing (JWE ECDH-ES P-256 + A256GCM, the
// JWE built from each vector's keys and shared secret). A change to any of those functions that breaks the
// algorithm fails here. `valid` must give the expected output, `invalid` must be refused, `acceptable` may go
// either way but must not give a wrong answer.

type Result = 'valid' | 'invalid' | 'acceptable';
interface Vector {
  tcId: number;
  result: Result;
}
interface File<G> {
  algorithm: string;
  testGroups: G[];
}
interface AeadGroup {
  keySize: number;
  ivSize: number;
  tagSize: number;
  tests: (Vector & { key: string; iv: string; aad: string; msg: string; ct: string; tag: string })[];
}
interface WrapGroup {
  keySize: number;
  tests: (Vector & { key: string; msg: string; ct: string })[];
}
interface MacGroup {
  keySize: number;
  tagSize: number;
  tests: (Vector & { key: string; msg: string; tag: string })[];
}
interface EcdhGroup {
  curve: string;
  tests: (Vector & { public: JsonWebKey; private: JsonWebKey & { d: string }; shared: string })[];
}

const aesGcm = aesGcmFile as unknown as File<AeadGroup>;
const aesWrap = aesWrapFile as unknown as File<WrapGroup>;
const hmac = hmacFile as unknown as File<MacGroup>;
const ecdh = ecdhFile as unknown as File<EcdhGroup>;

const hex = (text: string): Uint8Array => new Uint8Array((text.match(/../g) ?? []).map((b) => Number.parseInt(b, 16)));
const toHex = (bytes: ArrayBuffer | Uint8Array): string =>
  Array.from(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join(
    '',
  );
const attempt = async <T>(work: () => Promise<T>): Promise<T | undefined> => {
  try {
    return await work();
  } catch {
    return undefined;
  }
};

/** Runs each vector and returns the ids of those that gave the wrong answer, and how many ran. */
async function failures<T extends Vector>(tests: T[], check: (t: T) => Promise<boolean>): Promise<number[]> {
  expect(tests.length).toBeGreaterThan(0);
  const wrong: number[] = [];
  for (const t of tests) if (!(await check(t))) wrong.push(t.tcId);
  return wrong;
}

const vectorsOf = <T>(groups: { tests: T[] }[]) => groups.flatMap((g) => g.tests);

describe(`Wycheproof ${aesGcm.algorithm} through encryptRecord / decryptRecord`, () => {
  const groups = aesGcm.testGroups.filter((g) => g.keySize === 256 && g.ivSize === 96 && g.tagSize === 128);
  const importKey = (raw: string) => crypto.subtle.importKey('raw', hex(raw), 'AES-GCM', false, ['encrypt', 'decrypt']);

  it('opens every valid record and refuses every invalid one', async () => {
    const wrong = await failures(vectorsOf(groups), async (t) => {
      const key = await importKey(t.key);
      const record = { iv: hex(t.iv), ciphertext: hex(t.ct + t.tag) };
      const opened = await attempt(() => decryptRecord(key, record, hex(t.aad)));
      if (t.result === 'invalid') return opened === undefined;
      return opened !== undefined && toHex(opened) === t.msg;
    });
    expect(wrong).toEqual([]);
  });

  it('seals each valid message into a record that standard AES-GCM opens with the same AAD', async () => {
    const wrong = await failures(
      vectorsOf(groups).filter((t) => t.result === 'valid'),
      async (t) => {
        const key = await importKey(t.key);
        const record = await encryptRecord(key, hex(t.msg), hex(t.aad));
        const params = { name: 'AES-GCM', iv: record.iv, additionalData: hex(t.aad), tagLength: 128 };
        const opened = await attempt(() => crypto.subtle.decrypt(params, key, record.ciphertext));
        return record.iv.length === 12 && opened !== undefined && toHex(opened) === t.msg;
      },
    );
    expect(wrong).toEqual([]);
  });
});

describe(`Wycheproof ${aesWrap.algorithm} through importKek / wrapKey / unwrap*Key`, () => {
  const vectors = vectorsOf(aesWrap.testGroups.filter((g) => g.keySize === 256));
  const PROBE = new TextEncoder().encode('probe');
  // Keys come back non-extractable, so each is compared by what it computes against the expected key's.
  const macOf = async (key: CryptoKey) => toHex(await crypto.subtle.sign('HMAC', key, PROBE));
  const hmacKey = (raw: Uint8Array) =>
    crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, true, ['sign']);
  const gcmOf = async (key: CryptoKey) =>
    toHex(await crypto.subtle.encrypt({ name: 'AES-GCM', iv: new Uint8Array(12) }, key, PROBE));

  // The edge's data and fingerprint keys are 256-bit, and those must unwrap to exactly the wrapped key. A valid
  // wrapping of a key of another length may unwrap or not (WebCrypto's import decides), but never to another key.
  it('unwraps valid wrappings to exactly the wrapped key and refuses every invalid one', async () => {
    const wrong = await failures(vectors, async (t) => {
      const kek = await importKek(hex(t.key));
      const fingerprintKey = await attempt(async () => macOf(await unwrapFingerprintKey(hex(t.ct), kek)));
      const dataKey = await attempt(async () => gcmOf(await unwrapDataKey(hex(t.ct), kek)));
      if (t.result === 'invalid') return fingerprintKey === undefined && dataKey === undefined;
      const expectedMac = await attempt(async () => macOf(await hmacKey(hex(t.msg))));
      const expectedGcm = await attempt(async () =>
        gcmOf(await crypto.subtle.importKey('raw', hex(t.msg), 'AES-GCM', false, ['encrypt'])),
      );
      if (t.result === 'valid' && t.msg.length === 64) {
        return fingerprintKey === expectedMac && dataKey === expectedGcm && expectedMac !== undefined;
      }
      return (fingerprintKey ?? expectedMac) === expectedMac && (dataKey ?? expectedGcm) === expectedGcm;
    });
    expect(wrong).toEqual([]);
  });

  it('wraps each valid key to exactly the expected bytes', async () => {
    const wrong = await failures(
      vectors.filter((t) => t.result === 'valid'),
      async (t) => toHex(await wrapKey(await hmacKey(hex(t.msg)), await importKek(hex(t.key)))) === t.ct,
    );
    expect(wrong).toEqual([]);
  });
});

describe(`Wycheproof ${hmac.algorithm} through fingerprintOfBytes`, () => {
  // The fingerprint keeps the first 128 bits of the MAC: the groups with 128-bit tags are exactly that.
  const vectors = vectorsOf(hmac.testGroups.filter((g) => g.keySize === 256 && g.tagSize === 128));

  it('gives fp_ + the expected truncated MAC for valid vectors, and never the modified tag of an invalid one', async () => {
    const wrong = await failures(vectors, async (t) => {
      const key = await crypto.subtle.importKey('raw', hex(t.key), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
      const matches = (await fingerprintOfBytes(key, hex(t.msg))) === `fp_${base64url.encode(hex(t.tag))}`;
      return matches === (t.result === 'valid');
    });
    expect(wrong).toEqual([]);
  });
});

describe(`Wycheproof ${ecdh.algorithm} P-256 through importSealKey / unseal`, () => {
  const encoder = new TextEncoder();
  const PLAINTEXT = encoder.encode('{"probe":true}');
  const u32 = (n: number) => new Uint8Array([n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]);

  /** RFC 7518 §4.6.2: the content key of ECDH-ES + A256GCM, from the shared secret Z (Concat KDF, SHA-256). */
  async function contentKey(shared: Uint8Array): Promise<Uint8Array> {
    const alg = encoder.encode('A256GCM');
    const info = new Uint8Array([
      ...u32(1),
      ...shared,
      ...u32(alg.length),
      ...alg,
      ...u32(0), // PartyUInfo
      ...u32(0), // PartyVInfo
      ...u32(256),
    ]);
    return new Uint8Array(await crypto.subtle.digest('SHA-256', info));
  }

  /** A JWE compact as a field page would send it, made from the vector's public key and shared secret. */
  async function sealWith(publicJwk: JsonWebKey, shared: Uint8Array): Promise<string> {
    const { kty, crv, x, y } = publicJwk;
    const header = base64url.encode(
      JSON.stringify({ alg: 'ECDH-ES', enc: 'A256GCM', kid: 'vector', epk: { kty, crv, x, y } }),
    );
    const key = await crypto.subtle.importKey('raw', await contentKey(shared), 'AES-GCM', false, ['encrypt']);
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const sealed = new Uint8Array(
      await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: encoder.encode(header) }, key, PLAINTEXT),
    );
    const [ciphertext, tag] = [sealed.subarray(0, -16), sealed.subarray(-16)];
    return [header, '', base64url.encode(iv), base64url.encode(ciphertext), base64url.encode(tag)].join('.');
  }

  it('opens cards sealed with each valid key pair and refuses each invalid public key', async () => {
    const wrong = await failures(vectorsOf(ecdh.testGroups), async (t) => {
      const privateKey = await attempt(() => importSealKey({ ...t.private, kty: 'EC', crv: 'P-256' } as never));
      if (privateKey === undefined) return t.result !== 'valid';
      // An invalid vector may have no shared secret; any stand-in must be refused all the same.
      const shared = t.shared.length === 64 ? hex(t.shared) : new Uint8Array(32);
      const compact = await attempt(() => sealWith(t.public, shared));
      if (compact === undefined) return t.result !== 'valid';
      const opened = await unseal(compact, new Map([['vector', privateKey]]));
      if (t.result === 'invalid') return !opened.ok;
      const right = opened.ok && toHex(opened.plaintext) === toHex(PLAINTEXT);
      return t.result === 'acceptable' ? !opened.ok || right : right;
    });
    expect(wrong).toEqual([]);
  });
});
