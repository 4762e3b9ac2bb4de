import type { EdgeConfig } from '../config/config';
import {
  DATA_KEY_ALGORITHM,
  FINGERPRINT_KEY_ALGORITHM,
  generateDataKeys,
  rewrapKey,
  unwrapDataKey,
  unwrapFingerprintKey,
  wrapKey,
} from '../crypto/envelope';

/** One version of a vault's keys, unwrapped (non-extractable) for use. */
export interface VaultKeys {
  version: number;
  /**
   * The KEK that wrapped this version when it was made: part of every record's AAD, so it stays the same when a
   * KEK rotation rewraps the data key under another.
   */
  kekKid: string;
  dataKey: CryptoKey;
  /** The same for every version of a vault, so fingerprints stay comparable across data-key rotation. */
  fingerprintKey: CryptoKey;
}

type DataKeyRow = {
  version: number;
  kek_kid: string;
  aad_kek_kid: string | null;
  wrapped_data_key: ArrayBuffer;
  wrapped_fingerprint_key: ArrayBuffer;
};

/**
 * A vault's data keys: created on first use (wrapped with the active KEK), unwrapped once and kept in memory
 * for the life of the object. Versions let a later data-key rotation keep old records readable.
 */
/** A fingerprint key wrapped by a KEK: how a shard receives its merchant's from the home shard. */
export interface WrappedFingerprintKey {
  kid: string;
  wrapped: ArrayBuffer;
}

export class VaultKeyring {
  readonly #sql: SqlStorage;
  readonly #config: () => Promise<EdgeConfig>;
  readonly #fingerprintFrom: (() => Promise<WrappedFingerprintKey>) | undefined;
  readonly #versions = new Map<number, Promise<VaultKeys>>();
  #current: Promise<VaultKeys> | undefined;

  /**
   * `fingerprintFrom`: for a shard other than the merchant's home one, where its fingerprint key comes from (the
   * home shard), so that a card's fingerprint is the same whichever shard stores it.
   */
  constructor(
    sql: SqlStorage,
    config: () => Promise<EdgeConfig>,
    fingerprintFrom?: () => Promise<WrappedFingerprintKey>,
  ) {
    this.#sql = sql;
    this.#config = config;
    this.#fingerprintFrom = fingerprintFrom;
  }

