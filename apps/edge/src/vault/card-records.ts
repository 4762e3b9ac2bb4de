import type { ValidatedCard } from '@tessera/protocol';
import { decryptRecord, type EncryptedRecord, encryptRecord, recordAad } from '../crypto/records';
import { decodeUtf8, utf8 } from '../lib/encoding';
import type { VaultKeys } from './vault-keys';

/** What the card ciphertext holds; expiry and brand are kept in the clear beside it, the CVC apart. */
export interface CardSecret {
  number: string;
  name?: string;
  postalCode?: string;
}

export interface CardRecords {
  card: EncryptedRecord;
  cvc: EncryptedRecord | undefined;
}

/**
 * Encrypts a card for a token: number, name and postal code in one record, the CVC in another so it can be
 * erased on its own. Both are bound (AAD) to merchant, token, key version and kind.
 */
export async function encryptCard(
  keys: VaultKeys,
  merchantId: string,
  tokenId: string,
  card: ValidatedCard,
): Promise<CardRecords> {
  const binding = { merchantId, tokenId, keyVersion: keys.version, kekKid: keys.kekKid };
  const secret: CardSecret = { number: card.number };
  if (card.name !== undefined) secret.name = card.name;
  if (card.postalCode !== undefined) secret.postalCode = card.postalCode;
  const cardRecord = await encryptRecord(
    keys.dataKey,
    utf8(JSON.stringify(secret)),
    recordAad({ ...binding, kind: 'card' }),
  );
  const cvcRecord =
    card.cvc === undefined
      ? undefined
      : await encryptRecord(keys.dataKey, utf8(card.cvc), recordAad({ ...binding, kind: 'cvc' }));
  return { card: cardRecord, cvc: cvcRecord };
}

/** Decrypts a token's records; throws when a record was tampered with or moved. */
export async function decryptCard(
  keys: VaultKeys,
  merchantId: string,
  tokenId: string,
  records: CardRecords,
): Promise<CardSecret & { cvc?: string }> {
  const binding = { merchantId, tokenId, keyVersion: keys.version, kekKid: keys.kekKid };
  const secret = JSON.parse(
    decodeUtf8(await decryptRecord(keys.dataKey, records.card, recordAad({ ...binding, kind: 'card' }))),
  ) as CardSecret;
  if (records.cvc === undefined) return secret;
  const cvc = decodeUtf8(await decryptRecord(keys.dataKey, records.cvc, recordAad({ ...binding, kind: 'cvc' })));
  return { ...secret, cvc };
}
