// Synchronous SQL over the registry's merchants, agent platforms and keys.

import type { AgentRow, KeyRow, MerchantRow } from '../../config/registry-snapshot';

export type { AgentRow, KeyRow, KeyType, MerchantRow, MerchantStatus } from '../../config/registry-snapshot';

export const selectMerchants = (sql: SqlStorage): MerchantRow[] =>
  sql.exec<MerchantRow>('SELECT * FROM merchants ORDER BY id').toArray();

export const selectMerchant = (sql: SqlStorage, id: string): MerchantRow | null =>
  sql.exec<MerchantRow>('SELECT * FROM merchants WHERE id = ?', id).toArray()[0] ?? null;

export function upsertMerchant(sql: SqlStorage, row: MerchantRow): void {
  sql.exec(
    `INSERT INTO merchants (id, name, origins, forward_hosts, agents, limits, status, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, origins = excluded.origins,
       forward_hosts = excluded.forward_hosts, agents = excluded.agents, limits = excluded.limits,
       status = excluded.status, updated_at = excluded.updated_at`,
    row.id,
    row.name,
    row.origins,
    row.forward_hosts,
    row.agents,
    row.limits,
    row.status,
    row.created_at,
    row.updated_at,
  );
}

export const selectKeys = (sql: SqlStorage): KeyRow[] =>
  sql.exec<KeyRow>('SELECT * FROM api_keys ORDER BY created_at, id').toArray();

export const selectKeysOf = (sql: SqlStorage, kind: KeyRow['owner_kind'], ownerId: string): KeyRow[] =>
  sql
    .exec<KeyRow>('SELECT * FROM api_keys WHERE owner_kind = ? AND owner_id = ? ORDER BY created_at, id', kind, ownerId)
    .toArray();

export const selectKey = (sql: SqlStorage, id: string): KeyRow | null =>
  sql.exec<KeyRow>('SELECT * FROM api_keys WHERE id = ?', id).toArray()[0] ?? null;

export function insertKey(sql: SqlStorage, row: KeyRow): void {
  sql.exec(
    `INSERT INTO api_keys (id, owner_kind, owner_id, type, key_hash, prefix, last4, created_at, expires_at,
       revoked_at, rolled_to)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    row.id,
    row.owner_kind,
    row.owner_id,
    row.type,
    row.key_hash,
    row.prefix,
    row.last4,
    row.created_at,
    row.expires_at,
    row.revoked_at,
    row.rolled_to,
  );
}

export const selectAgents = (sql: SqlStorage): AgentRow[] =>
  sql.exec<AgentRow>('SELECT * FROM agents ORDER BY id').toArray();
