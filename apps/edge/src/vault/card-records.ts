import type { ValidatedCard } from '@tessera/protocol';
import { decryptRecord, type EncryptedRecord, encryptRecord, recordAad } from '../crypto/records';
import { decodeUtf8, utf8 } from '../lib/encoding';
import type { VaultKeys } from './vault-keys';

/** What the card ciphertext holds; expiry and brand are kept in the clear beside it, the CVC never (cvc-store.ts). */
export interface CardSecret {
  number: string;
  name?: string;
  postalCode?: string;
}

/**
 * Encrypts a card for a token: number, name and postal code in one record, bound (AAD) to merchant, token, key
 * version and kind. The CVC is not in it: it never reaches storage.
 */
export async function encryptCard(
  keys: VaultKeys,
  merchantId: string,
  tokenId: string,
  card: ValidatedCard,
): Promise<EncryptedRecord> {
  const secret: CardSecret = { number: card.number };
  if (card.name !== undefined) secret.name = card.name;
  if (card.postalCode !== undefined) secret.postalCode = card.postalCode;
  return encryptSecret(keys, merchantId, tokenId, secret);
}

/** Encrypts what a card record holds, bound to its merchant, token and key version. */
export function encryptSecret(
  keys: VaultKeys,
  merchantId: string,
  tokenId: string,
  secret: CardSecret,
): Promise<EncryptedRecord> {
  const binding = { merchantId, tokenId, keyVersion: keys.version, kekKid: keys.kekKid };
  return encryptRecord(keys.dataKey, utf8(JSON.stringify(secret)), recordAad({ ...binding, kind: 'card' }));
}

/** Decrypts a token's card record; throws when it was tampered with or moved. */
export async function decryptCard(
  keys: VaultKeys,
  merchantId: string,
  tokenId: string,
  record: EncryptedRecord,
): Promise<CardSecret> {
  const binding = { merchantId, tokenId, keyVersion: keys.version, kekKid: keys.kekKid };
  return JSON.parse(
    decodeUtf8(await decryptRecord(keys.dataKey, record, recordAad({ ...binding, kind: 'card' }))),
  ) as CardSecret;
}
