import { DurableObject } from 'cloudflare:workers';
import type { TokenObject } from '@tessera/protocol';
import { getEffectiveConfig } from '../config/effective-config';
import { AlarmClock } from '../lib/alarm-clock';
import { shardOfName, vaultShardName } from '../lib/vault-shard-name';
import { AccessList, type MerchantAccess } from './access';
import { chargeVaultToken } from './agent-tokens/charge';
import { type DelegateInput, delegateCard } from './agent-tokens/delegate';
import { type Requester, readVaultToken, revokeVaultToken } from './agent-tokens/lifecycle';
import { handOverWebhooks } from './audit/handover';
import {
  type EventPage,
  type EventQuery,
  exportEvents,
  headOfChain,
  listEvents,
  type TrailVerdict,
  verifyTrail,
} from './audit/queries';
import { EventRecorder } from './audit/recorder';
import { EVENT_RETENTION_MS, type EventFilter, positionOfEvent, selectEvents } from './audit/trail';
import { type CreateDeps, createCard } from './create-card';
import { CvcStore } from './cvc-store';
import { forwardCard } from './forward/forward-card';
import { IDEMPOTENCY_RULES, IdempotencyStore } from './idempotency';
import { KeyedLock } from './keyed-lock';
import { migrate } from './migrations';
import { sweepDue } from './sweep';
import { deleteToken, selectIdsByFingerprint, selectToken } from './token-store';
import type {
  AuditAction,
  AuditContext,
  CreateTokenInput,
  CreateTokenOutcome,
  ForwardInput,
  ForwardOutcome,
} from './types';
import { VaultKeyring, type WrappedFingerprintKey } from './vault-keys';
import { VelocityGuard } from './velocity';

export { CVC_TTL_SECONDS } from './create-card';

const nowSeconds = () => Math.floor(Date.now() / 1000);
/**
 * How long webhook events wait in the outbox before the alarm hands them over: under load, one handover (one
 * alarm, one call to the queue, one transaction) then carries many events instead of one each.
 */
const HANDOVER_DELAY_MS = 250;

