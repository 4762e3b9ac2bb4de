import { expireVaultTokens } from './agent-tokens/lifecycle';
import { nextExpiry as nextVaultTokenExpiry } from './agent-tokens/store';
import { sweepEvents } from './audit/trail';
import type { CreateDeps } from './create-card';
import { sweepExpired } from './token-store';
import type { AuditContext } from './types';

/** Who the vault's own scheduled work is, in the trail. */
export const SCHEDULED: AuditContext = { keyId: 'tessera', clientIp: null, requestId: 'scheduled' };

/**
 * The vault alarm's work, in one transaction: vault tokens past their allowance expire (their cards erased),
 * expired tokens and Idempotency-Keys go, CVCs past their hour are dropped (each erasure recorded), events past
 * their retention are erased. Returns when each kind next falls due (ms), for the next alarm.
 */
export function sweepDue(deps: CreateDeps, nowMs: number): (number | null)[] {
  const now = Math.floor(nowMs / 1000);
  const { storage, idempotency, cvcs, events } = deps;
  return storage.transactionSync(() => {
    expireVaultTokens(deps, now, SCHEDULED);
    const nextToken = sweepExpired(storage.sql, now);
    idempotency.sweep(now);
    cvcs.sweep(now);
    for (const tokenId of cvcs.takeExpired()) {
      events.record({ action: 'token.cvc_erased', tokenId, audit: SCHEDULED, detail: 'expired' });
    }
    const nextEvent = sweepEvents(storage.sql, nowMs);
    const seconds = [nextToken, idempotency.nextExpiry(), cvcs.nextExpiry(), nextVaultTokenExpiry(storage.sql)];
    return [...seconds.map((t) => (t === null ? null : t * 1000)), nextEvent];
  });
}
