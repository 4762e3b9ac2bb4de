// The design's own limit, bundled by edge-server.mjs (esbuild) and run in the same workerd as the edge, routed at
// /__bench/do-floor: a request shaped like `POST /v1/tokens` (POST, `Authorization: Bearer <pk>`, a JSON body read
// and parsed), one Durable Object RPC, one SQLite row written in a SQLite-backed object, a small JSON answer.
// Nothing else: no sealing, no config, no middleware, no audit event, no index but the primary key. Whatever
// tokenize costs beyond this is the edge's own; edge-load.mjs compares the two back to back.
import { DurableObject } from 'cloudflare:workers';

interface Env {
  FLOOR: DurableObjectNamespace<FloorObject>;
  /** The bench merchant's publishable key (edge-server.mjs's BENCH_PK). */
  FLOOR_KEY: string;
}

/** A row like a token's: an id, a few short texts and a ~300-byte blob (a token row's ciphertext and IV). */
interface FloorRow {
  id: string;
  createdAt: number;
  brand: string;
  last4: string;
  fingerprint: string;
  data: Uint8Array;
}

const BLOB_BYTES = 300;

export class FloorObject extends DurableObject<Env> {
  readonly #sql: SqlStorage;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.#sql = ctx.storage.sql;
    this.#sql.exec(`CREATE TABLE IF NOT EXISTS rows (
  id TEXT PRIMARY KEY,
  created_at INTEGER NOT NULL,
  brand TEXT NOT NULL,
  last4 TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  data BLOB NOT NULL
)`);
  }

  /** One row written; answers workerd's own count of the rows that wrote (the figure Cloudflare bills). */
  write(row: FloorRow): { rowsWritten: number } {
    const cursor = this.#sql.exec(
      'INSERT INTO rows (id, created_at, brand, last4, fingerprint, data) VALUES (?, ?, ?, ?, ?, ?)',
      row.id,
      row.createdAt,
      row.brand,
      row.last4,
      row.fingerprint,
      row.data.slice().buffer,
    );
    cursor.toArray();
    return { rowsWritten: cursor.rowsWritten };
  }
}

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    if (request.method !== 'POST') return Response.json({ error: 'method_not_allowed' }, { status: 405 });
    if (request.headers.get('authorization') !== `Bearer ${env.FLOOR_KEY}`) {
      return Response.json({ error: 'invalid_key' }, { status: 401 });
    }
    let body: unknown;
    try {
      body = JSON.parse(await request.text());
    } catch {
      return Response.json({ error: 'invalid_request' }, { status: 400 });
    }
    const sealed = (body as { sealed?: unknown } | null)?.sealed;
    if (typeof sealed !== 'string') return Response.json({ error: 'invalid_request' }, { status: 400 });
    const random = crypto.getRandomValues(new Uint8Array(16 + BLOB_BYTES));
    const id = `tok_${hex(random.subarray(0, 8))}`;
    const floor = env.FLOOR.get(env.FLOOR.idFromName('bench'));
    const { rowsWritten } = await floor.write({
      id,
      createdAt: Math.floor(Date.now() / 1000),
      brand: 'visa',
      last4: sealed.slice(-4),
      fingerprint: `fp_${hex(random.subarray(8, 16))}`,
      data: random.subarray(16),
    });
    return Response.json({ id, object: 'token', rowsWritten }, { headers: { 'Cache-Control': 'no-store' } });
  },
};
