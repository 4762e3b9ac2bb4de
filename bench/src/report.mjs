// Writes bench/report.html (git-ignored): this run's tables, as table.mjs prints them, and a chart of each ratio over
// bench/history.jsonl with its budget. One self-contained file: uPlot's script and stylesheet are read from
// node_modules and inlined, and the page's Content-Security-Policy lets it fetch nothing at all.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { readHistory } from './history.mjs';
import { ROOT } from './paths.mjs';
import { printTables } from './table.mjs';

export const REPORT = join(ROOT, 'bench/report.html');

/**
 * The charts, one per figure of the history; `budget` draws a dashed line (`min`: the figure must stay above), `per`
 * divides the figure (bytes to KB).
 */
export const CHARTS = [
  { key: 'edge.ratioFloor', title: 'Edge: tokenize / floor req/s at c16', budget: 0.8, min: true },
  { key: 'edge.ratioMedian', title: 'Edge: tokenize / baseline req/s at c16 (median of pairs)' },
  { key: 'ready.ratioCard', title: 'Ready: card / 1 bare frame (medians)', budget: 1.5 },
  { key: 'ready.ratioSplit', title: 'Ready: split (all 3) / 3 bare frames (medians)', budget: 1.5 },
  { key: 'tokenize.ratioBrowser', title: 'Tokenize in the browser / its floor', budget: 2 },
  { key: 'edge.webhooks.ratio', title: 'Webhooks: tokenize with 3 endpoints / with 0', budget: 0.9, min: true },
  { key: 'cost.perMillionUsd', title: 'Cost per million tokens (USD)' },
  { key: 'bundles.sdk.gzip', title: 'SDK, KB gzip', budget: 10, per: 1024 },
  { key: 'bundles.fieldPage.gzip', title: 'Field page, KB gzip', budget: 30, per: 1024 },
];

