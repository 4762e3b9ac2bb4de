import { randomId } from '../lib/encoding';

/**
 * Token ids: 16 random bytes (128 bits), nothing derived from the card. A token stored in shard `k > 0` of its
 * merchant's vault says so, `tok_s<k>_<random>`, so reads, forwards and deletes go straight to it; shard 0 (every
 * vault before sharding, and the home shard after) keeps the plain form. The two cannot be confused: the random
 * part is always 22 characters, so a plain id is exactly 22 characters long and a sharded one longer.
 */
export const newTokenId = (shard = 0): string => (shard === 0 ? randomId('tok', 16) : randomId(`tok_s${shard}`, 16));

/** A token id in the form the vault issues; anything else cannot exist and is not worth a vault round trip. */
const TOKEN_ID = /^tok_[A-Za-z0-9_-]{22,64}$/;
const SHARDED = /^tok_s([1-9][0-9]?)_[A-Za-z0-9_-]{22}$/;

/** Whether a string could be a token id the vault issued. */
export const isTokenId = (id: string): boolean => TOKEN_ID.test(id);

/** The shard a token id names (0 for the plain form, and for anything that is not a sharded id). */
export function shardOfToken(id: string): number {
  const shard = SHARDED.exec(id)?.[1];
  return shard === undefined ? 0 : Number(shard);
}
