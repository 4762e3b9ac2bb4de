import { DurableObject } from 'cloudflare:workers';
import type { WebhookDelivery, WebhookEndpoint, WebhookEventType } from '@tessera/protocol';
import { getEffectiveConfig } from '../config/effective-config';
import { rewrapKey } from '../crypto/envelope';
import { randomId } from '../lib/encoding';
import { vaultShardNames } from '../lib/vault-shard-name';
import { type AttemptResult, deliver } from './deliver';
import {
  type DeliveryRow,
  DISABLE_AFTER_MS,
  holdBack,
  insertDelivery,
  lease,
  nextDue,
  recordAttempt,
  selectDelivery,
  selectDue,
  selectLog,
  sweepLog,
  toDelivery,
} from './delivery-store';
import {
  type EndpointRow,
  MAX_ENDPOINTS,
  selectEndpoint,
  selectEndpoints,
  subscribedTypes,
  subscribes,
  toEndpoint,
} from './endpoint-store';
import { createSchema } from './schema';
import { newSecret, SECRET_ALGORITHM, unwrapSecret, wrapSecret } from './signing';

/** How long a rotated-out secret keeps signing beside the new one. */
export const ROTATION_OVERLAP_MS = 24 * 60 * 60 * 1000;
/** Deliveries attempted per alarm, side by side. */
const BATCH = 50;

export interface QueuedEvent {
  id: string;
  type: WebhookEventType;
  /** The exact body every delivery of the event carries. */
  payload: string;
}

export interface NewEndpoint {
  url: string;
  events: WebhookEndpoint['events'];
  description?: string | undefined;
}

export type Created =
  | { ok: true; endpoint: WebhookEndpoint & { secret: string }; types: string[] }
  | { ok: false; code: 'too_many_webhook_endpoints' };

/** Who the queue's own decisions are, in the merchant's trail. */
const SCHEDULED = { keyId: 'tessera', clientIp: null, requestId: 'scheduled' };

/**
 * One merchant's webhooks (`idFromName(merchantId)`): its endpoints and a queue of deliveries, worked off by the
 * object's alarm with retries for three days. The vault hands events over from its outbox, off the request that
 * wrote them, so a slow or dead endpoint never holds up tokenization. Every attempt of an event carries the same
 * `webhook-id`, so a receiver that deduplicates on it handles each event once.
 */
export class WebhookQueue extends DurableObject<Env> {
  readonly #sql: SqlStorage;
  /** Unwrapped signing keys by endpoint and secret; dropped when the endpoint changes. */
  readonly #keys = new Map<string, Promise<CryptoKey>>();
  #alarmAt: number | null = null;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.#sql = ctx.storage.sql;
    void ctx.blockConcurrencyWhile(async () => {
      createSchema(this.#sql);
      this.#alarmAt = await ctx.storage.getAlarm();
    });
  }

