import { randomId } from '../lib/encoding';

/** Token ids: 16 random bytes (128 bits), nothing derived from the card. */
export const newTokenId = (): string => randomId('tok', 16);

/** A token id in the form the vault issues; anything else cannot exist and is not worth a vault round trip. */
const TOKEN_ID = /^tok_[A-Za-z0-9_-]{22,64}$/;

/** Whether a string could be a token id the vault issued. */
export const isTokenId = (id: string): boolean => TOKEN_ID.test(id);
