/**
 * The vault's tables. Card data lives only in the `*_ct` ciphertext columns; what stays in the clear is what
 * the token object shows anyway (brand, first six, last four, expiry) plus the keyed fingerprint.
 */
export const VAULT_SCHEMA = `
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
`;

/** Columns added after a table was first created: vaults made before them gain them on their next start. */
const ADDED_COLUMNS = [
  ['events', 'host', 'TEXT'],
  ['events', 'status', 'INTEGER'],
] as const;

/** Creates the vault's tables, or brings an older vault's up to date. Idempotent; run when the object starts. */
export function applyVaultSchema(sql: SqlStorage): void {
  sql.exec(VAULT_SCHEMA);
  for (const [table, column, type] of ADDED_COLUMNS) {
    const present = sql.exec('SELECT 1 FROM pragma_table_info(?) WHERE name = ?', table, column).toArray().length > 0;
    if (!present) sql.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${type}`);
  }
}
