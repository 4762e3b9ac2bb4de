import { runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { AuditContext } from '../types';
import type { VaultObject } from '../vault-object';
import { type ChainedEvent, eventHash, GENESIS_HASH } from './chain';
import { verifyTrail } from './queries';
import { appendEvent, EVENT_RETENTION_MS } from './trail';

// The hash chain inside a vault: every field of every event is covered, a removed event breaks the chain at the
// next one, and retention erases old events without breaking what is left.

const audit: AuditContext = { keyId: 'key_test', clientIp: '198.51.100.7', requestId: 'req_test' };
let vaults = 0;
/** A vault of its own per test, so tampering stays there. */
const freshVault = () => env.VAULT.get(env.VAULT.idFromName(`audit-${++vaults}-${crypto.randomUUID()}`));

/** Writes a small trail: a create, a forward, a refusal. */
function writeTrail(sql: SqlStorage, nowMs = Date.now()) {
  return [
    appendEvent(sql, { action: 'token.created', tokenId: 'tok_a', audit }, nowMs),
    appendEvent(
      sql,
      { action: 'token.forwarded', tokenId: 'tok_a', audit, forward: { host: 'p.test', status: 402 } },
      nowMs,
    ),
    appendEvent(sql, { action: 'auth.refused', audit, detail: 'wrong_key_type' }, nowMs),
    appendEvent(sql, { action: 'token.read', tokenId: 'tok_a', audit }, nowMs),
  ];
}

const CHANGES: [column: string, value: string | number | null][] = [
  ['id', 'evt_AAAAAAAAAAAAAAAAAAAAAA'],
  ['created_at_ms', 1],
  ['action', 'token.read'],
  ['token_id', 'tok_b'],
  ['key_id', 'key_other'],
  ['client_ip', '203.0.113.1'],
  ['request_id', 'req_other'],
  ['host', 'evil.test'],
  ['status', 200],
  ['detail', 'forbidden_origin'],
  ['outcome', 'success'],
  ['prev_hash', GENESIS_HASH],
  ['hash', 'f'.repeat(64)],
];

describe('the audit hash chain', () => {
  it('verifies an untouched trail, its first event chained to the genesis', async () => {
    await runInDurableObject(freshVault(), (_i, state) => {
      const rows = writeTrail(state.storage.sql);
      expect(rows[0]?.prev_hash).toBe(GENESIS_HASH);
      expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4]);
      expect(rows[1]?.outcome).toBe('failed');
      expect(rows[2]?.outcome).toBe('refused');
      expect(verifyTrail(state.storage.sql)).toMatchObject({ ok: true, count: 4, head: { id: rows[3]?.id, count: 4 } });
    });
  });

  it.each(CHANGES)('breaks at the event whose %s was changed', async (column, value) => {
    await runInDurableObject(freshVault(), (_i, state) => {
      const sql = state.storage.sql;
      const rows = writeTrail(sql);
      const target = rows[1];
      sql.exec(`UPDATE events SET ${column} = ? WHERE seq = 2`, value);
      const changedId = column === 'id' ? value : target?.id;
      expect(verifyTrail(sql)).toEqual({ ok: false, code: 'audit_chain_broken', event: changedId });
    });
  });

  it('breaks at the event after one that was deleted, and at the first when the oldest was', async () => {
    await runInDurableObject(freshVault(), (_i, state) => {
      const sql = state.storage.sql;
      const rows = writeTrail(sql);
      sql.exec('DELETE FROM events WHERE seq = 2');
      expect(verifyTrail(sql)).toEqual({ ok: false, code: 'audit_chain_broken', event: rows[2]?.id });
    });
    await runInDurableObject(freshVault(), (_i, state) => {
      const sql = state.storage.sql;
      const rows = writeTrail(sql);
      sql.exec('DELETE FROM events WHERE seq = 1');
      expect(verifyTrail(sql)).toEqual({ ok: false, code: 'audit_chain_broken', event: rows[1]?.id });
    });
  });

  it('breaks when a deleted event is hidden by renumbering and rehashing the rest: the seq gap shows', async () => {
    await runInDurableObject(freshVault(), (_i, state) => {
      const sql = state.storage.sql;
      const rows = writeTrail(sql);
      sql.exec('DELETE FROM events WHERE seq = 2');
      const third = sql.exec<ChainedEvent>('SELECT * FROM events WHERE seq = 3').one();
      const prev = rows[0]?.hash ?? '';
      sql.exec('UPDATE events SET prev_hash = ?, hash = ? WHERE seq = 3', prev, eventHash(prev, third));
      expect(verifyTrail(sql)).toMatchObject({ ok: false, event: rows[2]?.id });
    });
  });

  it('erases events past 365 days in the alarm, moves the anchor, and what is left still verifies', async () => {
    const vault = freshVault();
    const old = Date.now() - EVENT_RETENTION_MS - 60_000;
    const kept = await runInDurableObject(vault, async (instance: VaultObject, state) => {
      const sql = state.storage.sql;
      const oldRows = writeTrail(sql, old);
      const newRows = writeTrail(sql);
      await state.storage.setAlarm(Date.now() + 60_000);
      // The vault must know its merchant to hand anything over; a fresh one is bound on first call.
      await instance.listEvents('audit-retention', { limit: 1 });
      return { oldRows, newRows };
    });
    expect(await runDurableObjectAlarm(vault)).toBe(true);
    await runInDurableObject(vault, (_i, state) => {
      const sql = state.storage.sql;
      const seqs = sql
        .exec<{ seq: number }>('SELECT seq FROM events ORDER BY seq')
        .toArray()
        .map((r) => r.seq);
      expect(seqs).toEqual([5, 6, 7, 8]);
      const anchor = sql.exec<{ value: string }>("SELECT value FROM vault_meta WHERE name = 'audit_anchor'").one();
      expect(JSON.parse(anchor.value)).toEqual({ seq: 4, hash: kept.oldRows[3]?.hash });
      expect(verifyTrail(sql)).toMatchObject({ ok: true, count: 4, head: { count: 8 } });
      // The head a merchant kept before retention ran is still recognised: it is the anchor.
      expect(verifyTrail(sql, kept.oldRows[3]?.hash)).toMatchObject({ ok: true });
      // Deleting the anchor, or the oldest event kept, is still caught.
      sql.exec('DELETE FROM events WHERE seq = 5');
      expect(verifyTrail(sql)).toMatchObject({ ok: false, event: kept.newRows[1]?.id });
    });
  });
});
