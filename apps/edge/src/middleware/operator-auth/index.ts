import type { MiddlewareHandler } from 'hono';
import { getEffectiveConfig, getFreshConfig } from '../../config/effective-config';
import { EdgeError } from '../../errors/edge-error';
import { sha256Hex } from '../../lib/encoding';
import type { AuditContext } from '../../vault/types';
import { bearerKey, ISSUED_KEY, keyIdOf } from '../auth';

export interface OperatorContext {
  audit: AuditContext;
}

const unauthorized = () => new EdgeError('unauthorized', { headers: { 'WWW-Authenticate': 'Bearer realm="tessera"' } });

/**
 * Requires an operator key (`op_…`): one bootstrapped from the TESSERA_OPERATOR_KEY_HASHES secret or issued
 * by the registry. A merchant's or an agent platform's key is 403 `wrong_key_type`, anything else 401; both are
 * recorded in the operator trail (routes/admin.ts).
 */
export function operatorAuth(): MiddlewareHandler<{
  Bindings: Env;
  Variables: { requestId: string; operator: OperatorContext };
}> {
  return async function operatorAuthMiddleware(c, next) {
    const key = bearerKey(c.req.header('Authorization'));
    if (key === undefined || key.length > 256) throw unauthorized();
    const hash = await sha256Hex(key);
    let config = await getEffectiveConfig(c.env);
    if (!config.operatorKeys.has(hash) && ISSUED_KEY.test(key)) config = await getFreshConfig(c.env);
    const found = config.operatorKeys.get(hash);
    if (found === undefined || (found.expiresAt !== undefined && found.expiresAt <= Date.now() / 1000)) {
      if (config.apiKeys.has(hash) || config.agentKeys.has(hash)) throw new EdgeError('wrong_key_type');
      throw unauthorized();
    }
    c.set('operator', {
      audit: { keyId: keyIdOf(hash), clientIp: c.req.header('CF-Connecting-IP') ?? null, requestId: c.var.requestId },
    });
    await next();
  };
}
