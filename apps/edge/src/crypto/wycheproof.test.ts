import { describe, expect, it } from 'vitest';
import aesGcmFile from '../../test/vectors/aes_gcm_test.json';
import aesWrapFile from '../../test/vectors/aes_wrap_test.json';
import ecdhFile from '../../test/vectors/ecdh_secp256r1_webcrypto_test.json';
import hmacFile from '../../test/vectors/hmac_sha256_test.json';

// Project Wycheproof vectors (test/vectors, Apache-2.0) against the WebCrypto of workerd, the runtime the edge
// runs on: AES-GCM (records), AES-KW (data-key wrapping), HMAC-SHA-256 (fingerprints) and ECDH P-256 (unsealing).
// `valid` must give the expected output, `invalid` must be refused, `acceptable` may go either way but must not
// give a wrong answer.

type Result = 'valid' | 'invalid' | 'acceptable';
interface Vector {
  tcId: number;
  comment: string;
  flags: string[];
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
  tests: (Vector & { public: JsonWebKey; private: JsonWebKey; shared: string })[];
}

const aesGcm = aesGcmFile as unknown as File<AeadGroup>;
const aesWrap = aesWrapFile as unknown as File<WrapGroup>;
const hmac = hmacFile as unknown as File<MacGroup>;
const ecdh = ecdhFile as unknown as File<EcdhGroup>;

const hex = (text: string): Uint8Array => new Uint8Array((text.match(/../g) ?? []).map((b) => Number.parseInt(b, 16)));
const toHex = (bytes: ArrayBuffer): string =>
  Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');
const attempt = async <T>(work: () => Promise<T>): Promise<T | undefined> => {
  try {
    return await work();
  } catch {
    return undefined;
  }
};

/** Runs each vector of a group and returns the ids of those that gave the wrong answer. */
async function failures<T extends Vector>(tests: T[], check: (t: T) => Promise<boolean>): Promise<number[]> {
  const wrong: number[] = [];
  for (const t of tests) if (!(await check(t))) wrong.push(t.tcId);
  return wrong;
}

describe(`Wycheproof ${aesGcm.algorithm} (records)`, () => {
  // Every group has 128-bit tags, which is all WebCrypto's AES-GCM is used with here. Zero-length IVs are
  // not expressible in WebCrypto (it refuses them), and every such vector is `invalid`, so refusing is right.
  it.each(aesGcm.testGroups.map((g) => [`${g.keySize}-bit key, ${g.ivSize}-bit IV`, g] as const))(
    '%s',
    async (_, group) => {
      const wrong = await failures(group.tests, async (t) => {
        const key = await crypto.subtle.importKey('raw', hex(t.key), 'AES-GCM', false, ['encrypt', 'decrypt']);
        const params = { name: 'AES-GCM', iv: hex(t.iv), additionalData: hex(t.aad), tagLength: group.tagSize };
        const sealed = new Uint8Array([...hex(t.ct), ...hex(t.tag)]);
        const opened = await attempt(() => crypto.subtle.decrypt(params, key, sealed));
        if (t.result === 'invalid') return opened === undefined;
        const encrypted = await attempt(() => crypto.subtle.encrypt(params, key, hex(t.msg)));
        return (
          opened !== undefined &&
          toHex(opened) === t.msg &&
          encrypted !== undefined &&
          toHex(encrypted) === t.ct + t.tag
        );
      });
      expect(wrong).toEqual([]);
    },
  );
});

describe(`Wycheproof ${aesWrap.algorithm} (data-key wrapping)`, () => {
  // Wrapped keys are unwrapped as HMAC keys: WebCrypto needs some algorithm for the key inside, and HMAC takes
  // any length, so the unwrapped bytes can be exported and compared.
  const asKey = { name: 'HMAC', hash: 'SHA-256' };
  it.each(aesWrap.testGroups.map((g) => [`${g.keySize}-bit KEK`, g] as const))('%s', async (_, group) => {
    const wrong = await failures(group.tests, async (t) => {
      const kek = await crypto.subtle.importKey('raw', hex(t.key), 'AES-KW', false, ['wrapKey', 'unwrapKey']);
      const unwrapped = await attempt(async () => {
        const key = await crypto.subtle.unwrapKey('raw', hex(t.ct), kek, 'AES-KW', asKey, true, ['sign']);
        return toHex((await crypto.subtle.exportKey('raw', key)) as ArrayBuffer);
      });
      if (t.result === 'invalid') return unwrapped === undefined;
      if (t.result === 'acceptable') return unwrapped === undefined || unwrapped === t.msg;
      const wrapped = await attempt(async () => {
        const key = await crypto.subtle.importKey('raw', hex(t.msg), asKey, true, ['sign']);
        return toHex(await crypto.subtle.wrapKey('raw', key, kek, 'AES-KW'));
      });
      return unwrapped === t.msg && wrapped === t.ct;
    });
    expect(wrong).toEqual([]);
  });
});

describe(`Wycheproof ${hmac.algorithm} (fingerprints)`, () => {
  // WebCrypto's verify() takes full-length tags only, so truncated tags are checked by truncating sign().
  it.each(hmac.testGroups.map((g) => [`${g.keySize}-bit key, ${g.tagSize}-bit tag`, g] as const))(
    '%s',
    async (_, group) => {
      const wrong = await failures(group.tests, async (t) => {
        const key = await crypto.subtle.importKey('raw', hex(t.key), { name: 'HMAC', hash: 'SHA-256' }, false, [
          'sign',
        ]);
        const mac = toHex(await crypto.subtle.sign('HMAC', key, hex(t.msg))).slice(0, group.tagSize / 4);
        return (mac === t.tag) === (t.result === 'valid');
      });
      expect(wrong).toEqual([]);
    },
  );
});

describe(`Wycheproof ${ecdh.algorithm} P-256 with JWK keys (unsealing)`, () => {
  const curve = { name: 'ECDH', namedCurve: 'P-256' };
  it.each(ecdh.testGroups.map((g) => [g.curve, g] as const))('%s', async (_, group) => {
    const wrong = await failures(group.tests, async (t) => {
      const shared = await attempt(async () => {
        const privateKey = await crypto.subtle.importKey('jwk', t.private, curve, false, ['deriveBits']);
        const publicKey = await crypto.subtle.importKey('jwk', t.public, curve, false, []);
        // WebCrypto names the peer key `public`; workers-types spells it `$public`, so no object literal here.
        const params = { name: 'ECDH', public: publicKey };
        return toHex(await crypto.subtle.deriveBits(params, privateKey, 256));
      });
      if (t.result === 'invalid') return shared === undefined;
      if (t.result === 'acceptable') return shared === undefined || shared === t.shared;
      return shared === t.shared;
    });
    expect(wrong).toEqual([]);
  });
});
