/**
 * The webhook queue's SQLite schema. One queue per merchant: its endpoints (secrets only wrapped by a KEK) and
 * one delivery per (endpoint, event), which is both the queue and the endpoint's delivery log.
 */
export function createSchema(sql: SqlStorage): void {
  sql.exec(`
CREATE TABLE IF NOT EXISTS meta (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS endpoints (
  id TEXT PRIMARY KEY,
  url TEXT NOT NULL,
  description TEXT,
  events TEXT NOT NULL,
  status TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  kek_kid TEXT NOT NULL,
  wrapped_secret BLOB NOT NULL,
  previous_kek_kid TEXT,
  previous_wrapped_secret BLOB,
  previous_expires_at INTEGER,
  failing_since INTEGER
);
CREATE TABLE IF NOT EXISTS deliveries (
  endpoint_id TEXT NOT NULL,
  event_id TEXT NOT NULL,
  type TEXT NOT NULL,
  payload TEXT NOT NULL,
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  next_attempt_at INTEGER,
  last_attempt_at INTEGER,
  last_status INTEGER,
  last_error TEXT,
  PRIMARY KEY (endpoint_id, event_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS deliveries_due ON deliveries(next_attempt_at) WHERE status = 'pending';
CREATE INDEX IF NOT EXISTS deliveries_log ON deliveries(endpoint_id, created_at);
CREATE INDEX IF NOT EXISTS deliveries_created_at ON deliveries(created_at);
`);
}
