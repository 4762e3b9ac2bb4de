/**
 * The vault's SQLite schema, as numbered migrations applied in order when the object starts. Each runs in a
 * transaction with the row that records it, so a vault is always at exactly one version. Never edit a
 * migration that has shipped: add the next number.
 *
 * Card data lives only in the `*_ct` ciphertext columns; what stays in the clear is what the token object
 * shows anyway (brand, BIN, last four, expiry) plus the keyed fingerprint.
 */
import { type ChainedEvent, eventHash, GENESIS_HASH } from './audit/chain';

export interface Migration {
  version: number;
  /** What it changes, for the reader of a failed start. */
  description: string;
  up: (sql: SqlStorage) => void;
}

const hasColumn = (sql: SqlStorage, table: string, column: string): boolean =>
  sql.exec('SELECT 1 FROM pragma_table_info(?) WHERE name = ?', table, column).toArray().length > 0;

export const VAULT_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'keys, tokens, idempotency keys of creates and forwards, audit events',
    up(sql) {
      // IF NOT EXISTS: vaults made before numbered migrations already hold these tables.
      sql.exec(`
CREATE TABLE IF NOT EXISTS vault_meta (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS data_keys (
  version INTEGER PRIMARY KEY,
  kek_kid TEXT NOT NULL,
  wrapped_data_key BLOB NOT NULL,
  wrapped_fingerprint_key BLOB NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS tokens (
  id TEXT PRIMARY KEY,
  created_at INTEGER NOT NULL,
  expires_at INTEGER,
  brand TEXT NOT NULL,
  bin TEXT NOT NULL,
  last4 TEXT NOT NULL,
  exp_month INTEGER NOT NULL,
  exp_year INTEGER NOT NULL,
  fingerprint TEXT NOT NULL,
  key_version INTEGER NOT NULL REFERENCES data_keys(version),
  card_iv BLOB NOT NULL,
  card_ct BLOB NOT NULL,
  cvc_iv BLOB,
  cvc_ct BLOB,
  cvc_expires_at INTEGER
);
CREATE INDEX IF NOT EXISTS tokens_fingerprint ON tokens(fingerprint);
CREATE INDEX IF NOT EXISTS tokens_expires_at ON tokens(expires_at) WHERE expires_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS tokens_cvc_expires_at ON tokens(cvc_expires_at) WHERE cvc_expires_at IS NOT NULL;
CREATE TABLE IF NOT EXISTS idempotency_keys (
  key TEXT PRIMARY KEY,
  body_digest TEXT NOT NULL,
  response TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS idempotency_keys_created_at ON idempotency_keys(created_at);
CREATE TABLE IF NOT EXISTS forward_idempotency_keys (
  key TEXT PRIMARY KEY,
  body_digest TEXT NOT NULL,
  token_id TEXT NOT NULL,
  host TEXT NOT NULL,
  status INTEGER,
  outcome TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS forward_idempotency_keys_created_at ON forward_idempotency_keys(created_at);
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
  status INTEGER
);
`);
      // The earliest vaults had events without the forward's host and status.
      if (!hasColumn(sql, 'events', 'host')) sql.exec('ALTER TABLE events ADD COLUMN host TEXT');
      if (!hasColumn(sql, 'events', 'status')) sql.exec('ALTER TABLE events ADD COLUMN status INTEGER');
    },
  },
  {
    version: 2,
    description: 'one idempotency table keyed by (scope, key) for every caller',
    up(sql) {
      sql.exec(`
CREATE TABLE idempotency (
  scope TEXT NOT NULL,
  key TEXT NOT NULL,
  body_digest TEXT NOT NULL,
  result TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  PRIMARY KEY (scope, key)
) WITHOUT ROWID;
CREATE INDEX idempotency_expires_at ON idempotency(expires_at);
INSERT INTO idempotency (scope, key, body_digest, result, created_at, expires_at)
  SELECT 'tokens.create', key, body_digest, json_object('token', json(response)), created_at, created_at + 86400
  FROM idempotency_keys;
INSERT INTO idempotency (scope, key, body_digest, result, created_at, expires_at)
  SELECT 'forward', key, body_digest,
    json_object('tokenId', token_id, 'host', host, 'status', status, 'outcome', json(outcome)),
    created_at, created_at + 86400
  FROM forward_idempotency_keys;
DROP TABLE idempotency_keys;
DROP TABLE forward_idempotency_keys;
`);
    },
  },
  {
    version: 3,
    description: 'the CVC leaves storage; idempotency results name their token, so deleting it blanks them',
    up(sql) {
      // CVCs live in the object's memory from now on (cvc-store.ts); those still stored are dropped with their
      // columns, as an object restart would drop them from memory.
      sql.exec(`
DROP INDEX IF EXISTS tokens_cvc_expires_at;
ALTER TABLE tokens DROP COLUMN cvc_iv;
ALTER TABLE tokens DROP COLUMN cvc_ct;
ALTER TABLE tokens DROP COLUMN cvc_expires_at;
ALTER TABLE idempotency ADD COLUMN token_id TEXT;
UPDATE idempotency SET token_id = CASE scope
  WHEN 'tokens.create' THEN json_extract(result, '$.token.id')
  WHEN 'forward' THEN json_extract(result, '$.tokenId')
END;
CREATE INDEX idempotency_token ON idempotency(token_id) WHERE token_id IS NOT NULL;
`);
    },
  },
  {
    version: 4,
    description: 'events name the card-testing rule they record',
    up(sql) {
      sql.exec('ALTER TABLE events ADD COLUMN detail TEXT');
    },
  },
  {
    version: 5,
    description: 'the audit trail becomes a hash chain with outcomes; an outbox of webhook events',
    up(sql) {
      sql.exec(`
ALTER TABLE events ADD COLUMN outcome TEXT NOT NULL DEFAULT 'success';
ALTER TABLE events ADD COLUMN prev_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN hash TEXT NOT NULL DEFAULT '';
UPDATE events SET outcome = 'refused'
  WHERE action IN ('auth.refused', 'token.forward_refused', 'token.idempotency_conflict');
UPDATE events SET outcome = 'failed'
  WHERE action = 'token.forwarded' AND (status IS NULL OR status < 200 OR status > 299);
CREATE INDEX events_created_at ON events(created_at_ms);
CREATE INDEX events_token ON events(token_id, seq) WHERE token_id IS NOT NULL;
CREATE INDEX events_action ON events(action, seq);
CREATE TABLE webhook_outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id TEXT NOT NULL,
  type TEXT NOT NULL,
  payload TEXT NOT NULL
);
`);
      chainExistingEvents(sql);
    },
  },
  {
    version: 6,
    description: 'agent commerce: vault tokens and their allowances; events name the agent platform and amount',
    up(sql) {
      sql.exec(`
CREATE TABLE vault_tokens (
  id TEXT PRIMARY KEY,
  token_id TEXT NOT NULL,
  agent_id TEXT NOT NULL,
  merchant_id TEXT NOT NULL,
  max_amount INTEGER NOT NULL,
  currency TEXT NOT NULL,
  checkout_session_id TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  status TEXT NOT NULL,
  deactivated_reason TEXT,
  created_at INTEGER NOT NULL,
  brand TEXT NOT NULL,
  last4 TEXT NOT NULL,
  metadata TEXT NOT NULL
);
CREATE INDEX vault_tokens_expires_at ON vault_tokens(expires_at) WHERE status = 'active';
ALTER TABLE events ADD COLUMN agent_id TEXT;
ALTER TABLE events ADD COLUMN amount INTEGER;
ALTER TABLE events ADD COLUMN currency TEXT;
`);
    },
  },
  {
    version: 7,
    description: 'AP2 Payment Mandates accepted for charges, so none is accepted twice',
    up(sql) {
      // One vault per merchant is enough: a mandate names its payee and binds its presentation to that merchant,
      // so only the payee's vault can ever accept it.
      sql.exec(`
CREATE TABLE mandates (
  id TEXT PRIMARY KEY,
  vault_token_id TEXT NOT NULL,
  agent_id TEXT NOT NULL,
  accepted_at INTEGER NOT NULL,
  expires_at INTEGER
) WITHOUT ROWID;
`);
    },
  },
  {
    version: 8,
    description: 'keys the operator revoked or set to expire, and whether the merchant is suspended',
    up(sql) {
      sql.exec(`
CREATE TABLE access_keys (
  key_hash TEXT PRIMARY KEY,
  expires_at INTEGER,
  revoked_at INTEGER
) WITHOUT ROWID;
`);
    },
  },
  {
    version: 9,
    description: "data keys remember the KEK their records' AAD names, so a KEK rotation can rewrap them",
    up(sql) {
      sql.exec(`
ALTER TABLE data_keys ADD COLUMN aad_kek_kid TEXT;
UPDATE data_keys SET aad_kek_kid = kek_kid;
`);
    },
  },
];

