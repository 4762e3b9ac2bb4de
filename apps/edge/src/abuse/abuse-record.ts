import { DurableObject } from 'cloudflare:workers';
import { ABUSE_RETENTION_SECONDS, type Refusal } from './refusal';

/**
 * The record of refusals no merchant can be told of: requests whose key names no merchant (missing, unknown,
 * malformed). One object per shard of client hashes; the rows hold the client's hash, the route pattern and the
 * code, never the key that was tried (it may be a mistyped real one) or anything else from the request.
 */
export class AbuseRecord extends DurableObject<Env> {
  readonly #sql: SqlStorage;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.#sql = ctx.storage.sql;
    void ctx.blockConcurrencyWhile(async () => {
      this.#sql.exec(`CREATE TABLE IF NOT EXISTS refusals (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        created_at INTEGER NOT NULL,
        client_hash TEXT NOT NULL,
        method TEXT NOT NULL,
        route TEXT NOT NULL,
        code TEXT NOT NULL,
        request_id TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS refusals_created_at ON refusals(created_at);
      CREATE INDEX IF NOT EXISTS refusals_client ON refusals(client_hash, created_at);`);
    });
  }

  async record(refusal: Refusal): Promise<void> {
    const now = Math.floor(Date.now() / 1000);
    this.#sql.exec(
      'INSERT INTO refusals (created_at, client_hash, method, route, code, request_id) VALUES (?, ?, ?, ?, ?, ?)',
      now,
      refusal.clientHash,
      refusal.method,
      refusal.route,
      refusal.code,
      refusal.requestId,
    );
    this.#sql.exec('DELETE FROM refusals WHERE created_at <= ?', now - ABUSE_RETENTION_SECONDS);
  }

  /** A client's refusals in the retention window, newest first (for operators; no route serves it yet). */
  async refusalsOf(clientHash: string, limit = 100): Promise<(Refusal & { created: number })[]> {
    return this.#sql
      .exec<{
        created_at: number;
        client_hash: string;
        method: string;
        route: string;
        code: string;
        request_id: string;
      }>('SELECT * FROM refusals WHERE client_hash = ? ORDER BY seq DESC LIMIT ?', clientHash, limit)
      .toArray()
      .map((r) => ({
        created: r.created_at,
        clientHash: r.client_hash,
        method: r.method,
        route: r.route,
        code: r.code,
        requestId: r.request_id,
      }));
  }
}
