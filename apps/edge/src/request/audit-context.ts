import { fromBase64Url, toHex } from '../lib/encoding';
import type { AuditContext } from '../vault/types';
import type { AuthContext } from './auth-context';

/** The audit facts of an authenticated request: key id, client IP (as Cloudflare saw it) and request id. */
export function auditContext(auth: AuthContext, request: Request, requestId: string): AuditContext {
  return {
    keyId: auth.keyId,
    keyHash: toHex(fromBase64Url(auth.keyHash)),
    clientIp: request.headers.get('CF-Connecting-IP'),
    requestId,
  };
}
