// The crypto micro-benchmark worker, bundled by crypto.mjs with esbuild and run in the same workerd as the edge.
// It calls the edge's own functions (apps/edge/src/crypto/*.ts). Workerd's clock does not advance during compute
// (a Spectre mitigation), so this worker does not time itself: `GET ?op=<op>&n=<n>` runs the op n times in one
// request and crypto.mjs times the request from outside, minus the same request with op=noop.
import { CompactEncrypt } from 'jose';
import {
  generateDataKeys,
  importKek,
  unwrapDataKey,
  unwrapFingerprintKey,
  wrapKey,
} from '../../apps/edge/src/crypto/envelope';
import { fingerprint } from '../../apps/edge/src/crypto/fingerprint';
import { decryptRecord, type EncryptedRecord, encryptRecord, recordAad } from '../../apps/edge/src/crypto/records';
import { importSealKey, unseal } from '../../apps/edge/src/crypto/seal';

interface State {
  publicKey: CryptoKey;
  sealKeys: Map<string, CryptoKey>;
  sealed: string[];
  dataKey: CryptoKey;
  fingerprintKey: CryptoKey;
  records: EncryptedRecord[];
}

const KID = 'seal_bench';
const card = (i: number) =>
  new TextEncoder().encode(
    JSON.stringify({ number: `42424242${String(i).padStart(8, '0')}`, expMonth: 12, expYear: 2030, cvc: '123' }),
  );
const aad = recordAad({ merchantId: 'bench', tokenId: 'tok_bench', keyVersion: 1, kekKid: 'kek_bench', kind: 'card' });
let state: State | undefined;

function seal(publicKey: CryptoKey, i: number): Promise<string> {
  return new CompactEncrypt(card(i))
    .setProtectedHeader({ alg: 'ECDH-ES', enc: 'A256GCM', kid: KID })
    .encrypt(publicKey);
}

async function setup(n: number): Promise<State> {
  const pair = (await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, [
    'deriveBits',
  ])) as CryptoKeyPair;
  const jwk = (await crypto.subtle.exportKey('jwk', pair.privateKey)) as {
    kty: 'EC';
    crv: 'P-256';
    x: string;
    y: string;
    d: string;
  };
  const sealKeys = new Map([[KID, await importSealKey(jwk)]]);
  const sealed: string[] = [];
  for (let i = 0; i < n; i++) sealed.push(await seal(pair.publicKey, i));
  // As in the vault: keys generated, wrapped by a KEK, then unwrapped non-extractable for use.
  const kek = await importKek(crypto.getRandomValues(new Uint8Array(32)));
  const fresh = await generateDataKeys();
  const dataKey = await unwrapDataKey(await wrapKey(fresh.dataKey, kek), kek);
  const fingerprintKey = await unwrapFingerprintKey(await wrapKey(fresh.fingerprintKey, kek), kek);
  const records: EncryptedRecord[] = [];
  for (let i = 0; i < n; i++) records.push(await encryptRecord(dataKey, card(i), aad));
  return { publicKey: pair.publicKey, sealKeys, sealed, dataKey, fingerprintKey, records };
}

const OPS: Record<string, (s: State, i: number) => Promise<unknown>> = {
  noop: async () => undefined,
  seal: (s, i) => seal(s.publicKey, i),
  unseal: async (s, i) => {
    const r = await unseal(s.sealed[i % s.sealed.length] as string, s.sealKeys);
    if (!r.ok) throw new Error(r.code);
  },
  encrypt: (s, i) => encryptRecord(s.dataKey, card(i), aad),
  decrypt: (s, i) => decryptRecord(s.dataKey, s.records[i % s.records.length] as EncryptedRecord, aad),
  hmac: (s, i) => fingerprint(s.fingerprintKey, `42424242${String(i).padStart(8, '0')}`),
};

export default {
  async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const n = Number(url.searchParams.get('n') ?? '100');
    const op = url.searchParams.get('op') ?? 'noop';
    if (op === 'setup') {
      state = await setup(n);
      return Response.json({ ok: true });
    }
    const run = OPS[op];
    if (!run || !state) return Response.json({ error: 'setup first, then a known op' }, { status: 400 });
    for (let i = 0; i < n; i++) await run(state, i);
    return Response.json({ ok: true, op, n });
  },
};
