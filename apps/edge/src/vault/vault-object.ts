import { DurableObject } from 'cloudflare:workers';
import type { TokenObject } from '@tessera/protocol';
import { fingerprint } from '../crypto/fingerprint';
import { randomId } from '../encoding';
import { getConfig } from '../keys/config';
import { encryptCard } from './card-records';
import { forwardCard } from './forward-card';
import { KeyedLock } from './keyed-lock';
import { applyVaultSchema } from './schema';
import {
  deleteToken,
  insertEvent,
  insertIdempotent,
  insertToken,
  selectIdempotent,
  selectToken,
  sweepExpired,
  sweepIdempotency,
} from './token-store';
import type { AuditContext, CreateTokenInput, CreateTokenOutcome, ForwardInput, ForwardOutcome } from './types';
import { VaultKeyring } from './vault-keys';

/** How long a stored CVC lives at most (PCI DSS 3.3.1.2 allows keeping it until authorization). */
export const CVC_TTL_SECONDS = 60 * 60;
/** How long an Idempotency-Key holds its first result. */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** Token ids: 16 random bytes (128 bits), nothing derived from the card. */
export const newTokenId = () => randomId('tok', 16);

/**
 * One merchant's vault (`idFromName(merchantId)`): its data keys, encrypted cards, idempotency keys and audit
 * trail, in the object's own SQLite. Every write and its audit event commit in one synchronous transaction.
 */
export class VaultObject extends DurableObject<Env> {
  readonly #sql: SqlStorage;
  readonly #keys: VaultKeyring;
  readonly #locks = new KeyedLock();

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.#sql = ctx.storage.sql;
    this.#keys = new VaultKeyring(this.#sql, () => getConfig(env));
    void ctx.blockConcurrencyWhile(async () => {
      applyVaultSchema(this.#sql);
    });
  }

  /** Encrypts and stores a validated card; honours an Idempotency-Key (same bytes → first result). */
  async createToken(input: CreateTokenInput): Promise<CreateTokenOutcome> {
    this.#bindMerchant(input.merchantId);
    const now = nowSeconds();
    const earlier = this.ctx.storage.transactionSync(() => this.#idempotent(input, now));
    if (earlier) return earlier;

    const keys = await this.#keys.current();
    const id = newTokenId();
    const { card } = input;
    const records = await encryptCard(keys, input.merchantId, id, card);
    const row = {
      id,
      createdAt: now,
      expiresAt: input.expiresAt,
      brand: card.brand,
      bin: card.number.slice(0, 6),
      last4: card.number.slice(-4),
      expMonth: card.expMonth,
      expYear: card.expYear,
      fingerprint: await fingerprint(keys.fingerprintKey, card.number),
      keyVersion: keys.version,
      card: records.card,
      cvc: records.cvc ? { record: records.cvc, expiresAt: now + CVC_TTL_SECONDS } : undefined,
    };

    // Checked again after the awaits above: a concurrent duplicate may have finished meanwhile, and then its
    // result is the answer and nothing of ours is written.
    const outcome = this.ctx.storage.transactionSync((): CreateTokenOutcome => {
      const duplicate = this.#idempotent(input, now);
      if (duplicate) return duplicate;
      insertToken(this.#sql, row);
      const token = selectToken(this.#sql, id, now);
      if (token === null) throw new Error('vault: token was not stored');
      if (input.idempotency) {
        insertIdempotent(this.#sql, input.idempotency.key, input.idempotency.bodyDigest, token, now);
      }
      insertEvent(this.#sql, 'token.created', id, input.audit);
      return { ok: true, token, replayed: false };
    });
    if (outcome.ok && !outcome.replayed) {
      sweepIdempotency(this.#sql, now - IDEMPOTENCY_TTL_SECONDS);
      const due = [row.cvc?.expiresAt, row.expiresAt].filter((t) => t !== undefined);
      if (due.length > 0) await this.#scheduleSweep(Math.min(...due));
    }
    return outcome;
  }

  /** The masked token object, or null when this vault has no such (live) token. */
  async readToken(merchantId: string, tokenId: string, audit: AuditContext): Promise<TokenObject | null> {
    this.#bindMerchant(merchantId);
    return this.ctx.storage.transactionSync(() => {
      const token = selectToken(this.#sql, tokenId, nowSeconds());
      // A miss touches no card, so it leaves no event: probing another merchant's ids writes nothing anywhere.
      if (token) insertEvent(this.#sql, 'token.read', tokenId, audit);
      return token;
    });
  }

  /** Erases a token's records; false when there was none. */
  async deleteToken(merchantId: string, tokenId: string, audit: AuditContext): Promise<boolean> {
    this.#bindMerchant(merchantId);
    return this.ctx.storage.transactionSync(() => {
      const live = selectToken(this.#sql, tokenId, nowSeconds()) !== null;
      const deleted = live && deleteToken(this.#sql, tokenId);
      if (deleted) insertEvent(this.#sql, 'token.deleted', tokenId, audit);
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
    const send = () =>
      this.#locks.run(`token ${input.tokenId}`, () =>
        forwardCard({ storage: this.ctx.storage, keys: this.#keys }, input),
      );
    // A space cannot occur in an Idempotency-Key or a token id, so the two kinds of lock key never meet.
    return input.idempotency ? this.#locks.run(`key ${input.idempotency.key}`, send) : send();
  }

  /** Erases expired CVCs and tokens, then waits for the next to fall due. */
  override async alarm(): Promise<void> {
    const next = sweepExpired(this.#sql, nowSeconds());
    if (next !== null) await this.ctx.storage.setAlarm(next * 1000);
  }

  /** The earlier result for this Idempotency-Key, audited, or undefined. Call inside a transaction. */
  #idempotent(input: CreateTokenInput, now: number): CreateTokenOutcome | undefined {
    if (!input.idempotency) return undefined;
    const { key, bodyDigest } = input.idempotency;
    const earlier = selectIdempotent(this.#sql, key, now - IDEMPOTENCY_TTL_SECONDS);
    if (earlier === null) return undefined;
    const same = earlier.bodyDigest === bodyDigest;
    insertEvent(
      this.#sql,
      same ? 'token.create_replayed' : 'token.idempotency_conflict',
      same ? earlier.response.id : null,
      input.audit,
    );
    return same ? { ok: true, token: earlier.response, replayed: true } : { ok: false, code: 'idempotency_conflict' };
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
