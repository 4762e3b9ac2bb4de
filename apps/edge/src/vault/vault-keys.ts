import type { EdgeConfig } from '../config/config';
import { generateDataKeys, unwrapDataKey, unwrapFingerprintKey, wrapKey } from '../crypto/envelope';

/** One version of a vault's keys, unwrapped (non-extractable) for use. */
export interface VaultKeys {
  version: number;
  /** The KEK that wraps this version; part of every record's AAD. */
  kekKid: string;
  dataKey: CryptoKey;
  /** The same for every version of a vault, so fingerprints stay comparable across data-key rotation. */
  fingerprintKey: CryptoKey;
}

type DataKeyRow = {
  version: number;
  kek_kid: string;
  wrapped_data_key: ArrayBuffer;
  wrapped_fingerprint_key: ArrayBuffer;
};

/**
 * A vault's data keys: created on first use (wrapped with the active KEK), unwrapped once and kept in memory
 * for the life of the object. Versions let a later data-key rotation keep old records readable.
 */
export class VaultKeyring {
  readonly #sql: SqlStorage;
  readonly #config: () => Promise<EdgeConfig>;
  readonly #versions = new Map<number, Promise<VaultKeys>>();
  #current: Promise<VaultKeys> | undefined;

  constructor(sql: SqlStorage, config: () => Promise<EdgeConfig>) {
    this.#sql = sql;
    this.#config = config;
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
      const wrappedFingerprint = await wrapKey(fresh.fingerprintKey, keks.active.key);
      // OR IGNORE: should another creation have won meanwhile, its keys stand and ours are dropped unused.
      this.#sql.exec(
        `INSERT OR IGNORE INTO data_keys (version, kek_kid, wrapped_data_key, wrapped_fingerprint_key, created_at)
         VALUES (1, ?, ?, ?, ?)`,
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

  #selectRow(version?: number): DataKeyRow | undefined {
    const columns = 'version, kek_kid, wrapped_data_key, wrapped_fingerprint_key';
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
      kekKid: row.kek_kid,
      dataKey: await unwrapDataKey(new Uint8Array(row.wrapped_data_key), kek.key),
      fingerprintKey: await unwrapFingerprintKey(new Uint8Array(row.wrapped_fingerprint_key), kek.key),
    };
  }
}
