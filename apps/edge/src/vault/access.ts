/** A key's state as the operator registry last told this vault: revoked, or expiring at a time. */
export interface KeyAccess {
  hash: string;
  expiresAt: number | null;
  revokedAt: number | null;
}

export interface MerchantAccess {
  status: 'active' | 'suspended';
  keys: KeyAccess[];
}

/** Thrown by the vault when a request's key may no longer act; the app answers 401 or 403 (errors/problem.ts). */
export class AccessRefused extends Error {
  override readonly name = 'AccessRefused';
  constructor(readonly reason: 'key_refused' | 'merchant_suspended') {
    super(`tessera:${reason}`);
  }
}

/**
 * The vault's own say on who may act for its merchant: the operator's revocations, key expiries and a
 * suspension, pushed by the registry when they change and checked on every request that touches a card, so
 * they take effect on the very next request whatever an isolate's cached configuration says. Kept in SQLite,
 * read once into memory.
 */
export class AccessList {
  readonly #sql: SqlStorage;
  #status: MerchantAccess['status'] | undefined;
  #keys: Map<string, KeyAccess> | undefined;

  constructor(sql: SqlStorage) {
    this.#sql = sql;
  }

  /** Throws AccessRefused when the key or the merchant may not act now. */
  check(keyHash: string | undefined, nowSeconds: number): void {
    this.#load();
    if (this.#status === 'suspended') throw new AccessRefused('merchant_suspended');
    if (keyHash === undefined) return;
    const key = this.#keys?.get(keyHash);
    if (key === undefined) return;
    if (key.revokedAt !== null || (key.expiresAt !== null && key.expiresAt <= nowSeconds)) {
      throw new AccessRefused('key_refused');
    }
  }

  /** Replaces what the vault knows: call inside a transaction. */
  set(access: MerchantAccess): void {
    this.#sql.exec(
      "INSERT INTO vault_meta (name, value) VALUES ('status', ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
      access.status,
    );
    this.#sql.exec('DELETE FROM access_keys');
    for (const key of access.keys) {
      this.#sql.exec(
        'INSERT INTO access_keys (key_hash, expires_at, revoked_at) VALUES (?, ?, ?)',
        key.hash,
        key.expiresAt,
        key.revokedAt,
      );
    }
    this.#status = access.status;
    this.#keys = new Map(access.keys.map((key) => [key.hash, key]));
  }

  #load(): void {
    if (this.#keys !== undefined) return;
    const status = this.#sql
      .exec<{ value: string }>("SELECT value FROM vault_meta WHERE name = 'status'")
      .toArray()[0]?.value;
    this.#status = status === 'suspended' ? 'suspended' : 'active';
    const rows = this.#sql
      .exec<{ key_hash: string; expires_at: number | null; revoked_at: number | null }>('SELECT * FROM access_keys')
      .toArray();
    this.#keys = new Map(
      rows.map((r) => [r.key_hash, { hash: r.key_hash, expiresAt: r.expires_at, revokedAt: r.revoked_at }]),
    );
  }
}
