/**
 * The registry's SQLite schema: merchants and agent platforms created or changed through the operator API, every
 * key it issued (hashes only), and the operator's own hash-chained trail (the same `events` and `vault_meta`
 * tables as a vault's, so the same trail code serves both).
 */
export function createRegistrySchema(sql: SqlStorage): void {
  sql.exec(`
CREATE TABLE IF NOT EXISTS merchants (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  origins TEXT NOT NULL,
  forward_hosts TEXT NOT NULL,
  agents TEXT NOT NULL,
  limits TEXT NOT NULL,
  status TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS agents (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS api_keys (
  id TEXT PRIMARY KEY,
  owner_kind TEXT NOT NULL,
  owner_id TEXT NOT NULL,
  type TEXT NOT NULL,
  key_hash TEXT NOT NULL UNIQUE,
  prefix TEXT NOT NULL,
  last4 TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER,
  revoked_at INTEGER,
  rolled_to TEXT
);
CREATE INDEX IF NOT EXISTS api_keys_owner ON api_keys(owner_kind, owner_id);
CREATE TABLE IF NOT EXISTS rotation (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  state TEXT NOT NULL,
  kek TEXT NOT NULL,
  merchants TEXT NOT NULL,
  cursor INTEGER NOT NULL,
  failed TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  finished_at INTEGER
);
CREATE TABLE IF NOT EXISTS vault_meta (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  created_at_ms INTEGER NOT NULL,
  action TEXT NOT NULL,
  token_id TEXT,
  key_id TEXT NOT NULL,
  client_ip TEXT,
  request_id TEXT NOT NULL,
  host TEXT,
  status INTEGER,
  detail TEXT,
  outcome TEXT NOT NULL DEFAULT 'success',
  agent_id TEXT,
  amount INTEGER,
  currency TEXT,
  prev_hash TEXT NOT NULL DEFAULT '',
  hash TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS events_action ON events(action, seq);
`);
}
