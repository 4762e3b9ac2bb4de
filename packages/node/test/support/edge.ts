// What the edge tests share: the running edge (from edge-setup.ts), clients for its merchants, and tokens made the
// way the field page makes them: a card sealed to the edge's key (JWE, ECDH-ES + A256GCM, bound to the publishable
// key and the time), posted with the publishable key from the edge's own origin.
import { base64url, CompactEncrypt } from 'jose';
import { inject } from 'vitest';
import { Tessera, type TesseraOptions } from '../../src/index';
import type { Recorded } from './processor';

export interface Edge {
  origin: string;
  publishableKey: string;
  secretKey: string;
  otherSecretKey: string;
  merchantId: string;
  agentKey: string;
  processor: string;
}

/** The running edge; throws, failing the test, when it could not start. */
export function edge(): Edge {
  const provided = inject('edge');
  if ('error' in provided) throw new Error(`the edge did not start: ${provided.error}`);
  return provided;
}

/** A client of the tests' merchant (or of `secretKey`'s). */
export function client(options: TesseraOptions = {}, secretKey = edge().secretKey): Tessera {
  return new Tessera(secretKey, { edge: edge().origin, ...options });
}

/** A test card number with a random body: a new card, so a new fingerprint, each time. */
export function randomPan(prefix = '424242', length = 16): string {
  let body = prefix;
  while (body.length < length - 1) body += String(Math.floor(Math.random() * 10));
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let digit = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return body + String((10 - (sum % 10)) % 10);
}

export interface Card {
  number: string;
  expMonth: number;
  expYear: number;
  cvc?: string;
}

/** Seals `card` as the field page does and creates a token with it; answers the token id. */
export async function createToken(card: Card = { number: randomPan(), expMonth: 12, expYear: 2034, cvc: '123' }) {
  const { origin, publishableKey } = edge();
  const auth = { authorization: `Bearer ${publishableKey}` };
  const keys = (await (await fetch(`${origin}/v1/keys/seal`, { headers: auth })).json()) as {
    keys: { kid: string; kty: string; crv: string; x: string; y: string }[];
  };
  const jwk = keys.keys[0];
  if (jwk === undefined) throw new Error('the edge has no sealing key');
  const publicKey = await crypto.subtle.importKey(
    'jwk',
    { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y },
    { name: 'ECDH', namedCurve: jwk.crv },
    true,
    [],
  );
  const utf8 = (text: string) => new TextEncoder().encode(text);
  const pkh = base64url.encode(new Uint8Array(await crypto.subtle.digest('SHA-256', utf8(publishableKey))));
  const sealed = await new CompactEncrypt(utf8(JSON.stringify(card)))
    .setProtectedHeader({ alg: 'ECDH-ES', enc: 'A256GCM', kid: jwk.kid, iat: Math.floor(Date.now() / 1000), pkh })
    .encrypt(publicKey);
  const response = await fetch(`${origin}/v1/tokens`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json', origin, 'sec-fetch-site': 'same-origin' },
    body: JSON.stringify({ sealed }),
  });
  const body = (await response.json()) as { id?: string };
  if (!response.ok || typeof body.id !== 'string') {
    throw new Error(`POST /v1/tokens answered ${response.status}: ${JSON.stringify(body)}`);
  }
  return { id: body.id, card };
}

/** What the stand-in processor received under `id`. */
export async function received(id: string): Promise<Recorded[]> {
  return (await (await fetch(`${edge().processor}/received/${id}`)).json()) as Recorded[];
}