  /** The keys new records are written with. */
  current(): Promise<VaultKeys> {
    // One promise per object: concurrent first requests share the creation instead of racing it.
    this.#current ??= this.#loadCurrent().catch((error: unknown) => {
      this.#current = undefined;
      throw error;
    });
    return this.#current;
  }

  /** The keys of an older (or the current) version, for reading records. */
  version(version: number): Promise<VaultKeys> {
    let keys = this.#versions.get(version);
    if (keys === undefined) {
      const row = this.#selectRow(version);
      if (row === undefined) return Promise.reject(new Error('vault: unknown data key version'));
      keys = this.#unwrap(row).catch((error: unknown) => {
        this.#versions.delete(version);
        throw error;
      });
      this.#versions.set(version, keys);
    }
    return keys;
  }

  async #loadCurrent(): Promise<VaultKeys> {
    let row = this.#selectRow();
    if (row === undefined) {
      const { keks } = await this.#config();
      const fresh = await generateDataKeys();
      const wrappedData = await wrapKey(fresh.dataKey, keks.active.key);
      const wrappedFingerprint =
        this.#fingerprintFrom === undefined
          ? await wrapKey(fresh.fingerprintKey, keks.active.key)
          : await this.#rewrapToActive(await this.#fingerprintFrom());
      // OR IGNORE: should another creation have won meanwhile, its keys stand and ours are dropped unused.
      this.#sql.exec(
        `INSERT OR IGNORE INTO data_keys (version, kek_kid, aad_kek_kid, wrapped_data_key, wrapped_fingerprint_key,
           created_at)
         VALUES (1, ?, ?, ?, ?, ?)`,
        keks.active.kid,
        keks.active.kid,
        wrappedData.slice().buffer,
        wrappedFingerprint.slice().buffer,
        Math.floor(Date.now() / 1000),
      );
      row = this.#selectRow();
      if (row === undefined) throw new Error('vault: data key was not stored');
    }
    const keys = this.#unwrap(row);
    this.#versions.set(row.version, keys);
    return keys;
  }

  /**
   * This vault's fingerprint key wrapped by the active KEK, for another shard of the same merchant (made first if
   * this vault has no keys yet).
   */
  async sharedFingerprintKey(): Promise<WrappedFingerprintKey> {
    await this.current();
    const row = this.#selectRow();
    if (row === undefined) throw new Error('vault: data key was not stored');
    const { keks } = await this.#config();
    const wrapped = await this.#rewrapToActive({ kid: row.kek_kid, wrapped: row.wrapped_fingerprint_key });
    return { kid: keks.active.kid, wrapped: wrapped.slice().buffer };
  }

  async #rewrapToActive(key: WrappedFingerprintKey): Promise<Uint8Array> {
    const { keks } = await this.#config();
    const bytes = new Uint8Array(key.wrapped);
    if (key.kid === keks.active.kid) return bytes;
    const from = keks.byKid.get(key.kid);
    if (from === undefined) throw new Error('vault: the KEK of a stored data key is not configured');
    return rewrapKey(bytes, from.key, keks.active.key, FINGERPRINT_KEY_ALGORITHM);
  }

  #selectRow(version?: number): DataKeyRow | undefined {
    const columns = 'version, kek_kid, aad_kek_kid, wrapped_data_key, wrapped_fingerprint_key';
    const cursor =
      version === undefined
        ? this.#sql.exec<DataKeyRow>(`SELECT ${columns} FROM data_keys ORDER BY version DESC LIMIT 1`)
        : this.#sql.exec<DataKeyRow>(`SELECT ${columns} FROM data_keys WHERE version = ?`, version);
    return cursor.toArray()[0];
  }

  async #unwrap(row: DataKeyRow): Promise<VaultKeys> {
    const { keks } = await this.#config();
    const kek = keks.byKid.get(row.kek_kid);
    // A retired KEK that still wraps data keys is an operator error: fail loudly rather than lose records.
    if (kek === undefined) throw new Error('vault: the KEK of a stored data key is not configured');
    return {
      version: row.version,
      kekKid: row.aad_kek_kid ?? row.kek_kid,
      dataKey: await unwrapDataKey(new Uint8Array(row.wrapped_data_key), kek.key),
      fingerprintKey: await unwrapFingerprintKey(new Uint8Array(row.wrapped_fingerprint_key), kek.key),
    };
  }

  /**
   * A new data key version (data-key rotation): new records are written under it at once; older ones stay
   * readable under theirs and move to it when next read (see forward-card.ts). The fingerprint key is carried
   * over, rewrapped under the active KEK, so fingerprints stay comparable.
   */
  async rotate(): Promise<number> {
    const current = this.#selectRow();
    if (current === undefined) return (await this.current()).version;
    const { keks } = await this.#config();
    const from = keks.byKid.get(current.kek_kid);
    if (from === undefined) throw new Error('vault: the KEK of a stored data key is not configured');
    const fresh = await generateDataKeys();
    const wrappedData = await wrapKey(fresh.dataKey, keks.active.key);
    const wrappedFingerprint = await rewrapKey(
      new Uint8Array(current.wrapped_fingerprint_key),
      from.key,
      keks.active.key,
      FINGERPRINT_KEY_ALGORITHM,
    );
    const version = current.version + 1;
    this.#sql.exec(
      `INSERT INTO data_keys (version, kek_kid, aad_kek_kid, wrapped_data_key, wrapped_fingerprint_key, created_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
      version,
      keks.active.kid,
      keks.active.kid,
      wrappedData.slice().buffer,
      wrappedFingerprint.slice().buffer,
      Math.floor(Date.now() / 1000),
    );
    this.#current = undefined;
    return version;
  }

  /**
   * Rewraps every data key not under `target` (KEK rotation). Each version's unwrapped keys in memory stay valid:
   * only their wrapping changes. Returns how many were rewrapped.
   */
  async rewrapAll(target: string): Promise<number> {
    const { keks } = await this.#config();
    const to = keks.byKid.get(target);
    if (to === undefined) throw new Error('vault: the target KEK is not configured');
    const rows = this.#sql
      .exec<DataKeyRow>(
        `SELECT version, kek_kid, aad_kek_kid, wrapped_data_key, wrapped_fingerprint_key FROM data_keys
         WHERE kek_kid != ?`,
        target,
      )
      .toArray();
    for (const row of rows) {
      const from = keks.byKid.get(row.kek_kid);
      if (from === undefined) throw new Error('vault: the KEK of a stored data key is not configured');
      const data = await rewrapKey(new Uint8Array(row.wrapped_data_key), from.key, to.key, DATA_KEY_ALGORITHM);
      const fingerprint = await rewrapKey(
        new Uint8Array(row.wrapped_fingerprint_key),
        from.key,
        to.key,
        FINGERPRINT_KEY_ALGORITHM,
      );
      // Only if nobody rewrapped it meanwhile: two rotations racing leave one result, never a mix.
      this.#sql.exec(
        `UPDATE data_keys SET kek_kid = ?, wrapped_data_key = ?, wrapped_fingerprint_key = ?
         WHERE version = ? AND kek_kid = ?`,
        target,
        data.slice().buffer,
        fingerprint.slice().buffer,
        row.version,
        row.kek_kid,
      );
    }
    return rows.length;
  }

  /** How many data key versions each KEK wraps. */
  usage(): Record<string, number> {
    const rows = this.#sql
      .exec<{ kek_kid: string; n: number }>('SELECT kek_kid, count(*) AS n FROM data_keys GROUP BY kek_kid')
      .toArray();
    return Object.fromEntries(rows.map((row) => [row.kek_kid, row.n]));
  }
}
