import type { AuthContext } from '../middleware/auth';
import type { AuditContext } from '../vault/types';

/** The audit facts of an authenticated request: key id, client IP (as Cloudflare saw it) and request id. */
export function auditContext(auth: AuthContext, request: Request, requestId: string): AuditContext {
  return { keyId: auth.keyId, clientIp: request.headers.get('CF-Connecting-IP'), requestId };
}
