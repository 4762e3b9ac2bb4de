import { describe, expect, it } from 'vitest';
import { checkRaise, MAX_VAULT_SHARDS, shards } from './vault-shards';

describe('raising a vault’s shards', () => {
  it('takes a whole number above the current count, up to the most a vault can have', () => {
    expect(checkRaise('4', 1)).toEqual({ ok: true, value: 4 });
    expect(checkRaise(' 2 ', 1)).toEqual({ ok: true, value: 2 });
    expect(checkRaise(String(MAX_VAULT_SHARDS), 32)).toEqual({ ok: true, value: 64 });
  });

  it('refuses a lower count, the same count, too many, and what is not a whole number, saying why', () => {
    expect(checkRaise('2', 4)).toEqual({ ok: false, message: 'A vault’s shards can only be raised: it has 4 shards.' });
    expect(checkRaise('4', 4)).toEqual({ ok: false, message: 'It has 4 shards already: give a higher number.' });
    expect(checkRaise('1', 1)).toEqual({ ok: false, message: 'It has 1 shard already: give a higher number.' });
    expect(checkRaise('65', 1)).toEqual({ ok: false, message: 'A vault has at most 64 shards.' });
    expect(checkRaise('1000', 1)).toEqual({ ok: false, message: 'A vault has at most 64 shards.' });
    for (const typed of ['', '2.5', '-3', 'four', '1e1']) {
      expect(checkRaise(typed, 1)).toEqual({ ok: false, message: 'Give a whole number of shards.' });
    }
  });

  it('counts shards in words', () => {
    expect([shards(1), shards(4)]).toEqual(['1 shard', '4 shards']);
  });
});
