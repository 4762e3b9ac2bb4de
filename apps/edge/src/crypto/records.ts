import { utf8 } from '../lib/encoding';

/** One AES-256-GCM record as stored: a random 96-bit IV and the ciphertext with its 128-bit tag. */
export interface EncryptedRecord {
  iv: Uint8Array;
  ciphertext: Uint8Array;
}

export type RecordKind = 'card' | 'cvc';

export interface RecordBinding {
  merchantId: string;
  tokenId: string;
  keyVersion: number;
  kekKid: string;
  kind: RecordKind;
}

/**
 * The additional authenticated data of a record. It binds the ciphertext to its merchant, token, key version
 * and kind, so a record copied to another row, merchant or field fails to decrypt instead of opening.
 * None of the parts can contain `|` (ids are checked where they are made or configured).
 */
export const recordAad = (b: RecordBinding): Uint8Array =>
  utf8(`tessera/v1|${b.merchantId}|${b.tokenId}|${b.keyVersion}|${b.kekKid}|${b.kind}`);

/** Encrypts with a fresh random 96-bit IV; one key never sees the same IV twice in practice (2^-32 after 2^32). */
export async function encryptRecord(key: CryptoKey, plaintext: Uint8Array, aad: Uint8Array): Promise<EncryptedRecord> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ciphertext = new Uint8Array(
    await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: aad, tagLength: 128 }, key, plaintext),
  );
  return { iv, ciphertext };
}

/** Decrypts and authenticates a record; throws (WebCrypto's OperationError) when anything was changed. */
export async function decryptRecord(key: CryptoKey, record: EncryptedRecord, aad: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(
    await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: record.iv, additionalData: aad, tagLength: 128 },
      key,
      record.ciphertext,
    ),
  );
}