/** When the webhook queue cannot be reached, the alarm tries again this much later. */
const HANDOVER_RETRY_MS = 30_000;

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
  readonly #events: EventRecorder;
  readonly #alarm: AlarmClock;
  readonly #access: AccessList;
  /** The merchant this vault is bound to, once checked (see #bindMerchant). */
  #merchant: string | undefined;
  /** What the create, forward and agent-token paths work with: this object's stores, shared. */
  readonly #deps: CreateDeps;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.#sql = ctx.storage.sql;
    // The effective configuration: a KEK rotation started through the registry makes its KEK the active one. A
    // shard other than the home one takes the merchant's fingerprint key from it (request/vault-of.ts).
    const shard = shardOfName(ctx.id.name);
    this.#keys = new VaultKeyring(
      this.#sql,
      () => getEffectiveConfig(env),
      shard === 0 ? undefined : () => this.#homeFingerprintKey(),
    );
    this.#idempotency = new IdempotencyStore(this.#sql, IDEMPOTENCY_RULES);
    this.#events = new EventRecorder(this.#sql);
    this.#alarm = new AlarmClock(ctx.storage);
    this.#access = new AccessList(this.#sql);
    this.#deps = {
      storage: ctx.storage,
      keys: this.#keys,
      idempotency: this.#idempotency,
      cvcs: this.#cvcs,
      velocity: this.#velocity,
      events: this.#events,
      alarm: this.#alarm,
      shard,
    };
    void ctx.blockConcurrencyWhile(async () => {
      migrate(ctx.storage);
      await this.#alarm.load();
    });
  }

  /**
   * Encrypts and stores a validated card; honours an Idempotency-Key (same bytes → first result). Duplicates
   * of one key run one after another, so a later one replays the first instead of creating a second token.
   */
  async createToken(input: CreateTokenInput): Promise<CreateTokenOutcome> {
    this.#admit(input.merchantId, input.audit);
    const outcome = await this.#idempotency.serialize('tokens.create', input.idempotency, () =>
      createCard(this.#deps, input),
    );
    await this.#afterEvents();
    // 'tokens.create' waits for a duplicate in flight rather than refusing it.
    if ('kind' in outcome) throw new Error('vault: tokens.create refused a duplicate in flight');
    return outcome;
  }

  /** The masked token object, or null when this vault has no such (live) token. */
  async readToken(merchantId: string, tokenId: string, audit: AuditContext): Promise<TokenObject | null> {
    this.#admit(merchantId, audit);
    const now = nowSeconds();
    return this.ctx.storage.transactionSync(() => {
      const token = selectToken(this.#sql, tokenId, now, this.#cvcs.has(tokenId, now));
      // A miss touches no card, so it leaves no event: probing another merchant's ids writes nothing anywhere.
      if (token) this.#events.record({ action: 'token.read', tokenId, audit });
      return token;
    });
  }

  /** This merchant's tokens of one card, newest first; each one returned is audited as a read. */
  async tokensByFingerprint(merchantId: string, fingerprint: string, audit: AuditContext): Promise<TokenObject[]> {
    this.#admit(merchantId, audit);
    const now = nowSeconds();
    return this.ctx.storage.transactionSync(() => {
      const tokens: TokenObject[] = [];
      for (const id of selectIdsByFingerprint(this.#sql, fingerprint, now)) {
        const token = selectToken(this.#sql, id, now, this.#cvcs.has(id, now));
        if (token === null) continue;
        this.#events.record({ action: 'token.read', tokenId: id, audit });
        tokens.push(token);
      }
      return tokens;
    });
  }

  /** Erases every token of one card (a cardholder's request for deletion); the ids erased, each audited. */
  async deleteByFingerprint(merchantId: string, fingerprint: string, audit: AuditContext): Promise<string[]> {
    this.#admit(merchantId, audit);
    const ids = selectIdsByFingerprint(this.#sql, fingerprint, nowSeconds());
    const erased: string[] = [];
    // One at a time, each after any forward of it in flight, exactly as a single delete.
    for (const id of ids) if (await this.deleteToken(merchantId, id, audit)) erased.push(id);
    return erased;
  }

  /**
   * Audits a refused request of one of this merchant's keys: an authentication (right key, wrong route or origin)
   * or a request the trail keeps a record of (a bad cursor, a refused webhook endpoint).
   */
  async recordRefusal(
    merchantId: string,
    audit: AuditContext,
    code: string,
    action: 'auth.refused' | 'request.refused' = 'auth.refused',
  ): Promise<void> {
    this.#bindMerchant(merchantId);
    this.ctx.storage.transactionSync(() => this.#events.record({ action, audit, detail: code }));
    await this.#afterEvents();
  }

  /**
   * Erases a token's record, its CVC and every stored result that named it; false when there was none. Runs
   * after any forward of the token in flight, so that forward's stored result is blanked too.
   */
  async deleteToken(merchantId: string, tokenId: string, audit: AuditContext): Promise<boolean> {
    this.#admit(merchantId, audit);
    return this.#locks.run(tokenId, async () => {
      const now = nowSeconds();
      const deleted = this.ctx.storage.transactionSync(() => {
        const live = selectToken(this.#sql, tokenId, now, false) !== null;
        const gone = live && deleteToken(this.#sql, tokenId);
        if (gone) this.#events.record({ action: 'token.deleted', tokenId, audit });
        return gone;
      });
      this.#cvcs.erase(tokenId);
      await this.#afterEvents();
      return deleted;
    });
  }

  /**
   * Fills a token's card into a checked request, sends it and returns the masked answer (see forwardCard).
   * Forwards of one token run one after another, so the first one's CVC erasure is seen by the next; so do
   * duplicates of one Idempotency-Key, so the later ones replay the first result instead of sending again.
   */
  async forward(input: ForwardInput): Promise<ForwardOutcome> {
    this.#admit(input.merchantId, input.audit);
    const deps = this.#deps;
    const { payment } = input;
    const work =
      payment !== undefined && input.tokenId.startsWith('vt_')
        ? () => chargeVaultToken(deps, { ...input, payment }, nowSeconds())
        : () => forwardCard(deps, input);
    const outcome = await this.#idempotency.serialize('forward', input.idempotency, () =>
      this.#locks.run(input.tokenId, work),
    );
    // 'forward' waits for a duplicate in flight rather than refusing it.
    if ('kind' in outcome) throw new Error('vault: forward refused a duplicate in flight');
    // A stored result must be swept when its key expires, like a create's.
    if (input.idempotency) await this.#alarm.ensure((nowSeconds() + IDEMPOTENCY_RULES.forward.ttlSeconds) * 1000);
    await this.#afterEvents();
    return outcome;
  }

  /** Vaults an agent platform's delegated card under its allowance; the new vault token's id. */
  async delegateCard(input: DelegateInput): Promise<{ id: string; created: number }> {
    this.#bindMerchant(input.merchantId);
    const created = await delegateCard(this.#deps, input, nowSeconds());
    await this.#alarm.ensure(input.allowance.expiresAt * 1000);
    await this.#afterEvents();
    return created;
  }

  /** A vault token as its merchant or its agent platform may read it; null for anyone else. */
  async readVaultToken(merchantId: string, id: string, who: Requester, audit: AuditContext) {
    this.#bindMerchant(merchantId);
    const token = readVaultToken(this.#deps, id, who, audit);
    await this.#afterEvents();
    return token;
  }

  /** Revokes a vault token, after any charge of it in flight: the next charge is refused. */
  async revokeVaultToken(merchantId: string, id: string, who: Requester, audit: AuditContext) {
    this.#bindMerchant(merchantId);
    const token = await this.#locks.run(id, async () => revokeVaultToken(this.#deps, id, who, audit));
    await this.#afterEvents();
    return token;
  }

  /** One page of this merchant's trail, newest first. */
  async listEvents(merchantId: string, query: EventQuery): Promise<EventPage> {
    this.#bindMerchant(merchantId);
    return listEvents(this.#sql, query);
  }

  /** Where an event of this shard's trail stands, for a cursor over a sharded vault's trails; null if not here. */
  async eventPosition(merchantId: string, eventId: string): Promise<{ seq: number; atMs: number } | null> {
    this.#bindMerchant(merchantId);
    return positionOfEvent(this.#sql, eventId);
  }

  /** Up to `limit` events of this shard's trail matching `filter`, newest first, and the head of its chain. */
  async selectEvents(merchantId: string, filter: EventFilter, limit: number) {
    this.#bindMerchant(merchantId);
    return { events: selectEvents(this.#sql, filter, limit), head: headOfChain(this.#sql) };
  }

  /** Recomputes the trail's hash chain; with `head`, checks the merchant's kept head is still in it. */
  async verifyEvents(merchantId: string, head?: string): Promise<TrailVerdict> {
    this.#bindMerchant(merchantId);
    return verifyTrail(this.#sql, head);
  }

  /** A batch of an export, oldest first; the last batch (fewer than `limit`) carries the chain's head. */
  async exportEvents(merchantId: string, afterSeq: number, sinceMs: number, limit: number) {
    this.#bindMerchant(merchantId);
    return exportEvents(this.#sql, afterSeq, sinceMs, limit);
  }

  /**
   * Records a change of the merchant's webhook endpoints in the trail and takes the event types they now
   * subscribe to, so the vault knows which events to put in its outbox.
   */
  async webhookEndpointsChanged(
    merchantId: string,
    change: { action: AuditAction; endpointId: string; audit: AuditContext; data?: Record<string, unknown> },
    types: readonly string[],
  ): Promise<void> {
    this.#bindMerchant(merchantId);
    this.ctx.storage.transactionSync(() => {
      this.#events.setSubscriptions(types);
      this.#events.record({ action: change.action, audit: change.audit, detail: change.endpointId }, change.data);
    });
    await this.#afterEvents();
  }

  /** The event types the merchant's webhook endpoints subscribe to, for a shard other than the home one. */
  async setWebhookSubscriptions(merchantId: string, types: readonly string[]): Promise<void> {
    this.#bindMerchant(merchantId);
    this.ctx.storage.transactionSync(() => this.#events.setSubscriptions(types));
  }

  /**
   * Erases expired tokens, idempotency keys, CVCs and events past their retention, hands webhook events to the
   * merchant's webhook queue, then waits for the next to fall due.
   */
  override async alarm(): Promise<void> {
    this.#alarm.rang();
    const due = sweepDue(this.#deps, Date.now());
    this.#events.takeOutboxed();
    const handedOver = await this.#handOverWebhooks();
    if (!handedOver) due.push(Date.now() + HANDOVER_RETRY_MS);
    for (const at of due) if (at !== null) await this.#alarm.ensure(at);
  }

  /** The merchant's fingerprint key, wrapped by the active KEK, for another shard of its vault. */
  async sharedFingerprintKey(merchantId: string): Promise<WrappedFingerprintKey> {
    this.#bindMerchant(merchantId);
    return this.#keys.sharedFingerprintKey();
  }

  /** When each key last acted in this vault (unix s, by key id), read from the trail: no write per request. */
  async keysLastUsed(merchantId: string): Promise<Record<string, number>> {
    this.#bindMerchant(merchantId);
    const rows = this.#sql
      .exec<{ key_id: string; at: number }>('SELECT key_id, max(created_at_ms) AS at FROM events GROUP BY key_id')
      .toArray();
    return Object.fromEntries(rows.map((row) => [row.key_id, Math.floor(row.at / 1000)]));
  }

  /** KEK rotation: rewraps this vault's data keys under `kek`; how many, and what each KEK wraps now. */
  async rewrapKeys(merchantId: string, kek: string) {
    this.#bindMerchant(merchantId);
    const rewrapped = await this.#keys.rewrapAll(kek);
    return { rewrapped, usage: this.#keys.usage() };
  }

  /** Data-key rotation: a new version for new records; old ones move to it when next read. */
  async rotateDataKey(merchantId: string): Promise<{ version: number }> {
    this.#bindMerchant(merchantId);
    return { version: await this.#keys.rotate() };
  }

  /** How many data key versions each KEK wraps here. */
  async kekUsage(merchantId: string): Promise<Record<string, number>> {
    this.#bindMerchant(merchantId);
    return this.#keys.usage();
  }

  /**
   * Per UTC hour since `sinceMs`, counted from the trail (hours without events are left out): `token.created`;
   * refused and failed events but the card-testing refusals; and those (`card_testing.suspected`, refused).
   */
  async hourlyCounts(
    merchantId: string,
    sinceMs: number,
  ): Promise<{ hour: number; tokenizations: number; failures: number; rateLimited: number }[]> {
    this.#bindMerchant(merchantId);
    return this.#sql
      .exec<{ hour: number; tokenizations: number; failures: number; rateLimited: number }>(
        `SELECT created_at_ms / 3600000 AS hour,
           sum(action = 'token.created') AS tokenizations,
           sum(outcome IN ('refused', 'failed') AND action != 'card_testing.suspected') AS failures,
           sum(outcome = 'refused' AND action = 'card_testing.suspected') AS rateLimited
         FROM events WHERE created_at_ms >= ? GROUP BY hour ORDER BY hour`,
        sinceMs,
      )
      .toArray();
  }

  /** What the operator registry says of this merchant's keys and status now (see access.ts). */
  async setAccess(merchantId: string, access: MerchantAccess): Promise<void> {
    this.#bindMerchant(merchantId);
    this.ctx.storage.transactionSync(() => this.#access.set(access));
  }

  /** Binds the merchant and refuses a revoked or expired key, or any key of a suspended merchant. */
  #admit(merchantId: string, audit: AuditContext): void {
    this.#bindMerchant(merchantId);
    this.#access.check(audit.keyHash, Math.floor(Date.now() / 1000));
  }

  /**
   * The object is addressed by merchant id; the first call records it and later calls must agree, so a routing
   * bug can never mix two merchants' cards in one vault.
   */
  #bindMerchant(merchantId: string): void {
    if (this.#merchant === merchantId) return;
    const row = this.#sql.exec<{ value: string }>("SELECT value FROM vault_meta WHERE name = 'merchant'").toArray()[0];
    if (row === undefined) {
      this.#sql.exec("INSERT INTO vault_meta (name, value) VALUES ('merchant', ?)", merchantId);
    } else if (row.value !== merchantId) {
      throw new Error('vault: merchant mismatch');
    }
    this.#merchant = merchantId;
  }

  /**
   * After events were recorded: their retention needs an alarm some day, and events in the outbox need one now
   * (the alarm hands them over, so a slow webhook queue never holds up the request that wrote them).
   */
  async #afterEvents(): Promise<void> {
    const now = Date.now();
    await this.#alarm.ensure(this.#events.takeOutboxed() ? now + HANDOVER_DELAY_MS : now + EVENT_RETENTION_MS);
  }

  /** Hands the outbox to the merchant's webhook queue; false when the queue could not be reached. */
  async #handOverWebhooks(): Promise<boolean> {
    const merchantId = this.#merchantId();
    if (merchantId === null) return true;
    const queue = this.env.WEBHOOKS.get(this.env.WEBHOOKS.idFromName(merchantId));
    return handOverWebhooks(this.ctx.storage, this.#events, queue, merchantId);
  }

  async #homeFingerprintKey(): Promise<WrappedFingerprintKey> {
    const merchantId = this.#merchantId();
    if (merchantId === null) throw new Error('vault: a shard needs its merchant before its keys');
    return this.env.VAULT.get(this.env.VAULT.idFromName(vaultShardName(merchantId, 0))).sharedFingerprintKey(
      merchantId,
    );
  }

  #merchantId(): string | null {
    return (
      this.#sql.exec<{ value: string }>("SELECT value FROM vault_meta WHERE name = 'merchant'").toArray()[0]?.value ??
      null
    );
  }
}
