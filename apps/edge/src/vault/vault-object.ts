import { DurableObject } from 'cloudflare:workers';
import type { TokenObject } from '@tessera/protocol';
import { getConfig } from '../config/config';
import { fingerprint } from '../crypto/fingerprint';
import { judgedClient } from '../lib/client-address';
import { encryptCard } from './card-records';
import { CvcStore } from './cvc-store';
import { forwardCard } from './forward/forward-card';
import { IDEMPOTENCY_RULES, IdempotencyStore } from './idempotency';
import { newTokenId } from './ids';
import { KeyedLock } from './keyed-lock';
import { visibleBin } from './masked-card';
import { migrate } from './migrations';
import {
  deleteToken,
  insertEvent,
  insertToken,
  selectIdsByFingerprint,
  selectToken,
  sweepExpired,
} from './token-store';
import type {
  AuditContext,
  CreateTokenInput,
  CreateTokenOutcome,
  ForwardInput,
  ForwardOutcome,
  StoredCreate,
} from './types';
import { VaultKeyring } from './vault-keys';
import { VelocityGuard } from './velocity';

/** How long a CVC is held at most (PCI DSS 3.3.1.2 allows keeping it until authorization). */
export const CVC_TTL_SECONDS = 60 * 60;

const nowSeconds = () => Math.floor(Date.now() / 1000);

/**
 * One merchant's vault (`idFromName(merchantId)`): its data keys, encrypted cards, idempotency keys and audit
 * trail, in the object's own SQLite, and the CVCs awaiting their first forward, in its memory only. Every write
 * and its audit event commit in one synchronous transaction.
 */
