import { runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import type { TokenObject } from '@tessera/protocol';
import { describe, expect, it } from 'vitest';
import { createToken, getToken, VISA, validCard } from '../../test/support/edge';
import { keksWithNewActive, keksWithOnlyNew } from '../../test/support/rotation';
import { getConfig, parseEdgeConfig } from '../config/config';
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
    return decryptCard(keys, merchantId, asToken, { card: stored.card, cvc: stored.cvc });
  });
}

describe('the vault object', () => {
  it('stores the card only as ciphertext that opens to the card under its own binding', async () => {
    const token = await newToken();
    const raw = await runInDurableObject(demoVault(), (_instance, state) => {
      const row = state.storage.sql.exec('SELECT * FROM tokens WHERE id = ?', token.id).one();
      return Object.values(row).map((value) =>
        value instanceof ArrayBuffer ? new TextDecoder().decode(value) : String(value),
      );
    });
    for (const value of raw) {
      expect(value).not.toContain(VISA);
      expect(value).not.toContain('Ada');
      expect(value).not.toBe('987');
    }
    expect(await openStored(token.id)).toEqual({ number: VISA, name: 'Ada Lovelace', cvc: '987' });
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

  it('treats a CVC older than an hour as absent and erases it when read', async () => {
    const token = await newToken();
    expect(token.cvc).toBe('present');
    await runInDurableObject(demoVault(), (_instance, state) => {
      state.storage.sql.exec('UPDATE tokens SET cvc_expires_at = ? WHERE id = ?', 1, token.id);
    });
    const read = (await (await getToken(token.id)).json()) as TokenObject;
    expect(read.cvc).toBe('absent');
    const cvcColumns = await runInDurableObject(demoVault(), (_instance, state) =>
      state.storage.sql.exec('SELECT cvc_iv, cvc_ct, cvc_expires_at FROM tokens WHERE id = ?', token.id).one(),
    );
    expect(cvcColumns).toEqual({ cvc_iv: null, cvc_ct: null, cvc_expires_at: null });
    expect(await openStored(token.id)).toEqual({ number: VISA, name: 'Ada Lovelace' });
  });

  it('erases expired CVCs and tokens in its alarm', async () => {
    const keep = await newToken();
    const expire = await newToken();
    await runInDurableObject(demoVault(), (_instance, state) => {
      state.storage.sql.exec('UPDATE tokens SET cvc_expires_at = 1 WHERE id = ?', keep.id);
      state.storage.sql.exec('UPDATE tokens SET expires_at = 1 WHERE id = ?', expire.id);
    });
    expect(await runDurableObjectAlarm(demoVault())).toBe(true);
    const rows = await runInDurableObject(demoVault(), (_instance, state) =>
      state.storage.sql
        .exec<{ id: string; has_cvc: number }>(
          'SELECT id, cvc_ct IS NOT NULL AS has_cvc FROM tokens WHERE id IN (?, ?)',
          keep.id,
          expire.id,
        )
        .toArray(),
    );
    expect(rows).toEqual([{ id: keep.id, has_cvc: 0 }]);
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
        return { kekKid: keys.kekKid, card: await decryptCard(keys, 'demo', token.id, stored) };
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
