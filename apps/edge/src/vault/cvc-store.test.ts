import { describe, expect, it } from 'vitest';
import { CvcStore } from './cvc-store';

describe('the CVC store', () => {
  it('holds a CVC until it expires, then forgets it', () => {
    const store = new CvcStore();
    store.put('tok_a', '123', 1_000, 0);
    expect(store.get('tok_a', 999)).toBe('123');
    expect(store.has('tok_a', 999)).toBe(true);
    expect(store.get('tok_a', 1_000)).toBeUndefined();
    expect(store.size).toBe(0);
  });

  it('erases on demand, and sweeps every expired CVC at once', () => {
    const store = new CvcStore();
    store.put('tok_a', '111', 10, 0);
    store.put('tok_b', '222', 20, 0);
    store.put('tok_c', '333', 30, 0);
    store.erase('tok_b');
    expect(store.get('tok_b', 0)).toBeUndefined();
    store.sweep(25);
    expect([store.get('tok_a', 0), store.get('tok_c', 0), store.size]).toEqual([undefined, '333', 1]);
  });

  it('drops the oldest CVCs past its bound, so memory stays bounded', () => {
    const store = new CvcStore(2);
    store.put('tok_a', '111', 100, 0);
    store.put('tok_b', '222', 100, 0);
    store.put('tok_c', '333', 100, 0);
    expect([store.get('tok_a', 1), store.get('tok_b', 1), store.get('tok_c', 1)]).toEqual([undefined, '222', '333']);
    expect(() => new CvcStore(0)).toThrow(RangeError);
  });
});
