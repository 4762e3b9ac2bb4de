import type { TokenObject } from '@tessera/protocol';
import { fingerprint } from '../crypto/fingerprint';
import type { AlarmClock } from '../lib/alarm-clock';
import { judgedClient } from '../lib/client-address';
import type { EventRecorder } from './audit/recorder';
import { encryptCard } from './card-records';
import type { CvcStore } from './cvc-store';
import { IDEMPOTENCY_RULES, type IdempotencyStore } from './idempotency';
import { newTokenId } from './ids';
import { visibleBin } from './masked-card';
import { insertedToken, insertToken } from './token-store';
import type { CreateTokenInput, CreateTokenOutcome, StoredCreate } from './types';
import type { VaultKeyring } from './vault-keys';
import type { VelocityGuard } from './velocity';

/** How long a CVC is held at most (PCI DSS 3.3.1.2 allows keeping it until authorization). */
export const CVC_TTL_SECONDS = 60 * 60;

export interface CreateDeps {
  storage: DurableObjectStorage;
  keys: VaultKeyring;
  idempotency: IdempotencyStore;
  cvcs: CvcStore;
  velocity: VelocityGuard;
  events: EventRecorder;
  alarm: AlarmClock;
  /** Which shard of the merchant's vault this is: new token ids name it (request/vault-of.ts). */
  shard: number;
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

/**
 * A create inside the vault object: replay an earlier result of its Idempotency-Key, or check the merchant's
 * card-testing rules, encrypt the card and, in one transaction, store it with its idempotency result and its
 * audit event. The CVC goes to memory only. Callers serialise duplicates of one Idempotency-Key.
 */
export async function createCard(deps: CreateDeps, input: CreateTokenInput): Promise<CreateTokenOutcome> {
  const now = nowSeconds();
  const earlier = input.idempotency && deps.storage.transactionSync(() => recallCreate(deps, input, now));
  if (earlier) return earlier;

  const keys = await deps.keys.current();
  const { card } = input;
  const cardFingerprint = await fingerprint(keys.fingerprintKey, card.number);
  const attempt = {
    keyId: input.audit.keyId,
    clientIp: judgedClient(input.audit.clientIp),
    fingerprint: cardFingerprint,
    bin: card.number.slice(0, 6),
    expiry: `${card.expMonth}/${card.expYear}`,
  };
  const verdict = deps.velocity.check(input.velocity, attempt, now);
  if (!verdict.ok) {
    if (verdict.suspected) {
      deps.storage.transactionSync(() =>
        deps.events.record({
          action: 'card_testing.suspected',
          audit: input.audit,
          detail: verdict.rule,
          outcome: 'refused',
        }),
      );
    }
    return { ok: false, code: 'rate_limited', retryAfter: verdict.retryAfter };
  }

  const id = newTokenId(deps.shard);
  const record = await encryptCard(keys, input.merchantId, id, card);
  const row = {
    id,
    createdAt: now,
    expiresAt: input.expiresAt,
    brand: card.brand,
    bin: visibleBin(card.number),
    last4: card.number.slice(-4),
    expMonth: card.expMonth,
    expYear: card.expYear,
    fingerprint: cardFingerprint,
    keyVersion: keys.version,
    card: record,
  };

  const token = deps.storage.transactionSync((): TokenObject => {
    insertToken(deps.storage.sql, row);
    const stored = insertedToken(row, card.cvc !== undefined);
    if (input.idempotency) {
      deps.idempotency.remember<StoredCreate>('tokens.create', input.idempotency, { token: stored }, id, now);
    }
    deps.events.record({ action: 'token.created', tokenId: id, audit: input.audit }, { token: stored });
    if (verdict.suspected) {
      deps.events.record({ action: 'card_testing.suspected', audit: input.audit, detail: verdict.suspected });
    }
    return stored;
  });
  deps.velocity.record(attempt, now);
  // Held only once the token exists; never written anywhere.
  if (card.cvc !== undefined) deps.cvcs.put(id, card.cvc, now + CVC_TTL_SECONDS, now);
  // Expired Idempotency-Keys go in the alarm's sweep, which the `due` times below keep set.
  const due = [
    row.expiresAt,
    input.idempotency ? now + IDEMPOTENCY_RULES['tokens.create'].ttlSeconds : undefined,
    card.cvc === undefined ? undefined : now + CVC_TTL_SECONDS,
  ];
  for (const at of due) if (at !== undefined) await deps.alarm.ensure(at * 1000);
  return { ok: true, token, replayed: false };
}

/** The earlier result for this Idempotency-Key, audited, or undefined. Call inside a transaction. */
function recallCreate(deps: CreateDeps, input: CreateTokenInput, now: number): CreateTokenOutcome | undefined {
  if (!input.idempotency) return undefined;
  const earlier = deps.idempotency.recall<StoredCreate>('tokens.create', input.idempotency, now);
  if (earlier.kind === 'new') return undefined;
  if (earlier.kind === 'conflict') {
    deps.events.record({ action: 'token.idempotency_conflict', audit: input.audit });
    return { ok: false, code: 'idempotency_conflict' };
  }
  // The token this key created was deleted: the replay says so, and creates nothing from the old request.
  if (earlier.kind === 'erased') return { ok: false, code: 'not_found' };
  const { token } = earlier.stored;
  deps.events.record({ action: 'token.create_replayed', tokenId: token.id, audit: input.audit });
  return { ok: true, token: { ...token, cvc: deps.cvcs.has(token.id, now) ? 'present' : 'absent' }, replayed: true };
}
