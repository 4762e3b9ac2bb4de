// Sealing as the field page does it (JWE compact, ECDH-ES + A256GCM, RFC 7516/7518), written out with WebCrypto so
// that a test can seal a card the field page itself would refuse to. It runs inside the field page frame through
// `frame.evaluate`, so it must be one self-contained function.

export interface SealAndPostInput {
  /** The publishable key of the field page's URL. */
  key: string;
  card: { number: string; expMonth: number; expYear: number; cvc?: string };
}

export interface SealAndPostAnswer {
  status: number;
  contentType: string;
  body: string;
  sealed: string;
}

/**
 * Fetches the edge's sealing key, seals `card` to it and POSTs it to `/v1/tokens`, same-origin, with `key`.
 * The protected header carries `kid`, the sealing time (`iat`) and the publishable key's hash (`pkh`), as the
 * field page's does.
 */
export async function sealAndPostCard({ key, card }: SealAndPostInput): Promise<SealAndPostAnswer> {
  const utf8 = (text: string) => new TextEncoder().encode(text);
  const b64url = (bytes: Uint8Array) =>
    btoa(String.fromCharCode(...bytes))
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '');
  const u32 = (n: number) => new Uint8Array([n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]);
  const concat = (...parts: Uint8Array[]) => {
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const part of parts) {
      out.set(part, at);
      at += part.length;
    }
    return out;
  };
  const auth = { Authorization: `Bearer ${key}` };

  const keySet = (await (await fetch('/v1/keys/seal', { headers: auth, cache: 'no-store' })).json()) as {
    keys: { kid: string; kty: string; crv: string; x: string; y: string }[];
  };
  const jwk = keySet.keys[0];
  if (!jwk) throw new Error('the edge has no sealing key');
  const edgeKey = await crypto.subtle.importKey(
    'jwk',
    { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y },
    { name: 'ECDH', namedCurve: 'P-256' },
    false,
    [],
  );
  const ephemeral = (await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, [
    'deriveBits',
  ])) as CryptoKeyPair;
  const shared = new Uint8Array(
    await crypto.subtle.deriveBits({ name: 'ECDH', public: edgeKey }, ephemeral.privateKey, 256),
  );
  // Concat KDF (RFC 7518 §4.6.2) for direct ECDH-ES: AlgorithmID is "enc", no PartyUInfo/PartyVInfo, 256 bits.
  const enc = utf8('A256GCM');
  const kdfInput = concat(u32(1), shared, u32(enc.length), enc, u32(0), u32(0), u32(256));
  const cek = await crypto.subtle.importKey('raw', await crypto.subtle.digest('SHA-256', kdfInput), 'AES-GCM', false, [
    'encrypt',
  ]);
  const { x, y } = await crypto.subtle.exportKey('jwk', ephemeral.publicKey);
  const pkh = b64url(new Uint8Array(await crypto.subtle.digest('SHA-256', utf8(key))));
  const header = b64url(
    utf8(
      JSON.stringify({
        alg: 'ECDH-ES',
        enc: 'A256GCM',
        kid: jwk.kid,
        iat: Math.floor(Date.now() / 1000),
        pkh,
        epk: { kty: 'EC', crv: 'P-256', x, y },
      }),
    ),
  );
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const encrypted = new Uint8Array(
    await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv, additionalData: utf8(header), tagLength: 128 },
      cek,
      utf8(JSON.stringify(card)),
    ),
  );
  const sealed = [header, '', b64url(iv), b64url(encrypted.slice(0, -16)), b64url(encrypted.slice(-16))].join('.');

  const response = await fetch('/v1/tokens', {
    method: 'POST',
    headers: { ...auth, 'Content-Type': 'application/json' },
    body: JSON.stringify({ sealed }),
    credentials: 'omit',
    cache: 'no-store',
  });
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    body: await response.text(),
    sealed,
  };
}