/** Numbers the events written before the chain 1, 2, 3, … in their order and chains them, oldest first. */
function chainExistingEvents(sql: SqlStorage): void {
  const rows = sql.exec<ChainedEvent>('SELECT * FROM events ORDER BY seq').toArray();
  let prev = GENESIS_HASH;
  for (const [i, row] of rows.entries()) {
    const event = { ...row, seq: i + 1 };
    const hash = eventHash(prev, event);
    sql.exec('UPDATE events SET seq = ?, prev_hash = ?, hash = ? WHERE id = ?', event.seq, prev, hash, row.id);
    prev = hash;
  }
}

/**
 * Brings a vault's schema to the newest version, one migration per transaction. Returns the versions it
 * went from and to. Throws when the vault is newer than this code (a rollback past a migration): better
 * refuse to start than write rows an older schema does not expect.
 */
export function migrate(
  storage: Pick<DurableObjectStorage, 'sql' | 'transactionSync'>,
  migrations: readonly Migration[] = VAULT_MIGRATIONS,
): { from: number; to: number } {
  const { sql } = storage;
  sql.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)');
  const from = sql.exec<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations').one().v ?? 0;
  const newest = migrations.at(-1)?.version ?? 0;
  if (from > newest) throw new Error(`vault: schema version ${from} is newer than this code (${newest})`);
  for (const [i, migration] of migrations.entries()) {
    if (migration.version !== i + 1) throw new Error('vault: migrations must be numbered 1, 2, 3, … in order');
    if (migration.version <= from) continue;
    storage.transactionSync(() => {
      migration.up(sql);
      sql.exec('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)', migration.version, Date.now());
    });
  }
  return { from, to: Math.max(from, newest) };
}
