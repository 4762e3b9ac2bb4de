import { DurableObject } from 'cloudflare:workers';
import type { RotationStatus } from '@tessera/protocol';
import { getConfig } from '../../config/config';
import type { RegistrySnapshot } from '../../config/registry-snapshot';
import { randomBytes, sha256Hex, toHex } from '../../lib/encoding';
import { vaultShardNames } from '../../lib/vault-shard-name';
import { type EventPage, type EventQuery, listEvents, type TrailVerdict, verifyTrail } from '../audit/queries';
import { appendEvent, type NewEvent } from '../audit/trail';
import type { AuditContext } from '../types';
import { createRegistrySchema } from './schema';
import {
  insertKey,
  type KeyRow,
  type MerchantRow,
  selectAgents,
  selectKey,
  selectKeys,
  selectKeysOf,
  selectMerchant,
  selectMerchants,
  upsertMerchant,
} from './store';

export type { RegistrySnapshot } from '../../config/registry-snapshot';

/** A key as issued: its row, and the key itself, which is shown once and never stored. */
export interface IssuedKey {
  row: KeyRow;
  key: string;
}

export interface MerchantFields {
  name: string;
  origins: string[];
  forwardHosts: string[];
  agents: string[];
  limits: Record<string, number | undefined>;
  status: 'active' | 'suspended';
}

/** A key the registry did not issue (one configured in a secret), named so it can be rolled or revoked. */
export interface ConfiguredKey {
  hash: string;
  type: KeyRow['type'];
  ownerKind: KeyRow['owner_kind'];
  ownerId: string;
}

const PREFIX: Record<KeyRow['type'], string> = { publishable: 'pk', secret: 'sk', agent: 'ak', operator: 'op' };
const nowSeconds = () => Math.floor(Date.now() / 1000);

/**
 * The operators' registry, one object for the deployment (`idFromName('registry')`): merchants and agent
 * platforms created or changed through the operator API, the keys it issued (SHA-256 only), revocations and
 * expiries of configured keys, and the operator's hash-chained trail. It is off the hot path: isolates keep a
 * snapshot for at most 30 s, and the merchant's vault refuses a revoked or expired key on its very next request.
 */