export class VaultObject extends DurableObject<Env> {
  readonly #sql: SqlStorage;
  readonly #keys: VaultKeyring;
  readonly #idempotency: IdempotencyStore;
  readonly #cvcs = new CvcStore();
  readonly #velocity = new VelocityGuard();
  readonly #locks = new KeyedLock();

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.#sql = ctx.storage.sql;
    this.#keys = new VaultKeyring(this.#sql, () => getConfig(env));
    this.#idempotency = new IdempotencyStore(this.#sql, IDEMPOTENCY_RULES);
    void ctx.blockConcurrencyWhile(async () => {
      migrate(ctx.storage);
    });
  }

  /**
   * Encrypts and stores a validated card; honours an Idempotency-Key (same bytes → first result). Duplicates
   * of one key run one after another, so a later one replays the first instead of creating a second token.
   */
  async createToken(input: CreateTokenInput): Promise<CreateTokenOutcome> {
    this.#bindMerchant(input.merchantId);
    const outcome = await this.#idempotency.serialize('tokens.create', input.idempotency, () => this.#create(input));
    // 'tokens.create' waits for a duplicate in flight rather than refusing it.
    if ('kind' in outcome) throw new Error('vault: tokens.create refused a duplicate in flight');
    return outcome;
  }

  async #create(input: CreateTokenInput): Promise<CreateTokenOutcome> {
    const now = nowSeconds();
    const earlier = this.ctx.storage.transactionSync(() => this.#recallCreate(input, now));
    if (earlier) return earlier;

    const keys = await this.#keys.current();
    const { card } = input;
    const cardFingerprint = await fingerprint(keys.fingerprintKey, card.number);
    const attempt = {
      keyId: input.audit.keyId,
      clientIp: judgedClient(input.audit.clientIp),
      fingerprint: cardFingerprint,
      bin: card.number.slice(0, 6),
      expiry: `${card.expMonth}/${card.expYear}`,
    };
    const verdict = this.#velocity.check(input.velocity, attempt, now);
    if (!verdict.ok) {
      if (verdict.suspected) {
        this.ctx.storage.transactionSync(() =>
          insertEvent(this.#sql, 'card_testing.suspected', null, input.audit, undefined, verdict.rule),
        );
      }
      return { ok: false, code: 'rate_limited', retryAfter: verdict.retryAfter };
    }

    const id = newTokenId();
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

    const token = this.ctx.storage.transactionSync((): TokenObject => {
      insertToken(this.#sql, row);
      const stored = selectToken(this.#sql, id, now, card.cvc !== undefined);
      if (stored === null) throw new Error('vault: token was not stored');
      if (input.idempotency) {
        this.#idempotency.remember<StoredCreate>('tokens.create', input.idempotency, { token: stored }, id, now);
      }
      insertEvent(this.#sql, 'token.created', id, input.audit);
      if (verdict.suspected) {
        insertEvent(this.#sql, 'card_testing.suspected', null, input.audit, undefined, verdict.suspected);
      }
      return stored;
    });
    this.#velocity.record(attempt, now);
    // Held only once the token exists; never written anywhere.
    if (card.cvc !== undefined) this.#cvcs.put(id, card.cvc, now + CVC_TTL_SECONDS, now);
    this.#idempotency.sweep(now);
    const due = [row.expiresAt, input.idempotency ? now + IDEMPOTENCY_RULES['tokens.create'].ttlSeconds : undefined];
    const first = due.filter((t) => t !== undefined);
    if (first.length > 0) await this.#scheduleSweep(Math.min(...first));
    return { ok: true, token, replayed: false };
  }

  /** The masked token object, or null when this vault has no such (live) token. */
  async readToken(merchantId: string, tokenId: string, audit: AuditContext): Promise<TokenObject | null> {
    this.#bindMerchant(merchantId);
    const now = nowSeconds();
    return this.ctx.storage.transactionSync(() => {
      const token = selectToken(this.#sql, tokenId, now, this.#cvcs.has(tokenId, now));
      // A miss touches no card, so it leaves no event: probing another merchant's ids writes nothing anywhere.
      if (token) insertEvent(this.#sql, 'token.read', tokenId, audit);
      return token;
    });
  }

  /** This merchant's tokens of one card, newest first; each one returned is audited as a read. */
  async tokensByFingerprint(merchantId: string, fingerprint: string, audit: AuditContext): Promise<TokenObject[]> {
    this.#bindMerchant(merchantId);
    const now = nowSeconds();
    return this.ctx.storage.transactionSync(() => {
      const tokens: TokenObject[] = [];
      for (const id of selectIdsByFingerprint(this.#sql, fingerprint, now)) {
        const token = selectToken(this.#sql, id, now, this.#cvcs.has(id, now));
        if (token === null) continue;
        insertEvent(this.#sql, 'token.read', id, audit);
        tokens.push(token);
      }
      return tokens;
    });
  }

  /** Erases every token of one card (a cardholder's request for deletion); the ids erased, each audited. */
  async deleteByFingerprint(merchantId: string, fingerprint: string, audit: AuditContext): Promise<string[]> {
    this.#bindMerchant(merchantId);
    const ids = selectIdsByFingerprint(this.#sql, fingerprint, nowSeconds());
    const erased: string[] = [];
    // One at a time, each after any forward of it in flight, exactly as a single delete.
    for (const id of ids) if (await this.deleteToken(merchantId, id, audit)) erased.push(id);
    return erased;
  }

  /** Audits a refused authentication of one of this merchant's keys (right key, wrong route or origin). */
  async recordRefusal(merchantId: string, audit: AuditContext, code: string): Promise<void> {
    this.#bindMerchant(merchantId);
    this.ctx.storage.transactionSync(() => insertEvent(this.#sql, 'auth.refused', null, audit, undefined, code));
  }

  /**
   * Erases a token's record, its CVC and every stored result that named it; false when there was none. Runs
   * after any forward of the token in flight, so that forward's stored result is blanked too.
   */
  async deleteToken(merchantId: string, tokenId: string, audit: AuditContext): Promise<boolean> {
    this.#bindMerchant(merchantId);
    return this.#locks.run(tokenId, async () => {
      const now = nowSeconds();
      const deleted = this.ctx.storage.transactionSync(() => {
        const live = selectToken(this.#sql, tokenId, now, false) !== null;
        const gone = live && deleteToken(this.#sql, tokenId);
        if (gone) insertEvent(this.#sql, 'token.deleted', tokenId, audit);
        return gone;
      });
      this.#cvcs.erase(tokenId);
      return deleted;
    });
  }

  /**
   * Fills a token's card into a checked request, sends it and returns the masked answer (see forwardCard).
   * Forwards of one token run one after another, so the first one's CVC erasure is seen by the next; so do
   * duplicates of one Idempotency-Key, so the later ones replay the first result instead of sending again.
   */
  async forward(input: ForwardInput): Promise<ForwardOutcome> {
    this.#bindMerchant(input.merchantId);
    const deps = { storage: this.ctx.storage, keys: this.#keys, idempotency: this.#idempotency, cvcs: this.#cvcs };
    const outcome = await this.#idempotency.serialize('forward', input.idempotency, () =>
      this.#locks.run(input.tokenId, () => forwardCard(deps, input)),
    );
    // 'forward' waits for a duplicate in flight rather than refusing it.
    if ('kind' in outcome) throw new Error('vault: forward refused a duplicate in flight');
    // A stored result must be swept when its key expires, like a create's.
    if (input.idempotency) await this.#scheduleSweep(nowSeconds() + IDEMPOTENCY_RULES.forward.ttlSeconds);
    return outcome;
  }

  /** Erases expired tokens, idempotency keys and CVCs, then waits for the next to fall due. */
  override async alarm(): Promise<void> {
    const now = nowSeconds();
    const nextToken = this.ctx.storage.transactionSync(() => sweepExpired(this.#sql, now));
    this.#idempotency.sweep(now);
    this.#cvcs.sweep(now);
    const next = [nextToken, this.#idempotency.nextExpiry()].filter((t) => t !== null);
    if (next.length > 0) await this.ctx.storage.setAlarm(Math.min(...next) * 1000);
  }

  /** The earlier result for this Idempotency-Key, audited, or undefined. Call inside a transaction. */
  #recallCreate(input: CreateTokenInput, now: number): CreateTokenOutcome | undefined {
    if (!input.idempotency) return undefined;
    const earlier = this.#idempotency.recall<StoredCreate>('tokens.create', input.idempotency, now);
    if (earlier.kind === 'new') return undefined;
    if (earlier.kind === 'conflict') {
      insertEvent(this.#sql, 'token.idempotency_conflict', null, input.audit);
      return { ok: false, code: 'idempotency_conflict' };
    }
    // The token this key created was deleted: the replay says so, and creates nothing from the old request.
    if (earlier.kind === 'erased') return { ok: false, code: 'not_found' };
    const { token } = earlier.stored;
    insertEvent(this.#sql, 'token.create_replayed', token.id, input.audit);
    return { ok: true, token: { ...token, cvc: this.#cvcs.has(token.id, now) ? 'present' : 'absent' }, replayed: true };
  }

  /**
   * The object is addressed by merchant id; the first call records it and later calls must agree, so a routing
   * bug can never mix two merchants' cards in one vault.
   */
  #bindMerchant(merchantId: string): void {
    const row = this.#sql.exec<{ value: string }>("SELECT value FROM vault_meta WHERE name = 'merchant'").toArray()[0];
    if (row === undefined) {
      this.#sql.exec("INSERT INTO vault_meta (name, value) VALUES ('merchant', ?)", merchantId);
    } else if (row.value !== merchantId) {
      throw new Error('vault: merchant mismatch');
    }
  }

  async #scheduleSweep(at: number): Promise<void> {
    const current = await this.ctx.storage.getAlarm();
    if (current === null || current > at * 1000) await this.ctx.storage.setAlarm(at * 1000);
  }
}