const ENTITIES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Text or attribute value for HTML. @param {unknown} s */
export const escapeHtml = (s) => String(s).replace(/[&<>"']/g, (c) => ENTITIES[/** @type {keyof ENTITIES} */ (c)]);

/** JSON that can sit inside a <script> element: no `<` (so no `</script>` nor `<!--`), no U+2028/2029. */
export const scriptJson = (/** @type {unknown} */ v) =>
  JSON.stringify(v)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');

/** A library's source inlined in an element: its closing tag, should it appear in a string, is split. */
const inline = (/** @type {string} */ src, /** @type {string} */ tag) =>
  src.replace(new RegExp(`</(${tag})`, 'gi'), '<\\/$1');

/** What printTables prints, as blank-line-separated blocks: the header, each `== title` section, the budgets. */
export function tableBlocks(/** @type {any} */ results) {
  const out = [];
  try {
    printTables(results, (s) => out.push(String(s)));
  } catch (error) {
    out.push(`\n(the tables stopped: ${error?.message ?? error})`);
  }
  return out
    .join('\n')
    .split(/\n\s*\n/)
    .map((b) => b.replace(/^\n+|\s+$/g, ''))
    .filter(Boolean)
    .map((b) =>
      b.startsWith('== ') ? { title: b.slice(3).split('\n')[0], text: b.split('\n').slice(1).join('\n') } : { text: b },
    );
}

/** Each chart's points from the history lines that have its figure: time (s), value, and the run's label. */
export function chartData(/** @type {any[]} */ history) {
  return CHARTS.map((c) => {
    const runs = history.filter((h) => typeof h.figures?.[c.key] === 'number' && !Number.isNaN(Date.parse(h.date)));
    return {
      ...c,
      x: runs.map((h) => Date.parse(h.date) / 1000),
      y: runs.map((h) => (c.per ? Math.round((h.figures[c.key] / c.per) * 100) / 100 : h.figures[c.key])),
      labels: runs.map((h) => `${h.date.slice(0, 16).replace('T', ' ')} ${h.commit ?? '?'}${h.dirty ? '+' : ''}`),
    };
  });
}

/** The page's own script: draws each chart of #data with uPlot, the budget as a dashed line across it. */
const CHART_SCRIPT = `
for (const c of JSON.parse(document.getElementById('data').textContent)) {
  const el = document.getElementById('chart-' + c.key);
  if (c.x.length === 0) { el.append('no run measured it yet'); continue; }
  const values = c.budget == null ? c.y : c.y.concat(c.budget);
  const hi = Math.max(...values) * 1.15 || 1;
  const x0 = c.x[0], x1 = c.x[c.x.length - 1], pad = x1 > x0 ? (x1 - x0) * 0.03 : 43200;
  const budgetLine = (u) => {
    if (c.budget == null) return;
    const y = u.valToPos(c.budget, 'y', true), ctx = u.ctx;
    ctx.save(); ctx.strokeStyle = '#c0392b'; ctx.lineWidth = 1.5 * devicePixelRatio; ctx.setLineDash([6, 4]);
    ctx.beginPath(); ctx.moveTo(u.bbox.left, y); ctx.lineTo(u.bbox.left + u.bbox.width, y); ctx.stroke(); ctx.restore();
  };
  new uPlot({
    width: 520, height: 200,
    scales: {
      x: { time: true, range: () => [x0 - pad, x1 + pad] },
      y: { range: () => [0, hi] },
    },
    series: [
      { label: 'run', value: (u, v, si, i) => i == null ? '' : c.labels[i] },
      { label: c.key, stroke: '#2c6fbb', width: 2, points: { show: true, size: 6 } },
    ],
    axes: [{}, { size: 60 }],
    hooks: { draw: [budgetLine] },
  }, [c.x, c.y], el);
}
`;

const STYLE = `
body { font: 14px system-ui, sans-serif; margin: 24px; color: #222; }
pre { font: 12px/1.4 ui-monospace, monospace; white-space: pre-wrap; background: #f6f6f6; padding: 8px 12px; overflow-x: auto; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(540px, 1fr)); gap: 16px; }
.chart h3 { font-size: 14px; margin: 0 0 4px; } .over { color: #c0392b; font-weight: 600; }
table.runs { border-collapse: collapse; font-size: 12px; } table.runs td, table.runs th { padding: 2px 8px; text-align: left; border-bottom: 1px solid #ddd; }
`;

/** The latest value of a chart's figure and its verdict against the budget, as HTML. */
function latest(/** @type {ReturnType<typeof chartData>[number]} */ c) {
  const budget = c.budget == null ? '' : `budget ${c.min ? '≥' : '≤'} ${escapeHtml(c.budget)} (dashed)`;
  if (c.y.length === 0) return budget && ` — ${budget}`;
  const v = c.y[c.y.length - 1];
  if (!budget) return ` — latest ${escapeHtml(v)}`;
  const ok = c.min ? v >= c.budget : v <= c.budget;
  return ` — latest ${escapeHtml(v)}, ${budget} ${ok ? 'OK' : '<span class="over">OVER BUDGET</span>'}`;
}

/** The runs of the history, newest first (the last 30). */
function runsTable(/** @type {any[]} */ history) {
  const rows = history
    .slice(-30)
    .reverse()
    .map((h) => {
      const cells = [
        h.date,
        `${h.commit ?? '?'}${h.dirty ? ' (dirty)' : ''}`,
        (h.machine?.loadavg ?? []).join(' → '),
        (h.only ?? []).join(', ') || 'all',
        (h.budgetsExceeded ?? []).join(', ') || 'none',
      ];
      return `<tr>${cells.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`;
    });
  const head = ['date', 'commit', 'load average', 'parts', 'budgets exceeded'].map((c) => `<th>${c}</th>`).join('');
  return `<table class="runs"><tr>${head}</tr>${rows.join('\n')}</table>`;
}

/**
 * The whole page. `lib` is uPlot's script and stylesheet, inlined as they are.
 * @param {{ results: any, history: any[], lib: { js: string, css: string } }} input
 */
export function renderReport({ results, history, lib }) {
  const charts = chartData(history);
  const scripts = [inline(lib.js, 'script'), CHART_SCRIPT];
  const hashes = scripts.map((s) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`).join(' ');
  const csp = `default-src 'none'; script-src ${hashes}; style-src 'unsafe-inline'; img-src data:`;
  const m = results?.machine ?? {};
  const sections = tableBlocks(results)
    .map((b) => `${b.title ? `<h3>${escapeHtml(b.title)}</h3>` : ''}<pre>${escapeHtml(b.text)}</pre>`)
    .join('\n');
  const chartDivs = charts
    .map(
      (c) =>
        `<div class="chart"><h3>${escapeHtml(c.title)}${latest(c)}</h3><div id="chart-${escapeHtml(c.key)}"></div></div>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<title>Tessera bench ${escapeHtml(m.date ?? '')}</title>
<style>${inline(lib.css, 'style')}</style><style>${STYLE}</style>
</head><body>
<h1>Tessera bench</h1>
<p>Run of ${escapeHtml(m.date ?? '?')} on ${escapeHtml(m.cores ?? '?')} cores (${escapeHtml(m.cpu ?? '?')}), ${escapeHtml(results?.totalSeconds ?? '?')} s${results?.only ? `, only ${escapeHtml(results.only.join(', '))}` : ''}. Written by <code>pnpm bench</code>; the figures are in <code>bench/results.json</code>, the history in <code>bench/history.jsonl</code>.</p>
<h2>This run</h2>
${sections}
<h2>History (${history.length} run${history.length === 1 ? '' : 's'})</h2>
<p>Each point is a run that measured the figure; hover for its date and commit (<code>+</code>: uncommitted changes).</p>
<div class="charts">
${chartDivs}
</div>
<h3>Runs, newest first</h3>
${runsTable(history)}
<script type="application/json" id="data">${scriptJson(charts)}</script>
<script>${scripts[0]}</script>
<script>${scripts[1]}</script>
</body></html>
`;
}

/** uPlot's minified script and stylesheet, from bench's node_modules. */
export function uplotFiles() {
  const dist = dirname(createRequire(import.meta.url).resolve('uplot/dist/uPlot.iife.min.js'));
  return {
    js: readFileSync(join(dist, 'uPlot.iife.min.js'), 'utf8'),
    css: readFileSync(join(dist, 'uPlot.min.css'), 'utf8'),
  };
}

/** Writes bench/report.html for this run and the history so far; returns its path. @param {any} results */
export function writeReport(results, file = REPORT) {
  writeFileSync(file, renderReport({ results, history: readHistory(), lib: uplotFiles() }));
  return file;
}