export class Registry extends DurableObject<Env> {
  readonly #sql: SqlStorage;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.#sql = ctx.storage.sql;
    void ctx.blockConcurrencyWhile(async () => createRegistrySchema(this.#sql));
  }

  async snapshot(): Promise<RegistrySnapshot> {
    return {
      merchants: selectMerchants(this.#sql),
      keys: selectKeys(this.#sql),
      agents: selectAgents(this.#sql),
      activeKek: this.#rotation()?.kek ?? null,
    };
  }

  /**
   * Starts rewrapping every merchant's data keys and webhook secrets under `kek`, which becomes the active KEK at
   * once (new keys are wrapped with it). One merchant per alarm, the cursor kept in storage, so a restart resumes
   * where it stopped; starting again with the same KEK while it runs changes nothing.
   */
  async startRotation(kek: string, merchantIds: string[], audit: AuditContext): Promise<RotationStatus> {
    const current = this.#rotation();
    if (current?.state === 'running' && current.kek === kek) return this.rotationStatus();
    this.ctx.storage.transactionSync(() => {
      this.#sql.exec(
        `INSERT OR REPLACE INTO rotation (id, state, kek, merchants, cursor, failed, started_at, finished_at)
         VALUES (1, 'running', ?, ?, 0, '[]', ?, NULL)`,
        kek,
        JSON.stringify(merchantIds),
        nowSeconds(),
      );
      appendEvent(this.#sql, { action: 'admin.rotation_started', audit, detail: kek });
    });
    await this.ctx.storage.setAlarm(Date.now());
    return this.rotationStatus();
  }

  async rotationStatus(): Promise<RotationStatus> {
    const row = this.#rotation();
    if (row === null) return { state: 'idle', kek: null, total: 0, done: 0, failed: 0 };
    const merchants = JSON.parse(row.merchants) as string[];
    const failed = (JSON.parse(row.failed) as string[]).length;
    return { state: row.state, kek: row.kek, total: merchants.length, done: row.cursor - failed, failed };
  }

  /** One step of a rotation: the next merchant's vault and webhook queue rewrapped, then the next alarm. */
  override async alarm(): Promise<void> {
    const row = this.#rotation();
    if (row === null || row.state !== 'running') return;
    const merchants = JSON.parse(row.merchants) as string[];
    const merchantId = merchants[row.cursor];
    if (merchantId === undefined) {
      this.#sql.exec("UPDATE rotation SET state = 'done', finished_at = ? WHERE id = 1", nowSeconds());
      return;
    }
    let ok = true;
    try {
      for (const name of vaultShardNames(merchantId, await this.#vaultShardsOf(merchantId))) {
        await this.env.VAULT.get(this.env.VAULT.idFromName(name)).rewrapKeys(merchantId, row.kek);
      }
      await this.env.WEBHOOKS.get(this.env.WEBHOOKS.idFromName(merchantId)).rewrapSecrets(row.kek);
    } catch {
      ok = false;
    }
    const failed = JSON.parse(row.failed) as string[];
    if (!ok) failed.push(merchantId);
    this.#sql.exec(
      'UPDATE rotation SET cursor = cursor + 1, failed = ? WHERE id = 1 AND cursor = ?',
      JSON.stringify(failed),
      row.cursor,
    );
    await this.ctx.storage.setAlarm(Date.now());
  }

  #rotation() {
    return (
      this.#sql
        .exec<{
          state: 'running' | 'done';
          kek: string;
          merchants: string;
          cursor: number;
          failed: string;
        }>('SELECT state, kek, merchants, cursor, failed FROM rotation WHERE id = 1')
        .toArray()[0] ?? null
    );
  }

  /** Creates or changes a merchant (a configured one gets a row that overrides its configuration). */
  async putMerchant(id: string, fields: MerchantFields, action: NewEvent['action'], audit: AuditContext) {
    const now = nowSeconds();
    const existing = selectMerchant(this.#sql, id);
    this.ctx.storage.transactionSync(() => {
      upsertMerchant(this.#sql, {
        id,
        name: fields.name,
        origins: JSON.stringify(fields.origins),
        forward_hosts: JSON.stringify(fields.forwardHosts),
        agents: JSON.stringify(fields.agents),
        limits: JSON.stringify(fields.limits),
        status: fields.status,
        created_at: existing?.created_at ?? now,
        updated_at: now,
      });
      appendEvent(this.#sql, { action, audit, detail: id });
    });
    return selectMerchant(this.#sql, id);
  }

  async merchant(id: string): Promise<MerchantRow | null> {
    return selectMerchant(this.#sql, id);
  }

  /** Issues a key for a merchant, an agent platform or the operator; the key is in the answer only. */
  async issueKey(
    owner: { kind: KeyRow['owner_kind']; id: string },
    type: KeyRow['type'],
    expiresAt: number | null,
    environment: 'live' | 'test',
    audit: AuditContext,
  ): Promise<IssuedKey> {
    const issued = await this.#newKey(owner, type, expiresAt, environment);
    this.ctx.storage.transactionSync(() => {
      insertKey(this.#sql, issued.row);
      appendEvent(this.#sql, { action: 'admin.key_issued', audit, detail: issued.row.id });
    });
    return issued;
  }

  async keysOf(kind: KeyRow['owner_kind'], ownerId: string): Promise<KeyRow[]> {
    return selectKeysOf(this.#sql, kind, ownerId);
  }

  /**
   * A new key of the same type; the old one keeps working until `expiresIn` seconds from now (0: at once).
   * Null when the key is unknown or revoked.
   */
  async rollKey(
    keyId: string,
    configured: ConfiguredKey | null,
    expiresIn: number,
    environment: 'live' | 'test',
    audit: AuditContext,
  ): Promise<{ issued: IssuedKey; old: KeyRow } | null> {
    const old = selectKey(this.#sql, keyId) ?? (configured && this.#adopt(keyId, configured));
    if (old === null || old.revoked_at !== null) return null;
    const issued = await this.#newKey({ kind: old.owner_kind, id: old.owner_id }, old.type, null, environment);
    const until = nowSeconds() + expiresIn;
    this.ctx.storage.transactionSync(() => {
      if (selectKey(this.#sql, old.id) === null) insertKey(this.#sql, old);
      insertKey(this.#sql, issued.row);
      this.#sql.exec(
        'UPDATE api_keys SET expires_at = min(coalesce(expires_at, ?), ?), rolled_to = ? WHERE id = ?',
        until,
        until,
        issued.row.id,
        old.id,
      );
      appendEvent(this.#sql, { action: 'admin.key_rolled', audit, detail: `${old.id}>${issued.row.id}` });
    });
    return { issued, old: selectKey(this.#sql, old.id) ?? old };
  }

  /** Revokes a key from its next request on; revoking twice changes nothing. Null when the key is unknown. */
  async revokeKey(keyId: string, configured: ConfiguredKey | null, audit: AuditContext): Promise<KeyRow | null> {
    const row = selectKey(this.#sql, keyId) ?? (configured && this.#adopt(keyId, configured));
    if (row === null) return null;
    this.ctx.storage.transactionSync(() => {
      if (selectKey(this.#sql, row.id) === null) insertKey(this.#sql, row);
      this.#sql.exec('UPDATE api_keys SET revoked_at = coalesce(revoked_at, ?) WHERE id = ?', nowSeconds(), row.id);
      appendEvent(this.#sql, { action: 'admin.key_revoked', audit, detail: row.id });
    });
    return selectKey(this.#sql, row.id);
  }

  async createAgent(id: string, name: string, environment: 'live' | 'test', audit: AuditContext) {
    const issued = await this.#newKey({ kind: 'agent', id }, 'agent', null, environment);
    const created = this.ctx.storage.transactionSync(() => {
      if (this.#sql.exec('SELECT 1 FROM agents WHERE id = ?', id).toArray().length > 0) return false;
      this.#sql.exec('INSERT INTO agents (id, name, created_at) VALUES (?, ?, ?)', id, name, nowSeconds());
      insertKey(this.#sql, issued.row);
      appendEvent(this.#sql, { action: 'admin.agent_created', audit, detail: id });
      return true;
    });
    return created ? issued : null;
  }

  /** Records an operator change made elsewhere (a merchant's data-key rotation) in the operator trail. */
  async recordChange(action: NewEvent['action'], detail: string, audit: AuditContext): Promise<void> {
    this.ctx.storage.transactionSync(() => appendEvent(this.#sql, { action, audit, detail }));
  }

  /** Records a refused operator call in the operator trail (a bad key, a bad request). */
  async recordRefusal(audit: AuditContext, code: string): Promise<void> {
    this.ctx.storage.transactionSync(() =>
      appendEvent(this.#sql, { action: 'admin.refused', audit, detail: code, outcome: 'refused' }),
    );
  }

  async events(query: EventQuery): Promise<EventPage> {
    return listEvents(this.#sql, query);
  }

  async verifyEvents(head?: string): Promise<TrailVerdict> {
    return verifyTrail(this.#sql, head);
  }

  /** A configured key, as a row of its own so it can carry an expiry or a revocation. */
  #adopt(keyId: string, configured: ConfiguredKey): KeyRow {
    return {
      id: keyId,
      owner_kind: configured.ownerKind,
      owner_id: configured.ownerId,
      type: configured.type,
      key_hash: configured.hash,
      prefix: `${PREFIX[configured.type]}_`,
      last4: '',
      created_at: 0,
      expires_at: null,
      revoked_at: null,
      rolled_to: null,
    };
  }

  /**
   * A new random key whose text names its owner (`sk_live_<merchant>_<32 hex>`), so a request can be routed to
   * the owner's vault before any lookup; only its SHA-256 is kept.
   */
  async #newKey(
    owner: { kind: KeyRow['owner_kind']; id: string },
    type: KeyRow['type'],
    expiresAt: number | null,
    environment: 'live' | 'test',
  ): Promise<IssuedKey> {
    // Letters, digits and `_` only, as the SDK and field pages expect of a key: an id's `-` becomes `_`.
    const key = `${PREFIX[type]}_${environment}_${owner.id.replace(/-/g, '_')}_${toHex(randomBytes(16))}`;
    const hash = await sha256Hex(key);
    const row: KeyRow = {
      id: `key_${hash.slice(0, 16)}`,
      owner_kind: owner.kind,
      owner_id: owner.id,
      type,
      key_hash: hash,
      prefix: `${PREFIX[type]}_${environment}_`,
      last4: key.slice(-4),
      created_at: nowSeconds(),
      expires_at: expiresAt,
      revoked_at: null,
      rolled_to: null,
    };
    return { row, key };
  }

  /** How many shards a merchant's vault has: its registry record's, else its configured one's. */
  async #vaultShardsOf(merchantId: string): Promise<number> {
    const row = selectMerchant(this.#sql, merchantId);
    const fromRegistry = row === null ? undefined : (JSON.parse(row.limits) as { vaultShards?: number }).vaultShards;
    return fromRegistry ?? (await getConfig(this.env)).merchants.get(merchantId)?.vaultShards ?? 1;
  }
}
