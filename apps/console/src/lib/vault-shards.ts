import { MAX_VAULT_SHARDS } from '@tessera/protocol';

export { MAX_VAULT_SHARDS };

export type ShardsCheck = { ok: true; value: number } | { ok: false; message: string };

/**
 * What the operator typed as a merchant's new shard count, checked before the edge is asked: a whole number above
 * the current count (shards are only ever raised) and at most MAX_VAULT_SHARDS. The edge checks it again.
 */
export function checkRaise(typed: string, current: number): ShardsCheck {
  const text = typed.trim();
  if (!/^\d+$/.test(text)) return { ok: false, message: 'Give a whole number of shards.' };
  const value = Number(text);
  if (value < current) {
    return { ok: false, message: `A vault’s shards can only be raised: it has ${shards(current)}.` };
  }
  if (value === current) return { ok: false, message: `It has ${shards(current)} already: give a higher number.` };
  if (value > MAX_VAULT_SHARDS) return { ok: false, message: `A vault has at most ${MAX_VAULT_SHARDS} shards.` };
  return { ok: true, value };
}

/** `1 shard`, `4 shards`. */
export const shards = (count: number) => `${count} ${count === 1 ? 'shard' : 'shards'}`;
