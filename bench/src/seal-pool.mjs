// The load client's cards, sealed the way the field page seals them (packages/elements/src/sealing/seal-card.ts):
// JWE compact, ECDH-ES + A256GCM, to the first key of GET /v1/keys/seal, with its kid, bound to the publishable key
// (`pkh`) and the time of sealing (`iat`). Sealed before the run so the client's own crypto is not in the measured
// loop; each one is a distinct card and a distinct JWE. The edge takes a sealed card for ten minutes after `iat`:
// a pool is sealed for each run and must be spent within that.
import { base64url, CompactEncrypt } from 'jose';

/** A valid test PAN: `prefix` + digits from `n`, then the Luhn check digit. @param {string} prefix @param {number} n */
export function luhnPan(prefix, n, length = 16) {
  const body = (prefix + String(n).padStart(length - 1 - prefix.length, '0')).slice(0, length - 1);
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return body + String((10 - (sum % 10)) % 10);
}

/**
 * @param {string} edge the edge origin
 * @param {string} pk publishable key
 * @param {number} size how many sealed cards
 * @param {{ bad?: boolean, prefix?: string }} [options] `bad`: numbers that fail Luhn, as a card-testing script sends
 *   them; `prefix`: the cards' first six digits (default 424242), so that a part's pool does not tokenize the same
 *   cards as another's within the edge's card-testing window (ten creates of one card per ten minutes by default)
 */
export async function sealPool(edge, pk, size, options = {}) {
  const res = await fetch(`${edge}/v1/keys/seal`, { headers: { authorization: `Bearer ${pk}` } });
  if (!res.ok) throw new Error(`GET /v1/keys/seal: ${res.status}`);
  const { keys } = await res.json();
  const jwk = keys[0];
  const publicKey = await crypto.subtle.importKey(
    'jwk',
    { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y },
    { name: 'ECDH', namedCurve: jwk.crv },
    true,
    [],
  );
  const pkh = base64url.encode(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(pk))));
  const iat = Math.floor(Date.now() / 1000);
  const pool = [];
  for (let i = 0; i < size; i++) {
    const good = luhnPan(options.prefix ?? '424242', i);
    // Changing the check digit breaks Luhn.
    const number = options.bad ? good.slice(0, -1) + String((Number(good.at(-1)) + 1) % 10) : good;
    const card = { number, expMonth: 1 + (i % 12), expYear: 2030 + (i % 5), cvc: '123' };
    const sealed = await new CompactEncrypt(new TextEncoder().encode(JSON.stringify(card)))
      .setProtectedHeader({ alg: 'ECDH-ES', enc: 'A256GCM', kid: jwk.kid, iat, pkh })
      .encrypt(publicKey);
    pool.push(JSON.stringify({ sealed }));
  }
  return pool;
}
