import type { ApiErrorCode } from '@tessera/protocol';
import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import { ABUSE_SHARDS } from '../../abuse/abuse-record';
import type { AppEnv } from '../../app-env';
import { sha256Hex } from '../../lib/encoding';
import type { AuthContext } from '../../request/auth-context';
import { vaultOf } from '../../request/vault-of';

/** Refusals of who may call what: the failed authentications of the audit trail. */
const AUTH_REFUSALS: ReadonlySet<ApiErrorCode> = new Set(['unauthorized', 'wrong_key_type', 'forbidden_origin']);

/** The shard of the abuse record for a client hash: spread over ABUSE_SHARDS objects, never one. */
export const abuseShardOf = (clientHash: string) =>
  `abuse-${Number.parseInt(clientHash.slice(0, 4), 16) % ABUSE_SHARDS}`;

/** The client's address, hashed: the abuse record keeps no address. */
export const clientHashOf = (address: string | undefined) => sha256Hex(`tessera/abuse|${address ?? 'unknown'}`);

/**
 * Audits every failed authentication once the answer is known, without holding the answer back: a key that
 * names a merchant (right key, wrong route or origin) goes to that merchant's vault trail as `auth.refused`;
 * anything else (no key, an unknown one) to the sharded abuse record, by client hash.
 */
export function auditRefusals(): MiddlewareHandler<
  AppEnv & { Variables: { auth?: AuthContext; refusedKey?: AuthContext } }
> {
  return async function auditRefusalsMiddleware(c, next) {
    await next();
    const code = c.get('problemCode');
    if (code === undefined || !AUTH_REFUSALS.has(code)) return;
    const who = c.get('refusedKey') ?? c.get('auth');
    const clientIp = c.req.header('CF-Connecting-IP') ?? null;
    const requestId = c.get('requestId');
    const route = routePath(c, -1);
    const env = c.env;
    const write = async () => {
      if (who !== undefined) {
        await vaultOf(env, who.merchant).recordRefusal(
          who.merchant.id,
          { keyId: who.keyId, clientIp, requestId },
          code,
        );
        return;
      }
      const clientHash = await clientHashOf(clientIp ?? undefined);
      await env.ABUSE.get(env.ABUSE.idFromName(abuseShardOf(clientHash))).record({
        clientHash,
        method: c.req.method,
        route,
        code,
        requestId,
      });
    };
    // A failed write of the trail must not turn a refusal into a 500; the refusal stands either way.
    c.executionCtx.waitUntil(write().catch(() => {}));
  };
}
