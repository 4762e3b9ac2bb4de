import { KeyedLock } from './keyed-lock';

// One idempotency mechanism for every caller of the vault: one table keyed by (scope, key), one lock, and the
// rules that differ between callers kept as data in IDEMPOTENCY_RULES.

/** What the worker hands the vault for a request that carried an `Idempotency-Key`. */
export interface IdempotencyRequest {
  key: string;
  /** SHA-256 (hex) of the exact request bytes: "the same request" means the same bytes. */
  bodyDigest: string;
}

export interface IdempotencyRule {
  /** How long a key holds its first result. */
  ttlSeconds: number;
  /**
   * A duplicate that arrives while the first is still running: `wait` runs it after the first, so it replays
   * the first result; `refuse` answers at once that the first is in flight.
   */
  whileInFlight: 'wait' | 'refuse';
}

const DAY_SECONDS = 24 * 60 * 60;

/** Each caller's scope and rules; a key used in one scope never meets a key of another. */
export const IDEMPOTENCY_RULES = {
  'tokens.create': { ttlSeconds: DAY_SECONDS, whileInFlight: 'wait' },
  forward: { ttlSeconds: DAY_SECONDS, whileInFlight: 'wait' },
} as const satisfies Record<string, IdempotencyRule>;

export type IdempotencyScope = keyof typeof IDEMPOTENCY_RULES;

/**
 * What the table says of a request: nothing yet, the first result to replay, a key reused with other bytes, or a
 * first result that named a token since deleted (its result was blanked with the token).
 */
export type Recalled<T> = { kind: 'new' } | { kind: 'replay'; stored: T } | { kind: 'conflict' } | { kind: 'erased' };

/**
 * The vault's idempotency keys. `recall` and `remember` are synchronous so callers put them in the same
 * transaction as the work they guard; `serialize` orders duplicates of one key within the object (a Durable
 * Object's input gate opens while it awaits crypto or a fetch, so the transaction alone does not).
 */
export class IdempotencyStore<Scope extends string = IdempotencyScope> {
  readonly #sql: SqlStorage;
  readonly #rules: Readonly<Record<Scope, IdempotencyRule>>;
  readonly #locks = new KeyedLock();
  readonly #inFlight = new Set<string>();

  constructor(sql: SqlStorage, rules: Readonly<Record<Scope, IdempotencyRule>>) {
    this.#sql = sql;
    this.#rules = rules;
  }

  /** The stored result of this key in this scope, if it is younger than the scope's TTL. */
  recall<T>(scope: Scope, request: IdempotencyRequest, nowSeconds: number): Recalled<T> {
    const row = this.#sql
      .exec<{ body_digest: string; result: string }>(
        'SELECT body_digest, result FROM idempotency WHERE scope = ? AND key = ? AND expires_at > ?',
        scope,
        request.key,
        nowSeconds,
      )
      .toArray()[0];
    if (row === undefined) return { kind: 'new' };
    if (row.body_digest !== request.bodyDigest) return { kind: 'conflict' };
    const stored = JSON.parse(row.result) as T | { erased: true };
    if (typeof stored === 'object' && stored !== null && 'erased' in stored) return { kind: 'erased' };
    return { kind: 'replay', stored };
  }

  /**
   * Keeps the first result of a key for the scope's TTL. Store only what the caller may see again, and name the
   * token it holds, so that deleting the token blanks the result (token-store.ts `deleteToken`).
   */
  remember<T>(scope: Scope, request: IdempotencyRequest, result: T, tokenId: string, nowSeconds: number): void {
    // REPLACE: a row still present for this key is past its TTL (recall saw nothing) and may be reused.
    this.#sql.exec(
      `INSERT OR REPLACE INTO idempotency (scope, key, body_digest, result, token_id, created_at, expires_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
      scope,
      request.key,
      request.bodyDigest,
      JSON.stringify(result),
      tokenId,
      nowSeconds,
      nowSeconds + this.#rules[scope].ttlSeconds,
    );
  }

  /** When the next key falls due, if any (unix seconds), for the object's alarm. */
  nextExpiry(): number | null {
    return this.#sql.exec<{ next: number | null }>('SELECT min(expires_at) AS next FROM idempotency').one().next;
  }

  /** Deletes every key past its TTL, whatever its scope. */
  sweep(nowSeconds: number): void {
    this.#sql.exec('DELETE FROM idempotency WHERE expires_at <= ?', nowSeconds);
  }

  /**
   * Runs `work` after any earlier request with the same key in the same scope has finished (`wait`), or
   * returns `in_flight` without running it while one is under way (`refuse`). Without a key, runs it at once.
   */
  async serialize<T>(
    scope: Scope,
    request: IdempotencyRequest | undefined,
    work: () => Promise<T>,
  ): Promise<T | { kind: 'in_flight' }> {
    if (request === undefined) return work();
    // A space cannot occur in a scope or an Idempotency-Key, so the lock names of two scopes never meet.
    const name = `${scope} ${request.key}`;
    if (this.#rules[scope].whileInFlight === 'wait') return this.#locks.run(name, work);
    if (this.#inFlight.has(name)) return { kind: 'in_flight' };
    this.#inFlight.add(name);
    try {
      return await work();
    } finally {
      this.#inFlight.delete(name);
    }
  }
}
