import type { ApiErrorCode } from '@tessera/protocol';
import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import { ABUSE_SHARDS } from '../../abuse/refusal';
import type { AppEnv } from '../../app-env';
import { judgedClient } from '../../lib/client-address';
import { toHex } from '../../lib/encoding';
import type { AuthContext } from '../../request/auth-context';
import { vaultOf } from '../../request/vault-of';
import { allowed } from '../rate-limit';

/** Refusals of who may call what: the failed authentications of the audit trail. */
const AUTH_REFUSALS: ReadonlySet<ApiErrorCode> = new Set(['unauthorized', 'wrong_key_type', 'forbidden_origin']);
/** Refused requests of an authenticated merchant that its trail records too (as `request.refused`). */
const REQUEST_REFUSALS: ReadonlySet<ApiErrorCode> = new Set([
  'invalid_cursor',
  'invalid_webhook_url',
  'invalid_webhook_event',
  'too_many_webhook_endpoints',
]);

/** The shard of the abuse record for a client hash: spread over ABUSE_SHARDS objects, never one. */
export const abuseShardOf = (clientHash: string) =>
  `abuse-${Number.parseInt(clientHash.slice(0, 4), 16) % ABUSE_SHARDS}`;

let hashKey: { source: string; key: Promise<CryptoKey> } | undefined;

/**
 * The client's address as an HMAC-SHA-256 under a key of this deployment (derived from its KEK secret, never
 * stored): the abuse record keeps no address, and its hashes cannot be reversed by hashing every IPv4 address.
 */
export async function clientHashOf(address: string | undefined, secret: string): Promise<string> {
  if (hashKey?.source !== secret) {
    const raw = crypto.subtle.digest('SHA-256', new TextEncoder().encode(`tessera/abuse-record|${secret}`));
    hashKey = {
      source: secret,
      key: raw.then((bytes) =>
        crypto.subtle.importKey('raw', bytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']),
      ),
    };
  }
  const mac = await crypto.subtle.sign('HMAC', await hashKey.key, new TextEncoder().encode(address ?? 'unknown'));
  return toHex(mac);
}

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
    if (code === undefined) return;
    const request = REQUEST_REFUSALS.has(code);
    if (!request && !AUTH_REFUSALS.has(code)) return;
    const who = c.get('refusedKey') ?? c.get('auth');
    if (request && who === undefined) return;
    const clientIp = c.req.header('CF-Connecting-IP') ?? null;
    // Refusals cost the refused nothing: without a limit, anyone could make a vault or the abuse record write
    // as fast as they can send. Past the limit a refusal is still refused, only not recorded again.
    const client = judgedClient(clientIp);
    if (client !== null && !(await allowed(c.env, 'AUDITED_REFUSALS_PER_CLIENT', client))) return;
    const requestId = c.get('requestId');
    const route = routePath(c, -1);
    const env = c.env;
    const write = async () => {
      if (who !== undefined) {
        await vaultOf(env, who.merchant).recordRefusal(
          who.merchant.id,
          { keyId: who.keyId, clientIp, requestId },
          code,
          request ? 'request.refused' : 'auth.refused',
        );
        return;
      }
      const clientHash = await clientHashOf(client ?? clientIp ?? undefined, env.TESSERA_KEKS);
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
