// Part 6: what one million tokenizations cost on Cloudflare, at the prices of bench/prices.json (the only place they
// are written), from figures measured in the bench's own workerd:
//   - CPU per tokenize: the workerd process's CPU time (/proc/<pid>/stat utime + stime, every thread) over a c16
//     tokenize load point (1 s warm-up + the measured seconds), ÷ the tokens made. It holds the Miniflare entry worker,
//     the edge Worker, the vault Durable Object and everything else workerd did meanwhile: an upper bound of the
//     Worker's billed CPU (a Durable Object's CPU is billed as duration instead). The same for the trivial route
//     (/__bench/ok) is given beside it: the share of that which is Miniflare's and the load's, not the edge's.
//   - SQLite rows written per tokenize: every Durable Object's SQLite file in the persist directory, opened read-only
//     with node:sqlite before and after the point; the rows each table gained plus the entries each of its indexes
//     gained (partial indexes counted by their WHERE), as Cloudflare bills one written row per index written, and for
//     an AUTOINCREMENT table one more per insert (its sqlite_sequence row, updated: workerd counts it, see README).
//     An estimate: a row updated in place (or inserted and deleted within the point) changes no count.
//   - Durable Object requests per tokenize: read from the code (POST /v1/tokens → one vault RPC); see README.
//   - Durable Object duration: the vault is one object per merchant, busy the whole point at c16, so it is billed for
//     the whole point: 128 MB × (1 s ÷ tokens per second) per tokenize.
//   - Storage: the SQLite files' size (page_count × page_size) gained per tokenize, × a million, per month kept.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cycling, DURATION_S, measure, POOL_SIZE, tokenizeHeaders } from './edge-load.mjs';
import { sealPool } from './seal-pool.mjs';

export const PRICES = JSON.parse(readFileSync(new URL('../prices.json', import.meta.url), 'utf8'));

/**
 * Rows read per tokenize, not measured (workerd keeps the count per cursor, inside the object): the create path's
 * SELECTs read about this many (merchant binding, access check, the token read back, the trail's last event, the
 * data key); at $0.001 per million rows, even ten times more would not show in the total.
 */
const ROWS_READ_PER_TOKENIZE = 10;

/** Clock ticks per second of /proc/<pid>/stat. */
export function clockTicks() {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
}

/** `/proc/<pid>/stat`'s fields from the 3rd on (after the command name, which may hold spaces). */
function statFields(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return {
    comm: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')),
    fields: stat.slice(stat.lastIndexOf(')') + 2).split(' '),
  };
}

/** The workerd process started by the edge host (`hostPid`, edge-host.mjs). */
export function workerdPid(hostPid) {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const { comm, fields } = statFields(entry);
      if (comm === 'workerd' && Number(fields[1]) === hostPid) return Number(entry);
    } catch {
      // A process that ended meanwhile.
    }
  }
  return null;
}

/** utime + stime of `pid`, in ms (fields 14 and 15 of /proc/<pid>/stat). */
export function cpuMs(pid, ticks) {
  const { fields } = statFields(pid);
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticks;
}

/** Every Durable Object SQLite file under `persist`, by `<worker>-<class>` directory (metadata.sqlite left out). */
function objectFiles(persist) {
  const root = join(persist, 'do');
  if (!existsSync(root)) return [];
  return readdirSync(root).flatMap((dir) =>
    readdirSync(join(root, dir))
      .filter((f) => f.endsWith('.sqlite') && f !== 'metadata.sqlite')
      .map((f) => ({ kind: dir, path: join(root, dir, f) })),
  );
}

/**
 * Rows per table and entries per index, summed over every object of each kind, and the files' size.
 * @param {typeof import('node:sqlite').DatabaseSync} DatabaseSync @param {string} persist
 */
