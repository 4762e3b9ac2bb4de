import type { MiddlewareHandler } from 'hono';
import type { KeyType } from '../../config/config';
import { getEffectiveConfig, getFreshConfig } from '../../config/effective-config';
import { EdgeError } from '../../errors/edge-error';
import { fromHex, sha256Hex, toBase64Url } from '../../lib/encoding';
import type { AuthContext } from '../../request/auth-context';

export type { AuthContext } from '../../request/auth-context';

export interface AuthOptions {
  /** Which kind of key this route takes; the other kind is refused with 403 `wrong_key_type`. */
  keyType: KeyType;
}

// Keys are short ids, not documents; longer headers are refused before they are hashed.
const MAX_KEY_LENGTH = 256;
const BEARER = /^Bearer ([\x21-\x7e]+)$/;
/** The shape of a key the operator registry issued: its text names its owner. */
export const ISSUED_KEY = /^(?:pk|sk|ak|op)_(?:live|test)_[A-Za-z0-9_]{1,64}_[0-9a-f]{32}$/;

/** `key_` + the first 16 hex digits of the key's hash. */
export const keyIdOf = (keyHash: string) => `key_${keyHash.slice(0, 16)}`;

// RFC 9110: a 401 names the scheme that would be accepted.
const unauthorized = () => new EdgeError('unauthorized', { headers: { 'WWW-Authenticate': 'Bearer realm="tessera"' } });

/** Finds who an API key belongs to by the SHA-256 of the key: the edge holds hashes only. */
export async function authenticate(env: Env, key: string | undefined): Promise<AuthContext> {
  if (key === undefined || key.length > MAX_KEY_LENGTH) throw unauthorized();
  const hash = await sha256Hex(key);
  let found = (await getEffectiveConfig(env)).apiKeys.get(hash);
  // A key the registry issued moments ago may be newer than this isolate's snapshot: ask once more.
  if (found === undefined && ISSUED_KEY.test(key)) found = (await getFreshConfig(env)).apiKeys.get(hash);
  if (found === undefined) throw unauthorized();
  if (found.expiresAt !== undefined && found.expiresAt <= Date.now() / 1000) throw unauthorized();
  if (found.merchant.status === 'suspended') throw new EdgeError('merchant_suspended');
  return { merchant: found.merchant, keyType: found.type, keyId: keyIdOf(hash), keyHash: toBase64Url(fromHex(hash)) };
}

/** Reads the bearer key from `Authorization`, or undefined when there is none in the right form. */
export const bearerKey = (header: string | undefined): string | undefined =>
  header ? BEARER.exec(header)?.[1] : undefined;

/**
 * Requires `Authorization: Bearer <key>` of the given kind. Missing or unknown keys are 401 `unauthorized`;
 * a known key of the other kind is 403 `wrong_key_type`.
 */
export function auth(
  options: AuthOptions,
): MiddlewareHandler<{ Bindings: Env; Variables: { auth: AuthContext; refusedKey: AuthContext } }> {
  if (options.keyType !== 'publishable' && options.keyType !== 'secret') {
    throw new TypeError('auth(): keyType must be "publishable" or "secret"');
  }
  const { keyType } = options;
  return async function authMiddleware(c, next) {
    const context = await authenticate(c.env, bearerKey(c.req.header('Authorization')));
    if (context.keyType !== keyType) {
      // A real key in the wrong place: its merchant's trail records the refusal (middleware/audit-refusals).
      c.set('refusedKey', context);
      throw new EdgeError('wrong_key_type');
    }
    c.set('auth', context);
    await next();
  };
}
