import { runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import type { TokenObject } from '@tessera/protocol';
import { describe, expect, it } from 'vitest';
import { createToken, getToken, VISA, validCard } from '../../test/support/edge';
import { keksWithNewActive, keksWithOnlyNew } from '../../test/support/rotation';
import { getConfig, parseEdgeConfig } from '../config/config';
import { DEFAULT_VELOCITY } from '../config/velocity-rules';
import { importKek } from '../crypto/envelope';
import { decryptCard } from './card-records';
import { selectCardRecord } from './token-store';
import type { AuditContext } from './types';
import { VaultKeyring } from './vault-keys';
import type { VaultObject } from './vault-object';

// The vault itself, inside its Durable Object: what is stored, how it is bound, and how it expires.

const demoVault = () => env.VAULT.get(env.VAULT.idFromName('demo'));
const audit: AuditContext = { keyId: 'key_test', clientIp: null, requestId: 'req_test' };

/** A new token, read whole with the secret key (the create answer carries only what a field page shows). */
async function newToken(card = validCard({ cvc: '987', name: 'Ada Lovelace' })): Promise<TokenObject> {
  const res = await createToken(card);
  expect(res.status).toBe(200);
  const { id } = (await res.json()) as { id: string };
  return (await (await getToken(id)).json()) as TokenObject;
}

/** Reads a token's stored records and decrypts them with the vault's own keys, as forwarding will. */
function openStored(tokenId: string, asToken = tokenId, merchantId = 'demo') {
  return runInDurableObject(demoVault(), async (_instance, state) => {
    const stored = selectCardRecord(state.storage.sql, tokenId);
    if (stored === null) return null;
    const keys = await new VaultKeyring(state.storage.sql, () => getConfig(env)).version(stored.keyVersion);
    return decryptCard(keys, merchantId, asToken, stored.card);
  });
}

describe('the vault object', () => {
  it('stores the card only as ciphertext that opens to the card under its own binding, and the CVC nowhere', async () => {
    const token = await newToken();
    expect(token.cvc).toBe('present');
    const raw = await runInDurableObject(demoVault(), (_instance, state) => {
      const tables = state.storage.sql
        .exec<{ name: string }>(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_%' ESCAPE '\\'",
        )
        .toArray();
      return tables.flatMap(({ name }) =>
        state.storage.sql
          .exec(`SELECT * FROM ${name}`)
          .toArray()
          .flatMap((row) =>
            Object.entries(row).map(([column, value]) => ({
              column,
              text: value instanceof ArrayBuffer ? new TextDecoder().decode(value) : String(value),
            })),
          ),
      );
    });
    expect(raw.filter(({ column }) => column.includes('cvc'))).toEqual([]);
    for (const { text } of raw) {
      expect(text).not.toContain(VISA);
      expect(text).not.toContain('Ada');
      expect(text).not.toMatch(/(?<![0-9A-Za-z_-])987(?![0-9A-Za-z_-])/);
    }
    expect(await openStored(token.id)).toEqual({ number: VISA, name: 'Ada Lovelace' });
  });

  it("refuses to open a record under another token's or merchant's binding (AAD)", async () => {
    const token = await newToken();
    const other = await newToken();
    await expect(openStored(token.id, other.id)).rejects.toThrow();
    await expect(openStored(token.id, token.id, 'other')).rejects.toThrow();
  });

  it('keeps its data keys only wrapped by the active KEK', async () => {
    await newToken();
    const config = await getConfig(env);
    const row = await runInDurableObject(demoVault(), (_instance, state) =>
      state.storage.sql
        .exec<{ kek_kid: string; wrapped_data_key: ArrayBuffer }>('SELECT kek_kid, wrapped_data_key FROM data_keys')
        .toArray(),
    );
    expect(row).toHaveLength(1);
    expect(row[0]!.kek_kid).toBe(config.keks.active.kid);
    expect(row[0]!.wrapped_data_key.byteLength).toBe(40); // 32 key bytes + the 8-byte AES-KW check block
    const wrongKek = await importKek(crypto.getRandomValues(new Uint8Array(32)));
    await expect(
      crypto.subtle.unwrapKey('raw', row[0]!.wrapped_data_key, wrongKek, 'AES-KW', 'AES-GCM', false, ['decrypt']),
    ).rejects.toThrow();
  });

  it('loses every CVC when the object restarts: none of them was ever in its storage', async () => {
    const token = await newToken();
    expect(token.cvc).toBe('present');
    await runInDurableObject(demoVault(), (_instance, state) => {
      // What a deploy, an eviction or a crash does to the object: a new instance over the same storage.
      state.abort('restart');
    }).catch(() => {});
    const read = (await (await getToken(token.id)).json()) as TokenObject;
    expect(read.cvc).toBe('absent');
    expect(await openStored(token.id)).toEqual({ number: VISA, name: 'Ada Lovelace' });
  });

  it('erases expired tokens and idempotency keys in its alarm', async () => {
    const keep = await newToken();
    const expire = await newToken();
    await runInDurableObject(demoVault(), async (_instance, state) => {
      await state.storage.setAlarm(Date.now() + 60_000);
      state.storage.sql.exec('UPDATE tokens SET expires_at = 1 WHERE id = ?', expire.id);
      state.storage.sql.exec(
        `INSERT INTO idempotency (scope, key, body_digest, result, token_id, created_at, expires_at)
         VALUES ('tokens.create', 'old-key', 'x', '{}', ?, 0, 1)`,
        keep.id,
      );
    });
    expect(await runDurableObjectAlarm(demoVault())).toBe(true);
    const left = await runInDurableObject(demoVault(), (_instance, state) => ({
      tokens: state.storage.sql
        .exec<{ id: string }>('SELECT id FROM tokens WHERE id IN (?, ?)', keep.id, expire.id)
        .toArray(),
      keys: state.storage.sql.exec("SELECT key FROM idempotency WHERE key = 'old-key'").toArray(),
    }));
    expect(left).toEqual({ tokens: [{ id: keep.id }], keys: [] });
    expect((await getToken(expire.id)).status).toBe(404);
  });

  it('answers null for an expired token and erases it on read', async () => {
    const token = await newToken();
    await runInDurableObject(demoVault(), (_instance, state) => {
      state.storage.sql.exec('UPDATE tokens SET expires_at = 1 WHERE id = ?', token.id);
    });
    expect(await demoVault().readToken('demo', token.id, audit)).toBeNull();
    expect(await openStored(token.id)).toBeNull();
  });

  // These two call the object's methods in its own context (not over RPC), so the test sees the rejection itself.
  it('refuses calls for another merchant than the one it was created for', async () => {
    await newToken();
    await runInDurableObject(demoVault(), async (instance: VaultObject) => {
      await expect(instance.readToken('other', 'tok_aaaaaaaaaaaaaaaaaaaaaa', audit)).rejects.toThrow(/merchant/);
    });
  });

  it('writes a token, its idempotency row and its event together, or none of them', async () => {
    await newToken();
    await runInDurableObject(demoVault(), async (instance: VaultObject, state) => {
      const sql = state.storage.sql;
      const count = () =>
        ['tokens', 'idempotency', 'events'].map(
          (t) => sql.exec<{ n: number }>(`SELECT count(*) AS n FROM ${t}`).one().n,
        );
      const before = count();
      // A storage fault at the last write of the transaction: the audit event cannot be written.
      sql.exec("CREATE TRIGGER refuse_events BEFORE INSERT ON events BEGIN SELECT RAISE(ABORT, 'refused'); END");
      try {
        const input = {
          merchantId: 'demo',
          card: { ...validCard(), brand: 'visa' as const },
          idempotency: { key: 'atomic-1', bodyDigest: 'a'.repeat(64) },
          audit,
          velocity: DEFAULT_VELOCITY,
        };
        await expect(instance.createToken(input)).rejects.toThrow(/refused/);
      } finally {
        sql.exec('DROP TRIGGER refuse_events');
      }
      expect(count()).toEqual(before);
    });
  });

  describe('KEK rotation', () => {
    const configWith = (keks: string) => () => parseEdgeConfig({ ...env, TESSERA_KEKS: keks });

    it('keeps opening records whose data key an older KEK wrapped, once a new KEK is active', async () => {
      const token = await newToken();
      const configuredKid = (JSON.parse(env.TESSERA_KEKS) as { kid: string }[])[0]!.kid;
      const opened = await runInDurableObject(demoVault(), async (_instance, state) => {
        const stored = selectCardRecord(state.storage.sql, token.id)!;
        const ring = new VaultKeyring(state.storage.sql, configWith(keksWithNewActive()));
        const keys = await ring.version(stored.keyVersion);
        return { kekKid: keys.kekKid, card: await decryptCard(keys, 'demo', token.id, stored.card) };
      });
      expect(opened.kekKid).toBe(configuredKid);
      expect(opened.card.number).toBe(VISA);
    });

    it('wraps the data keys of a new vault with the active KEK', async () => {
      const kid = await runInDurableObject(
        env.VAULT.get(env.VAULT.idFromName('kek-rotation-new')),
        async (_i, state) => {
          const keys = await new VaultKeyring(state.storage.sql, configWith(keksWithNewActive('kek_new'))).current();
          const row = state.storage.sql.exec<{ kek_kid: string }>('SELECT kek_kid FROM data_keys').one();
          return [keys.kekKid, row.kek_kid];
        },
      );
      expect(kid).toEqual(['kek_new', 'kek_new']);
    });

    it('refuses loudly, rather than reading garbage, when the KEK of a stored data key was retired', async () => {
      const token = await newToken();
      await runInDurableObject(demoVault(), async (_instance, state) => {
        const stored = selectCardRecord(state.storage.sql, token.id)!;
        const ring = new VaultKeyring(state.storage.sql, configWith(keksWithOnlyNew()));
        await expect(ring.version(stored.keyVersion)).rejects.toThrow(/KEK of a stored data key is not configured/);
      });
    });
  });
});