function snapshot(DatabaseSync, persist) {
  const rows = {};
  const indexes = {};
  const sequences = {};
  let bytes = 0;
  for (const { kind, path } of objectFiles(persist)) {
    const db = new DatabaseSync(path, { readOnly: true });
    try {
      const q = (name) => `"${name.replaceAll('"', '""')}"`;
      const tables = db
        .prepare(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != '_cf_METADATA'",
        )
        .all();
      for (const { name } of tables) {
        const key = `${kind}.${name}`;
        rows[key] = (rows[key] ?? 0) + Number(db.prepare(`SELECT count(*) AS n FROM ${q(name)}`).get().n);
      }
      for (const { name, tbl_name: table, sql } of db
        .prepare("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index'")
        .all()) {
        if (table.startsWith('sqlite_') || table === '_cf_METADATA') continue;
        // A partial index holds the rows its WHERE picks; an automatic one (primary key, UNIQUE) has no SQL.
        const where = sql ? /\bWHERE\b([\s\S]*)$/i.exec(sql)?.[1] : undefined;
        const n = db.prepare(`SELECT count(*) AS n FROM ${q(table)}${where ? ` WHERE ${where}` : ''}`).get().n;
        const key = `${kind}.${table}`;
        indexes[key] ??= {};
        indexes[key][name] = (indexes[key][name] ?? 0) + Number(n);
      }
      // AUTOINCREMENT tables: each insert also updates the table's row of sqlite_sequence (a row written for workerd).
      const hasSequence = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'").get();
      for (const { name, seq } of hasSequence ? db.prepare('SELECT name, seq FROM sqlite_sequence').all() : []) {
        const key = `${kind}.${name}`;
        sequences[key] = (sequences[key] ?? 0) + Number(seq);
      }
      bytes +=
        Number(db.prepare('PRAGMA page_count').get().page_count) *
        Number(db.prepare('PRAGMA page_size').get().page_size);
    } finally {
      db.close();
    }
  }
  return { rows, indexes, sequences, bytes };
}

/** What changed between two snapshots, per table: rows gained and index entries gained. */
function written(before, after) {
  const tables = {};
  for (const [key, n] of Object.entries(after.rows)) {
    const rows = n - (before.rows[key] ?? 0);
    const idx = Object.entries(after.indexes[key] ?? {}).map(([name, m]) => [
      name,
      m - (before.indexes[key]?.[name] ?? 0),
    ]);
    const indexRows = idx.reduce((sum, [, d]) => sum + d, 0);
    // One sqlite_sequence update per row given a new AUTOINCREMENT key (the vault inserts one row per statement).
    const sequenceRows = (after.sequences[key] ?? 0) - (before.sequences[key] ?? 0);
    if (rows !== 0 || indexRows !== 0 || sequenceRows !== 0)
      tables[key] = { rows, indexRows, sequenceRows, indexes: Object.fromEntries(idx.filter(([, d]) => d !== 0)) };
  }
  return tables;
}

const round = (x, digits = 4) => Number(x.toPrecision(digits));

/**
 * @param {{ origin: string, pk: string, hostPid: number, persist: string, log: (s: string) => void }} o
 */
