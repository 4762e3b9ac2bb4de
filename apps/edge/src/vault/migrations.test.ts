import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { DEFAULT_VELOCITY } from '../config/velocity-rules';
import { verifyTrail } from './audit/queries';
import { migrate, VAULT_MIGRATIONS } from './migrations';
import type { AuditContext, ForwardInput } from './types';
import type { VaultObject } from './vault-object';

// The vault's schema migrations, run on vaults of their own so no other test's rows are touched.

const vaultNamed = (name: string) => env.VAULT.get(env.VAULT.idFromName(name));
const audit: AuditContext = { keyId: 'key_test', clientIp: null, requestId: 'req_test' };

/** The tables of a vault made before numbered migrations existed, with the earliest events (no host, status). */
const LEGACY_SCHEMA = `
CREATE TABLE vault_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE data_keys (version INTEGER PRIMARY KEY, kek_kid TEXT NOT NULL, wrapped_data_key BLOB NOT NULL,
  wrapped_fingerprint_key BLOB NOT NULL, created_at INTEGER NOT NULL);
CREATE TABLE tokens (id TEXT PRIMARY KEY, created_at INTEGER NOT NULL, expires_at INTEGER, brand TEXT NOT NULL,
  bin TEXT NOT NULL, last4 TEXT NOT NULL, exp_month INTEGER NOT NULL, exp_year INTEGER NOT NULL,
  fingerprint TEXT NOT NULL, key_version INTEGER NOT NULL REFERENCES data_keys(version), card_iv BLOB NOT NULL,
  card_ct BLOB NOT NULL, cvc_iv BLOB, cvc_ct BLOB, cvc_expires_at INTEGER);
CREATE TABLE idempotency_keys (key TEXT PRIMARY KEY, body_digest TEXT NOT NULL, response TEXT NOT NULL,
  created_at INTEGER NOT NULL);
CREATE TABLE forward_idempotency_keys (key TEXT PRIMARY KEY, body_digest TEXT NOT NULL, token_id TEXT NOT NULL,
  host TEXT NOT NULL, status INTEGER, outcome TEXT NOT NULL, created_at INTEGER NOT NULL);
CREATE TABLE events (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, created_at_ms INTEGER NOT NULL,
  action TEXT NOT NULL, token_id TEXT, key_id TEXT NOT NULL, client_ip TEXT, request_id TEXT NOT NULL);
`;

const tables = (sql: SqlStorage) =>
  sql
    .exec<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_%' ESCAPE '\\'")
    .toArray()
    .map((r) => r.name)
    .filter((n) => n !== 'sqlite_sequence')
    .sort();

/** Empties a vault's database, so a test can lay down an older schema. */
function dropAll(sql: SqlStorage) {
  for (const name of tables(sql)) sql.exec(`DROP TABLE ${name}`);
}

