import { env } from 'cloudflare:workers';
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';
import { sha256Hex, toBase64Url, utf8 } from '../../src/lib/encoding';

// AP2 Payment Mandates as an agent platform's trusted surface would issue them and its agent present them: built
// with OpenWallet Foundation's @sd-jwt/sd-jwt-vc (an SD-JWT VC, typ dc+sd-jwt), WebCrypto keys, and a key-binding
// JWT signed by the agent's key. The edge verifies them with @sd-jwt/core, so the two meet only in the format.

const ES256 = { name: 'ECDSA', hash: 'SHA-256' } as const;

export const newKeyPair = () =>
  crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']) as Promise<CryptoKeyPair>;

/** A public P-256 JWK as TESSERA_AGENTS and `cnf` carry it. */
export async function publicJwk(pair: CryptoKeyPair) {
  const { kty, crv, x, y } = (await crypto.subtle.exportKey('jwk', pair.publicKey)) as JsonWebKey;
  return { kty: kty as 'EC', crv: crv as 'P-256', x: x as string, y: y as string };
}

const signerOf = (pair: CryptoKeyPair) => async (data: string) =>
  toBase64Url(new Uint8Array(await crypto.subtle.sign(ES256, pair.privateKey, utf8(data))));

/** SD-JWT's hasher for the two `_sd_alg`s the tests use. */
const hasher = async (data: string | ArrayBuffer, alg = 'sha-256') =>
  new Uint8Array(
    await crypto.subtle.digest(alg === 'sha-512' ? 'SHA-512' : 'SHA-256', typeof data === 'string' ? utf8(data) : data),
  );

const salt = () => toBase64Url(crypto.getRandomValues(new Uint8Array(16)));

export const nowSeconds = () => Math.floor(Date.now() / 1000);

/** A closed Payment Mandate's claims for merchant `demo` and a vault token, with AP2's claim names. */
export function paymentMandate(vaultTokenId: string, amount: number, currency = 'USD') {
  return {
    iss: 'https://agent.example/trusted-surface',
    vct: 'mandate.payment.1',
    transaction_id: toBase64Url(crypto.getRandomValues(new Uint8Array(32))),
    payee: { id: 'demo', name: 'Demo Merchant', website: 'https://demo.example' },
    payment_amount: { amount, currency },
    payment_instrument: { id: vaultTokenId, type: 'card', description: 'Visa ••••4242' },
    iat: nowSeconds(),
    exp: nowSeconds() + 600,
  } as Record<string, unknown>;
}

export interface MandateParts {
  /** The mandate's claims, `cnf` added from `holder`. */
  claims: Record<string, unknown>;
  /** Signs the issuer JWT: the platform's mandate issuer. */
  issuer: CryptoKeyPair;
  /** The agent's key, named in `cnf`. */
  holder: CryptoKeyPair;
  /** Signs the KB-JWT; the holder unless a test says otherwise. */
  binder?: CryptoKeyPair;
  /** The KB-JWT's claims; `null` presents no key binding at all. */
  binding: { aud: string; nonce: string; iat?: number } | null;
  /** Claims made selectively disclosable (all of them are disclosed). */
  disclosed?: string[];
  header?: Record<string, unknown>;
  /** The `_sd_alg`; SHA-256 unless a test says otherwise. */
  hashAlg?: 'sha-256' | 'sha-512';
}

const instanceFor = (parts: Pick<MandateParts, 'issuer' | 'holder' | 'binder' | 'hashAlg'>) =>
  new SDJwtVcInstance({
    hasher,
    hashAlg: parts.hashAlg ?? 'sha-256',
    saltGenerator: salt,
    signer: signerOf(parts.issuer),
    signAlg: 'ES256',
    kbSigner: signerOf(parts.binder ?? parts.holder),
    kbSignAlg: 'ES256',
  });

/** The issued credential, `<issuer JWT>~<disclosures>~`, as the trusted surface hands it to the agent. */
export async function issueMandate(parts: MandateParts): Promise<string> {
  const claims = { ...parts.claims, cnf: { jwk: await publicJwk(parts.holder) } };
  return instanceFor(parts).issue(
    claims as Parameters<SDJwtVcInstance['issue']>[0],
    { _sd: parts.disclosed ?? ['transaction_id', 'payee', 'payment_amount', 'payment_instrument'] } as never,
    parts.header === undefined ? undefined : { header: parts.header },
  );
}

/** The agent's presentation of an issued mandate: every disclosure, and a KB-JWT unless `binding` is null. */
export async function bindMandate(credential: string, parts: MandateParts): Promise<string> {
  const instance = instanceFor(parts);
  if (parts.binding === null) return instance.present(credential);
  const { aud, nonce, iat = nowSeconds() } = parts.binding;
  return instance.present(credential, undefined, { kb: { payload: { aud, nonce, iat } } });
}

/** An issued and presented mandate in compact form: `<issuer JWT>~<disclosures>~<KB-JWT>`. */
export const presentMandate = async (parts: MandateParts): Promise<string> =>
  bindMandate(await issueMandate(parts), parts);

/** The edge's id of a mandate: base64url SHA-256 of its issuer JWT's signing input. */
export async function mandateId(compact: string): Promise<string> {
  const jwt = compact.slice(0, compact.indexOf('~'));
  return toBase64Url(await hasher(jwt.slice(0, jwt.lastIndexOf('.'))));
}

export const SECOND_AGENT_KEY = 'ak_test_second_agent';

/**
 * Bindings in which merchant `demo` requires mandates (or not), the local agent platform issues them with
 * `issuer`, and a second platform that `demo` also accepts issues them with `second`.
 */
export async function mandateEnv(
  issuer: CryptoKeyPair,
  second: CryptoKeyPair,
  requireMandate = true,
): Promise<Partial<Env>> {
  const merchants = (JSON.parse(env.TESSERA_MERCHANTS) as { id: string; agents?: string[] }[]).map((m) =>
    m.id === 'demo' ? { ...m, requireMandate, agents: [...(m.agents ?? []), 'second'] } : m,
  );
  const issuerJwk = await publicJwk(issuer);
  const agents: Record<string, unknown>[] = (JSON.parse(env.TESSERA_AGENTS) as Record<string, unknown>[]).map((a) => ({
    ...a,
    mandateIssuerKeys: [issuerJwk],
  }));
  agents.push({
    id: 'second',
    name: 'Second agent platform',
    keyHashes: [await sha256Hex(SECOND_AGENT_KEY)],
    mandateIssuerKeys: [await publicJwk(second)],
  });
  return { TESSERA_MERCHANTS: JSON.stringify(merchants), TESSERA_AGENTS: JSON.stringify(agents) };
}