  async createEndpoint(merchantId: string, input: NewEndpoint): Promise<Created> {
    this.#bindMerchant(merchantId);
    if (selectEndpoints(this.#sql).length >= MAX_ENDPOINTS) return { ok: false, code: 'too_many_webhook_endpoints' };
    const kek = (await getEffectiveConfig(this.env)).keks.active;
    const { secret, bytes } = newSecret();
    const wrapped = await wrapSecret(bytes, kek.key);
    const id = randomId('we', 16);
    this.#sql.exec(
      `INSERT INTO endpoints (id, url, description, events, status, created_at, kek_kid, wrapped_secret)
       VALUES (?, ?, ?, ?, 'enabled', ?, ?, ?)`,
      id,
      input.url,
      input.description ?? null,
      JSON.stringify(input.events),
      Math.floor(Date.now() / 1000),
      kek.kid,
      wrapped.slice().buffer,
    );
    const row = this.#endpoint(id);
    return { ok: true, endpoint: { ...toEndpoint(row), secret }, types: subscribedTypes(this.#sql) };
  }

  async listEndpoints(merchantId: string): Promise<WebhookEndpoint[]> {
    this.#bindMerchant(merchantId);
    return selectEndpoints(this.#sql).map(toEndpoint);
  }

  async getEndpoint(merchantId: string, id: string): Promise<WebhookEndpoint | null> {
    this.#bindMerchant(merchantId);
    const row = selectEndpoint(this.#sql, id);
    return row === null ? null : toEndpoint(row);
  }

  /** Removes an endpoint and its deliveries; null when there was none. */
  async deleteEndpoint(merchantId: string, id: string): Promise<{ types: string[] } | null> {
    this.#bindMerchant(merchantId);
    const deleted = this.ctx.storage.transactionSync(() => {
      if (this.#sql.exec('DELETE FROM endpoints WHERE id = ?', id).rowsWritten === 0) return false;
      this.#sql.exec('DELETE FROM deliveries WHERE endpoint_id = ?', id);
      return true;
    });
    this.#forgetKeys(id);
    return deleted ? { types: subscribedTypes(this.#sql) } : null;
  }

  /** A new secret; the old one keeps signing beside it for a day. Null when there is no such endpoint. */
  async rotateSecret(merchantId: string, id: string): Promise<(WebhookEndpoint & { secret: string }) | null> {
    this.#bindMerchant(merchantId);
    if (selectEndpoint(this.#sql, id) === null) return null;
    const kek = (await getEffectiveConfig(this.env)).keks.active;
    const { secret, bytes } = newSecret();
    const wrapped = await wrapSecret(bytes, kek.key);
    this.#sql.exec(
      `UPDATE endpoints SET previous_kek_kid = kek_kid, previous_wrapped_secret = wrapped_secret,
         previous_expires_at = ?, kek_kid = ?, wrapped_secret = ? WHERE id = ?`,
      Date.now() + ROTATION_OVERLAP_MS,
      kek.kid,
      wrapped.slice().buffer,
      id,
    );
    this.#forgetKeys(id);
    return { ...toEndpoint(this.#endpoint(id)), secret };
  }

  /** An endpoint's deliveries, newest first; null when there is no such endpoint. */
  async listDeliveries(merchantId: string, endpointId: string, limit: number): Promise<WebhookDelivery[] | null> {
    this.#bindMerchant(merchantId);
    if (selectEndpoint(this.#sql, endpointId) === null) return null;
    return selectLog(this.#sql, endpointId, limit).map(toDelivery);
  }

  /** Queues a delivery again now (same `webhook-id`); null when there is no such delivery. */
  async retryDelivery(merchantId: string, endpointId: string, eventId: string): Promise<WebhookDelivery | null> {
    this.#bindMerchant(merchantId);
    const endpoint = selectEndpoint(this.#sql, endpointId);
    if (endpoint === null || selectDelivery(this.#sql, endpointId, eventId) === null) return null;
    const now = Date.now();
    // A manual retry gets a fresh three-day window, counted from now.
    this.#sql.exec(
      `UPDATE deliveries SET status = 'pending', next_attempt_at = ?, created_at = ? WHERE endpoint_id = ? AND event_id = ?`,
      now,
      now,
      endpointId,
      eventId,
    );
    await this.#ensureAlarm(now);
    const row = selectDelivery(this.#sql, endpointId, eventId);
    return row === null ? null : toDelivery(row);
  }

  /** Takes events from the merchant's vault: a delivery per enabled endpoint that subscribes to each. */
  async enqueue(merchantId: string, events: readonly QueuedEvent[]): Promise<{ types: string[] }> {
    this.#bindMerchant(merchantId);
    const now = Date.now();
    const endpoints = selectEndpoints(this.#sql).filter((row) => row.status === 'enabled');
    let queued = false;
    this.ctx.storage.transactionSync(() => {
      for (const event of events) {
        for (const endpoint of endpoints) {
          if (!subscribes(endpoint, event.type)) continue;
          insertDelivery(this.#sql, endpoint.id, event, now);
          queued = true;
        }
      }
    });
    if (queued) await this.#ensureAlarm(now);
    return { types: subscribedTypes(this.#sql) };
  }

  /** Attempts the deliveries that are due, side by side; then sleeps until the next one is. */
  override async alarm(): Promise<void> {
    this.#alarmAt = null;
    for (;;) {
      const due = this.ctx.storage.transactionSync(() => this.#take(Date.now()));
      const attempts = await Promise.all(due.map(async (row) => ({ row, result: await this.#send(row) })));
      const disable = this.ctx.storage.transactionSync(() => this.#record(attempts));
      for (const endpoint of disable) await this.#disable(endpoint);
      if (due.length < BATCH) break;
    }
    sweepLog(this.#sql, Date.now());
    const next = nextDue(this.#sql);
    if (next !== null) await this.#ensureAlarm(next);
  }

  /**
   * The deliveries due now, leased so no other alarm takes them: up to a batch, and only one of an endpoint
   * that is failing (a probe; the rest wait until it answers again).
   */
  #take(nowMs: number): DeliveryRow[] {
    const failing = new Set(
      selectEndpoints(this.#sql)
        .filter((endpoint) => endpoint.failing_since !== null)
        .map((endpoint) => endpoint.id),
    );
    const probed = new Set<string>();
    const taken: DeliveryRow[] = [];
    for (const row of selectDue(this.#sql, nowMs, BATCH * 4)) {
      if (taken.length === BATCH) break;
      if (failing.has(row.endpoint_id)) {
        if (probed.has(row.endpoint_id)) continue;
        probed.add(row.endpoint_id);
      }
      taken.push(row);
    }
    lease(this.#sql, taken, nowMs);
    return taken;
  }

  /** One attempt; null when the endpoint is gone or disabled (the delivery then fails without a send). */
  async #send(row: DeliveryRow): Promise<AttemptResult | null> {
    const endpoint = selectEndpoint(this.#sql, row.endpoint_id);
    if (endpoint === null || endpoint.status !== 'enabled') return null;
    return deliver(endpoint.url, row.event_id, row.payload, await this.#signingKeys(endpoint));
  }

  /**
   * Records a batch of attempts in one transaction (one commit for the batch, not one per delivery) and returns
   * the endpoints that have now failed for three days.
   */
  #record(attempts: { row: DeliveryRow; result: AttemptResult | null }[]): EndpointRow[] {
    const now = Date.now();
    const disable = new Map<string, EndpointRow>();
    for (const { row, result } of attempts) {
      if (result === null) {
        // A retry asked of a disabled endpoint: it ends here, or the alarm would find it due forever.
        this.#sql.exec(
          `UPDATE deliveries SET status = 'failed', next_attempt_at = NULL, last_error = 'disabled'
           WHERE endpoint_id = ? AND event_id = ?`,
          row.endpoint_id,
          row.event_id,
        );
        continue;
      }
      const { next } = recordAttempt(this.#sql, row, result, now);
      if (!result.ok && next !== null) holdBack(this.#sql, row.endpoint_id, next);
      if (result.ok) {
        this.#sql.exec('UPDATE endpoints SET failing_since = NULL WHERE id = ?', row.endpoint_id);
        continue;
      }
      this.#sql.exec(
        'UPDATE endpoints SET failing_since = coalesce(failing_since, ?) WHERE id = ?',
        now,
        row.endpoint_id,
      );
      const endpoint = this.#endpoint(row.endpoint_id);
      if (now - (endpoint.failing_since ?? now) >= DISABLE_AFTER_MS) disable.set(endpoint.id, endpoint);
    }
    return [...disable.values()];
  }

  /** Disables an endpoint that has failed for three days; its pending deliveries fail; the trail says so. */
  async #disable(endpoint: EndpointRow): Promise<void> {
    const merchantId = this.#merchantId();
    this.ctx.storage.transactionSync(() => {
      this.#sql.exec("UPDATE endpoints SET status = 'disabled' WHERE id = ?", endpoint.id);
      this.#sql.exec(
        `UPDATE deliveries SET status = 'failed', next_attempt_at = NULL WHERE endpoint_id = ? AND status = 'pending'`,
        endpoint.id,
      );
    });
    if (merchantId === null) return;
    // Every shard of the merchant's vault learns the subscriptions; the home one records the change.
    const shards = (await getEffectiveConfig(this.env)).merchants.get(merchantId)?.vaultShards ?? 1;
    const [vault, ...others] = vaultShardNames(merchantId, shards).map((name) =>
      this.env.VAULT.get(this.env.VAULT.idFromName(name)),
    );
    await Promise.all(others.map((shard) => shard.setWebhookSubscriptions(merchantId, subscribedTypes(this.#sql))));
    await vault?.webhookEndpointsChanged(
      merchantId,
      {
        action: 'webhook_endpoint.disabled',
        endpointId: endpoint.id,
        audit: SCHEDULED,
        data: { webhookEndpoint: { id: endpoint.id, url: endpoint.url } },
      },
      subscribedTypes(this.#sql),
    );
  }

  /** KEK rotation: rewraps every endpoint secret not under `kek`; how many. */
  async rewrapSecrets(kek: string): Promise<number> {
    const { keks } = await getEffectiveConfig(this.env);
    const to = keks.byKid.get(kek);
    if (to === undefined) throw new Error('webhooks: the target KEK is not configured');
    let rewrapped = 0;
    for (const row of selectEndpoints(this.#sql)) {
      for (const [kidColumn, secretColumn] of [
        ['kek_kid', 'wrapped_secret'],
        ['previous_kek_kid', 'previous_wrapped_secret'],
      ] as const) {
        const kid = row[kidColumn];
        const wrapped = row[secretColumn];
        if (kid === null || wrapped === null || kid === kek) continue;
        const from = keks.byKid.get(kid);
        if (from === undefined) throw new Error('webhooks: the KEK of a stored secret is not configured');
        const again = await rewrapKey(new Uint8Array(wrapped), from.key, to.key, SECRET_ALGORITHM);
        this.#sql.exec(
          `UPDATE endpoints SET ${kidColumn} = ?, ${secretColumn} = ? WHERE id = ? AND ${kidColumn} = ?`,
          kek,
          again.slice().buffer,
          row.id,
          kid,
        );
        rewrapped += 1;
      }
      this.#forgetKeys(row.id);
    }
    return rewrapped;
  }

  /** How many endpoint secrets each KEK wraps here. */
  async kekUsage(): Promise<Record<string, number>> {
    const usage: Record<string, number> = {};
    for (const row of selectEndpoints(this.#sql)) {
      for (const kid of [row.kek_kid, row.previous_kek_kid]) if (kid !== null) usage[kid] = (usage[kid] ?? 0) + 1;
    }
    return usage;
  }

  /** The endpoint's current key, and the previous one while its overlap lasts. */
  async #signingKeys(endpoint: EndpointRow): Promise<CryptoKey[]> {
    const config = await getEffectiveConfig(this.env);
    const unwrap = (which: string, kid: string, wrapped: ArrayBuffer): Promise<CryptoKey> => {
      const cacheKey = `${endpoint.id}/${which}/${kid}`;
      let key = this.#keys.get(cacheKey);
      if (key === undefined) {
        const kek = config.keks.byKid.get(kid);
        if (kek === undefined) throw new Error('webhooks: the KEK of a secret is gone');
        key = unwrapSecret(new Uint8Array(wrapped), kek.key);
        this.#keys.set(cacheKey, key);
      }
      return key;
    };
    const keys = [unwrap('current', endpoint.kek_kid, endpoint.wrapped_secret)];
    const { previous_kek_kid: kid, previous_wrapped_secret: wrapped, previous_expires_at: until } = endpoint;
    if (kid !== null && wrapped !== null && until !== null && until > Date.now()) {
      keys.push(unwrap('previous', kid, wrapped));
    }
    return Promise.all(keys);
  }

  #forgetKeys(endpointId: string): void {
    for (const key of this.#keys.keys()) if (key.startsWith(`${endpointId}/`)) this.#keys.delete(key);
  }

  #endpoint(id: string): EndpointRow {
    const row = selectEndpoint(this.#sql, id);
    if (row === null) throw new Error('webhooks: endpoint vanished');
    return row;
  }

  /** As the vault does: the first call records the merchant and later calls must agree. */
  #bindMerchant(merchantId: string): void {
    const current = this.#merchantId();
    if (current === null) this.#sql.exec("INSERT INTO meta (name, value) VALUES ('merchant', ?)", merchantId);
    else if (current !== merchantId) throw new Error('webhooks: merchant mismatch');
  }

  #merchantId(): string | null {
    return (
      this.#sql.exec<{ value: string }>("SELECT value FROM meta WHERE name = 'merchant'").toArray()[0]?.value ?? null
    );
  }

  async #ensureAlarm(atMs: number): Promise<void> {
    if (this.#alarmAt !== null && this.#alarmAt <= atMs) return;
    this.#alarmAt = atMs;
    await this.ctx.storage.setAlarm(atMs);
  }
}