describe('vault migrations', () => {
  it('start a new vault at the newest version, and a second run changes nothing', async () => {
    await runInDurableObject(vaultNamed('migrations-new'), (_instance, state) => {
      const sql = state.storage.sql;
      const versions = () => sql.exec<{ version: number }>('SELECT version FROM schema_migrations').toArray();
      expect(versions()).toEqual(VAULT_MIGRATIONS.map(({ version }) => ({ version })));
      expect(migrate(state.storage)).toEqual({ from: VAULT_MIGRATIONS.length, to: VAULT_MIGRATIONS.length });
      expect(versions()).toHaveLength(VAULT_MIGRATIONS.length);
      expect(tables(sql)).toEqual([
        'access_keys',
        'data_keys',
        'events',
        'idempotency',
        'mandates',
        'schema_migrations',
        'tokens',
        'vault_meta',
        'vault_tokens',
        'webhook_outbox',
      ]);
    });
  });

  it('bring a vault made before numbered migrations up to date and keep its idempotency keys replaying', async () => {
    const token = {
      id: 'tok_legacylegacylegacyleg',
      object: 'token',
      type: 'card',
      created: 1,
      card: { brand: 'visa', last4: '4242', bin: '424242', expMonth: 12, expYear: 2030, fingerprint: 'fp_x' },
      cvc: 'absent',
    };
    const forwarded = { ok: true, response: { status: 201, headers: {}, body: '{"paid":true}' }, replayed: false };
    const now = Math.floor(Date.now() / 1000);
    await runInDurableObject(vaultNamed('migrations-legacy'), async (instance: VaultObject, state) => {
      const sql = state.storage.sql;
      dropAll(sql);
      sql.exec('DROP TABLE IF EXISTS schema_migrations');
      sql.exec(LEGACY_SCHEMA);
      sql.exec(
        'INSERT INTO idempotency_keys (key, body_digest, response, created_at) VALUES (?, ?, ?, ?)',
        'create-1',
        'c'.repeat(64),
        JSON.stringify(token),
        now,
      );
      sql.exec(
        `INSERT INTO forward_idempotency_keys (key, body_digest, token_id, host, status, outcome, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
        'forward-1',
        'f'.repeat(64),
        token.id,
        'processor.test',
        201,
        JSON.stringify(forwarded),
        now,
      );

      for (const [seq, action] of [
        [3, 'token.created'],
        [7, 'token.read'],
      ] as const) {
        sql.exec(
          `INSERT INTO events (seq, id, created_at_ms, action, token_id, key_id, client_ip, request_id)
           VALUES (?, ?, ?, ?, ?, 'key_legacy', NULL, 'req_legacy')`,
          seq,
          `evt_legacy${seq}`,
          now * 1000,
          action,
          token.id,
        );
      }

      expect(migrate(state.storage)).toEqual({ from: 0, to: VAULT_MIGRATIONS.length });
      // Events written before the chain are numbered from 1 and chained, so the trail verifies from its start.
      expect(verifyTrail(sql)).toMatchObject({ ok: true, count: 2, head: { id: 'evt_legacy7', count: 2 } });
      expect(tables(sql)).toEqual([
        'access_keys',
        'data_keys',
        'events',
        'idempotency',
        'mandates',
        'schema_migrations',
        'tokens',
        'vault_meta',
        'vault_tokens',
        'webhook_outbox',
      ]);
      const columns = sql.exec<{ name: string }>('SELECT name FROM pragma_table_info(?)', 'events').toArray();
      expect(columns.map((c) => c.name)).toEqual(expect.arrayContaining(['host', 'status', 'hash', 'prev_hash']));

      const create = await instance.createToken({
        merchantId: 'legacy',
        card: { number: '4242424242424242', expMonth: 12, expYear: 2030, brand: 'visa' },
        idempotency: { key: 'create-1', bodyDigest: 'c'.repeat(64) },
        audit,
        velocity: DEFAULT_VELOCITY,
      });
      expect(create).toEqual({ ok: true, token, replayed: true });

      const input: ForwardInput = {
        merchantId: 'legacy',
        tokenId: token.id,
        request: { url: 'https://processor.test/', method: 'POST', headers: [], body: '{}', bodyEscaping: 'json' },
        fields: [],
        idempotency: { key: 'forward-1', bodyDigest: 'f'.repeat(64) },
        audit,
      };
      expect(await instance.forward(input)).toEqual({ ...forwarded, replayed: true });
      const replayEvent = sql.exec('SELECT action, token_id, host, status FROM events ORDER BY seq DESC LIMIT 1').one();
      expect(replayEvent).toEqual({
        action: 'token.forward_replayed',
        token_id: token.id,
        host: 'processor.test',
        status: 201,
      });
    });
  });

  it('refuse to run on a vault whose schema is newer than the code', async () => {
    await runInDurableObject(vaultNamed('migrations-newer'), (_instance, state) => {
      state.storage.sql.exec('INSERT INTO schema_migrations (version, applied_at) VALUES (99, 0)');
      expect(() => migrate(state.storage)).toThrow(/newer than this code/);
    });
  });

  it('refuse migrations that are not numbered 1, 2, 3, … in order', async () => {
    await runInDurableObject(vaultNamed('migrations-order'), (_instance, state) => {
      const last = VAULT_MIGRATIONS.at(-1)!;
      const skipped = [...VAULT_MIGRATIONS.slice(0, -1), { ...last, version: last.version + 1 }];
      expect(() => migrate(state.storage, skipped)).toThrow(/numbered/);
    });
  });

  it('roll back a migration that fails, together with its version row', async () => {
    await runInDurableObject(vaultNamed('migrations-fail'), (_instance, state) => {
      const sql = state.storage.sql;
      const broken = [
        ...VAULT_MIGRATIONS,
        {
          version: VAULT_MIGRATIONS.length + 1,
          description: 'half done, then fails',
          up(s: SqlStorage) {
            s.exec('CREATE TABLE half_done (x INTEGER)');
            s.exec('INSERT INTO no_such_table VALUES (1)');
          },
        },
      ];
      expect(() => migrate(state.storage, broken)).toThrow();
      expect(tables(sql)).not.toContain('half_done');
      expect(sql.exec<{ v: number }>('SELECT max(version) AS v FROM schema_migrations').one().v).toBe(
        VAULT_MIGRATIONS.length,
      );
    });
  });
});
