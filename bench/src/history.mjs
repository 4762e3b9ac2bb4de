// The bench's history: each run appends one JSON line of its headline figures to bench/history.jsonl (committed
// when a change moves them), so that report.mjs can chart them run after run. A figure the run did not measure
// (a part skipped by BENCH_ONLY, not built yet, failed) is left out of the line, never written as null or 0.
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './paths.mjs';

export const HISTORY = join(ROOT, 'bench/history.jsonl');

/**
 * The headline figures, by their dotted path in results.json. Some are written only by newer parts (the edge's
 * floor and shards, tokenize in the browser, cost); a path that is missing is simply left out.
 */
export const FIGURES = [
  'edge.tokenize.c16.rps',
  'edge.baseline.c16.rps',
  'edge.ratioMedian',
  'edge.floor.c16.rps',
  'edge.ratioFloor',
  'edge.shards',
  'edge.webhooks.ratio',
  'ready.combined.medianMs',
  'ready.split.medianMs',
  'ready.floor.single.medianMs',
  'ready.floor.triple.medianMs',
  'ready.ratioCard',
  'ready.ratioSplit',
  'tokenize.browser.medianMs',
  'tokenize.floor.medianMs',
  'tokenize.ratioBrowser',
  'cost.perMillionUsd',
  'bundles.sdk.gzip',
  'bundles.sdkCard.script.gzip',
  'bundles.fieldPage.gzip',
];

/** @param {unknown} x */
const finite = (x) => typeof x === 'number' && Number.isFinite(x);

/** Four significant digits for fractions (ratios, ms, dollars); integers (req/s, bytes) as they are. */
const round = (/** @type {number} */ x) => (Number.isInteger(x) ? x : Number(x.toPrecision(4)));

/** @param {unknown} obj @param {string} path */
function at(obj, path) {
  let v = obj;
  for (const key of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = /** @type {Record<string, unknown>} */ (v)[key];
  }
  return v;
}

/**
 * A figure as the line keeps it: a finite number, or an object of finite numbers (`edge.shards`, req/s by shard
 * count); anything else (missing, null, `{ error }`, `{ skipped }`) is undefined.
 * @param {unknown} v
 */
function figure(v) {
  if (finite(v)) return round(/** @type {number} */ (v));
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const entries = Object.entries(v).filter(([, x]) => finite(x));
  return entries.length > 0 ? Object.fromEntries(entries.map(([k, x]) => [k, round(x)])) : undefined;
}

/**
 * The commit measured: short sha and whether the tree had changes (tracked or untracked, not ignored), leaving out
 * the history itself, which every run changes until it is committed.
 */
export function gitState(cwd = ROOT) {
  const git = (/** @type {string[]} */ args) => spawnSync('git', args, { cwd, encoding: 'utf8' });
  const head = git(['rev-parse', '--short', 'HEAD']);
  if (head.status !== 0) return { commit: null, dirty: null };
  const status = git(['status', '--porcelain', '--', '.', ':(exclude)bench/history.jsonl']);
  return { commit: head.stdout.trim(), dirty: status.status === 0 ? status.stdout.trim() !== '' : null };
}

/**
 * One history line (an object; the caller serialises it) from a results.json object.
 * @param {any} results
 * @param {{ commit: string | null, dirty: boolean | null }} git
 */
export function historyLine(results, git) {
  const m = results?.machine ?? {};
  const loadavg = [m.loadavgStart, m.loadavgEnd].filter(finite).map(round);
  /** @type {Record<string, unknown>} */
  const figures = {};
  for (const path of FIGURES) {
    const v = figure(at(results, path));
    if (v !== undefined) figures[path] = v;
  }
  const only = Array.isArray(results?.only) && results.only.length > 0 ? results.only.map(String) : undefined;
  return {
    date: typeof m.date === 'string' ? m.date : new Date().toISOString(),
    commit: git.commit,
    dirty: git.dirty,
    machine: {
      ...(finite(m.cores) ? { cores: m.cores } : {}),
      ...(typeof m.cpu === 'string' ? { cpu: m.cpu } : {}),
      ...(loadavg.length > 0 ? { loadavg } : {}),
    },
    ...(only ? { only } : {}),
    figures,
    budgetsExceeded: Array.isArray(results?.budgetsExceeded) ? results.budgetsExceeded.map(String) : [],
  };
}

/** Appends this run's line to bench/history.jsonl (creating it); returns the line. @param {any} results */
export function appendHistory(results, file = HISTORY) {
  const line = historyLine(results, gitState());
  appendFileSync(file, `${JSON.stringify(line)}\n`);
  return line;
}

/** Every readable line of the history, oldest first; a line that does not parse is skipped. */
export function readHistory(file = HISTORY) {
  if (!existsSync(file)) return [];
  const lines = [];
  for (const text of readFileSync(file, 'utf8').split('\n')) {
    if (text.trim() === '') continue;
    try {
      const line = JSON.parse(text);
      if (line && typeof line === 'object' && line.figures && typeof line.figures === 'object') lines.push(line);
    } catch {}
  }
  return lines;
}