export async function costBench({ origin, pk, hostPid, persist, log }) {
  // node:sqlite is still flagged experimental in Node 22: its one-time warning would only clutter the tables.
  const emitWarning = process.emitWarning;
  process.emitWarning = (warning, ...rest) =>
    String(warning).includes('SQLite') ? undefined : emitWarning.call(process, warning, ...rest);
  const { DatabaseSync } = await import('node:sqlite').finally(() => {
    process.emitWarning = emitWarning;
  });
  const pid = workerdPid(hostPid);
  if (pid === null) throw new Error(`no workerd process under the edge host (pid ${hostPid})`);
  const ticks = clockTicks();
  const headers = tokenizeHeaders(origin, pk);
  // Cards of their own (other numbers than the other parts' pools), within the edge's card-testing rules.
  const pool = await sealPool(origin, pk, POOL_SIZE, { prefix: '411111' });

  // The trivial route first: what a request costs workerd when the edge does nothing.
  const cpuBase0 = cpuMs(pid, ticks);
  const base = await measure({ url: `${origin}/__bench/ok`, connections: 16 });
  const baseCpu = cpuMs(pid, ticks) - cpuBase0;

  // One token first, so that the vault exists (and has migrated) before the first count, whatever ran before.
  const first = await fetch(`${origin}/v1/tokens`, { method: 'POST', headers, body: pool.at(-1) });
  if (!first.ok) throw new Error(`POST /v1/tokens: ${first.status} ${await first.text()}`);
  const before = snapshot(DatabaseSync, persist);
  const cpu0 = cpuMs(pid, ticks);
  const load = await measure({ url: origin, connections: 16, requests: cycling('/v1/tokens', headers, pool) });
  // Requests still in flight when the load stopped finish now; their rows and CPU belong to the tokens they make.
  await new Promise((r) => setTimeout(r, 500));
  const cpu = cpuMs(pid, ticks) - cpu0;
  const after = snapshot(DatabaseSync, persist);

  const tables = written(before, after);
  const tokenTables = Object.entries(tables).filter(([key]) => key.endsWith('.tokens'));
  const tokensMade = tokenTables.length > 0 ? tokenTables.reduce((s, [, t]) => s + t.rows, 0) : load.ok2xx;
  if (tokensMade <= 0) throw new Error('the load point made no token');
  const perToken = (x) => x / tokensMade;
  const rowsWritten = perToken(Object.values(tables).reduce((s, t) => s + t.rows + t.indexRows + t.sequenceRows, 0));
  const tps = load.point.rps;
  const inputs = {
    cpuMsPerTokenize: round(perToken(cpu), 3),
    cpuMsPerBaselineRequest: round(baseCpu / Math.max(base.ok2xx, 1), 3),
    workerRequestsPerTokenize: 1,
    doRequestsPerTokenize: 1,
    rowsWrittenPerTokenize: round(rowsWritten, 3),
    rowsReadPerTokenize: ROWS_READ_PER_TOKENIZE,
    doGbSecondsPerTokenize: round(PRICES.durableObjects.billedMemoryGb / tps, 3),
    storageBytesPerTokenize: Math.round(perToken(after.bytes - before.bytes)),
  };
  const w = PRICES.workers;
  const d = PRICES.durableObjects;
  // Per million tokenizations: per-tokenize quantity × a million × the price per million units = quantity × price.
  const breakdown = {
    workerRequests: inputs.workerRequestsPerTokenize * w.requestsUsdPerMillion,
    workerCpu: inputs.cpuMsPerTokenize * w.cpuUsdPerMillionMs,
    doRequests: inputs.doRequestsPerTokenize * d.requestsUsdPerMillion,
    doDuration: inputs.doGbSecondsPerTokenize * d.durationUsdPerMillionGbS,
    rowsWritten: inputs.rowsWrittenPerTokenize * d.rowsWrittenUsdPerMillion,
    rowsRead: inputs.rowsReadPerTokenize * d.rowsReadUsdPerMillion,
  };
  for (const k of Object.keys(breakdown)) breakdown[k] = round(breakdown[k]);
  const perMillionUsd = round(Object.values(breakdown).reduce((s, x) => s + x, 0));
  const storage = {
    gbPerMillion: round((inputs.storageBytesPerTokenize * 1e6) / 1e9, 3),
    usdPerMonth: round(((inputs.storageBytesPerTokenize * 1e6) / 1e9) * d.storageUsdPerGbMonth, 3),
  };
  log(
    `  cost: $${perMillionUsd} per million tokenizations (${Object.entries(breakdown)
      .map(([k, v]) => `${k} $${v}`)
      .join(
        ', ',
      )}); CPU ${inputs.cpuMsPerTokenize} ms/tokenize (trivial route ${inputs.cpuMsPerBaselineRequest} ms), ${inputs.rowsWrittenPerTokenize} rows written`,
  );
  return {
    perMillionUsd,
    breakdown,
    inputs,
    storage,
    tables,
    load: {
      connections: 16,
      seconds: DURATION_S + 1,
      tokensMade,
      ok2xx: load.ok2xx,
      rps: tps,
      workerdCpuMs: Math.round(cpu),
      baselineRps: base.point.rps,
      baselineCpuMs: Math.round(baseCpu),
      clockTicksPerSecond: ticks,
    },
    prices: { takenOn: PRICES.takenOn, workers: w.source, durableObjects: d.source },
  };
}
