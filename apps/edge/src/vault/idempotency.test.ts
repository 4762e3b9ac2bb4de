import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { IdempotencyStore } from './idempotency';

// The one idempotency mechanism, on a vault of its own, with rules made for the test: one scope that waits for
// a duplicate in flight and one that refuses it.

const RULES = {
  waits: { ttlSeconds: 60, whileInFlight: 'wait' },
  refuses: { ttlSeconds: 60, whileInFlight: 'refuse' },
} as const;

const withStore = <T>(name: string, test: (store: IdempotencyStore<keyof typeof RULES>, sql: SqlStorage) => T) =>
  runInDurableObject(env.VAULT.get(env.VAULT.idFromName(name)), (_instance, state) =>
    test(new IdempotencyStore(state.storage.sql, RULES), state.storage.sql),
  );

const request = { key: 'key-1', bodyDigest: 'a'.repeat(64) };

describe('the idempotency store', () => {
  it('replays the first result of a key, refuses other bytes, and forgets it after the TTL', async () => {
    await withStore('idempotency-recall', (store, sql) => {
      expect(store.recall('waits', request, 1000)).toEqual({ kind: 'new' });
      store.remember('waits', request, { answer: 42 }, 'tok_a', 1000);
      expect(store.recall('waits', request, 1059)).toEqual({ kind: 'replay', stored: { answer: 42 } });
      expect(store.recall('waits', { ...request, bodyDigest: 'b'.repeat(64) }, 1059)).toEqual({ kind: 'conflict' });
      expect(store.recall('waits', request, 1060)).toEqual({ kind: 'new' });
      // A key past its TTL may be used again.
      store.remember('waits', request, { answer: 43 }, 'tok_a', 1060);
      expect(store.recall('waits', request, 1061)).toEqual({ kind: 'replay', stored: { answer: 43 } });
      store.sweep(1120);
      expect(sql.exec('SELECT count(*) AS n FROM idempotency WHERE key = ?', request.key).one().n).toBe(0);
    });
  });

  it('keeps scopes apart: one key in two scopes is two keys', async () => {
    await withStore('idempotency-scopes', (store) => {
      store.remember('waits', request, 'first', 'tok_a', 1000);
      expect(store.recall('refuses', request, 1000)).toEqual({ kind: 'new' });
      store.remember('refuses', { ...request, bodyDigest: 'b'.repeat(64) }, 'second', 'tok_b', 1000);
      expect(store.recall('waits', request, 1000)).toEqual({ kind: 'replay', stored: 'first' });
    });
  });

  it('runs duplicates one after another where the rule waits, and refuses one in flight where it refuses', async () => {
    await withStore('idempotency-serialize', async (store) => {
      const order: string[] = [];
      let release!: () => void;
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      const slow = (name: string) => async () => {
        order.push(`${name} start`);
        await gate;
        order.push(`${name} end`);
        return name;
      };

      const first = store.serialize('waits', request, slow('first'));
      const second = store.serialize('waits', request, async () => {
        order.push('second start');
        return 'second';
      });
      const refusedFirst = store.serialize('refuses', request, slow('refusing first'));
      const refused = await store.serialize('refuses', request, async () => 'never');
      expect(refused).toEqual({ kind: 'in_flight' });
      // Without a key nothing is serialised.
      expect(await store.serialize('waits', undefined, async () => 'no key')).toBe('no key');

      release();
      expect(await Promise.all([first, second, refusedFirst])).toEqual(['first', 'second', 'refusing first']);
      expect(order.indexOf('second start')).toBeGreaterThan(order.indexOf('first end'));
      // Once the first is done, the key is free again.
      expect(await store.serialize('refuses', request, async () => 'later')).toBe('later');
    });
  });
});
