import type { CreateTokenRequest } from '@tessera/protocol';
import * as v from 'valibot';
import { EdgeError } from '../../errors/edge-error';
import { parseJsonBytes } from '../../request/parse-json';

/** A sealed card is a few hundred characters; the bound stops huge strings before any crypto sees them. */
export const MAX_SEALED_LENGTH = 8192;
/** The farthest `expiresAt` may lie ahead. */
export const MAX_TOKEN_LIFETIME_SECONDS = 365 * 24 * 60 * 60;

// JWE compact serialization: five base64url parts; ECDH-ES (direct key agreement) leaves the second empty,
// but the shape is checked loosely here and exactly by jose.
const JWE_COMPACT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

const BODY_MEMBERS: ReadonlySet<string> = new Set(['sealed', 'expiresAt']);
/** The body of `POST /v1/tokens`, as validated; also the OpenAPI document's request schema. */
export const CreateTokenSchema = v.strictObject({
  sealed: v.pipe(
    v.string(),
    v.maxLength(MAX_SEALED_LENGTH),
    v.regex(JWE_COMPACT),
    v.description('The card sealed by a field page: JWE compact, ECDH-ES + A256GCM, to a key of /v1/keys/seal.'),
  ),
  expiresAt: v.optional(
    v.pipe(v.number(), v.safeInteger(), v.description('Unix seconds, within 365 days, when the token is erased.')),
  ),
});

/**
 * Reads the body of `POST /v1/tokens`: `{ sealed, expiresAt? }` and nothing else. Problems name the field
 * (`param`), never its value; an unknown member is named only as `body`, since its name is client data too.
 */
export function parseCreateTokenBody(bytes: Uint8Array, now: Date): CreateTokenRequest {
  const json = parseJsonBytes(bytes);
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new EdgeError('invalid_request', { param: 'body' });
  }
  if (Object.keys(json).some((key) => !BODY_MEMBERS.has(key)))
    throw new EdgeError('invalid_request', { param: 'body' });
  const result = v.safeParse(CreateTokenSchema, json);
  if (!result.success) {
    const issue = result.issues[0];
    throw new EdgeError('invalid_request', { param: (issue && v.getDotPath(issue)) || 'body' });
  }
  const { sealed, expiresAt } = result.output;
  if (expiresAt === undefined) return { sealed };
  const nowSeconds = Math.floor(now.getTime() / 1000);
  if (expiresAt <= nowSeconds || expiresAt > nowSeconds + MAX_TOKEN_LIFETIME_SECONDS) {
    throw new EdgeError('invalid_request', { param: 'expiresAt', detail: 'expiresAt must be in the next 365 days.' });
  }
  return { sealed, expiresAt };
}
