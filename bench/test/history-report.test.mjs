// The bench's history line and its HTML report: the shaping of a line from results.json (what is kept, what is
// left out) and the escaping of everything the page interpolates. No figure is measured here.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { historyLine, readHistory } from '../src/history.mjs';
import { chartData, escapeHtml, renderReport, scriptJson } from '../src/report.mjs';

const git = { commit: 'abc1234', dirty: true };
const machine = { cores: 2, cpu: 'Xeon', node: 'v22', date: '2026-11-30T08:00:00.000Z', loadavgStart: 1.234567 };

const full = {
  machine: { ...machine, loadavgEnd: 2 },
  edge: {
    tokenize: { c16: { rps: 475 } },
    baseline: { c16: { rps: 3572 } },
    ratioMedian: 0.13298,
    floor: { c16: { rps: 600 } },
    ratioFloor: 0.79166666,
    shards: { 1: 475, 2: 810, 4: 'n/a' },
    webhooks: { ratio: 0.42, ok: false },
  },
  ready: {
    combined: { medianMs: 64.1 },
    split: { medianMs: 122.2 },
    floor: { single: { medianMs: 35.9 }, triple: { medianMs: 69.8 } },
    ratioCard: 1.79,
    ratioSplit: 1.75,
  },
  tokenize: { browser: { medianMs: 30 }, floor: { medianMs: 20 }, ratioBrowser: 1.5 },
  cost: { perMillionUsd: 0.0123456 },
  bundles: { sdk: { gzip: 4500 }, sdkCard: { script: { gzip: 6000 } }, fieldPage: { gzip: 25000 } },
  budgetsExceeded: ['edge tokenize/baseline ratio'],
};

describe('historyLine', () => {
  it('keeps every headline figure by its results.json path, fractions to 4 significant digits', () => {
    const line = historyLine(full, git);
    expect(line).toEqual({
      date: '2026-11-30T08:00:00.000Z',
      commit: 'abc1234',
      dirty: true,
      machine: { cores: 2, cpu: 'Xeon', loadavg: [1.235, 2] },
      figures: {
        'edge.tokenize.c16.rps': 475,
        'edge.baseline.c16.rps': 3572,
        'edge.ratioMedian': 0.133,
        'edge.floor.c16.rps': 600,
        'edge.ratioFloor': 0.7917,
        'edge.shards': { 1: 475, 2: 810 },
        'edge.webhooks.ratio': 0.42,
        'ready.combined.medianMs': 64.1,
        'ready.split.medianMs': 122.2,
        'ready.floor.single.medianMs': 35.9,
        'ready.floor.triple.medianMs': 69.8,
        'ready.ratioCard': 1.79,
        'ready.ratioSplit': 1.75,
        'tokenize.browser.medianMs': 30,
        'tokenize.floor.medianMs': 20,
        'tokenize.ratioBrowser': 1.5,
        'cost.perMillionUsd': 0.01235,
        'bundles.sdk.gzip': 4500,
        'bundles.sdkCard.script.gzip': 6000,
        'bundles.fieldPage.gzip': 25000,
      },
      budgetsExceeded: ['edge tokenize/baseline ratio'],
    });
    expect(JSON.stringify(line)).not.toContain('\n');
  });

  it('leaves out what a run did not measure: skipped parts, errors, nulls, missing parts', () => {
    const results = {
      machine,
      only: ['bundles'],
      bundles: { sdk: { gzip: 4500 }, sdkCard: null, fieldPage: { error: 'not built' } },
      edge: { skipped: 'BENCH_ONLY=bundles', webhooks: { skipped: 'BENCH_ONLY=bundles' }, shards: { 1: null } },
      ready: { error: 'ready timeout', ratioCard: null, ratioSplit: Number.NaN },
      budgetsExceeded: [],
    };
    const line = historyLine(results, { commit: null, dirty: null });
    expect(line.figures).toEqual({ 'bundles.sdk.gzip': 4500 });
    expect(line.only).toEqual(['bundles']);
    expect(line.machine).toEqual({ cores: 2, cpu: 'Xeon', loadavg: [1.235] });
    expect(line.commit).toBeNull();
  });

  it('has no `only` when every part ran, and survives results without a machine', () => {
    expect(historyLine(full, git)).not.toHaveProperty('only');
    const line = historyLine({}, git);
    expect(line.figures).toEqual({});
    expect(line.machine).toEqual({});
    expect(line.budgetsExceeded).toEqual([]);
    expect(Number.isNaN(Date.parse(line.date))).toBe(false);
  });
});

describe('readHistory', () => {
  it('reads the lines in order and skips blank and broken ones', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'bench-history-')), 'history.jsonl');
    const a = historyLine(full, git);
    writeFileSync(file, `${JSON.stringify(a)}\n\n{not json\n"a string"\n${JSON.stringify({ ...a, commit: 'b' })}\n`);
    expect(readHistory(file).map((l) => l.commit)).toEqual(['abc1234', 'b']);
    expect(readHistory(join(file, '..', 'missing.jsonl'))).toEqual([]);
  });
});

describe('report escaping', () => {
  const lib = { js: 'var uPlot = function () { return "</script><b>"; };', css: '.u-legend{}</style><b>' };
  const hostile = '</script><img src=x onerror=alert(1)>"\'&';

  it('escapes text and attribute values', () => {
    expect(escapeHtml(hostile)).toBe('&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;');
    expect(escapeHtml(1.5)).toBe('1.5');
  });

  it('writes JSON that cannot close its script element', () => {
    const json = scriptJson({ s: hostile, t: '<!-- \u2028' });
    expect(json).not.toMatch(/[<\u2028]/);
    expect(JSON.parse(json)).toEqual({ s: hostile, t: '<!-- \u2028' });
  });

  it('interpolates nothing raw from the results, the history or the library', () => {
    const results = {
      machine: { ...machine, cpu: hostile, date: hostile },
      only: [hostile],
      edge: { error: hostile },
      ready: { skipped: hostile },
      budgetsExceeded: [hostile],
    };
    const history = [{ ...historyLine(full, { commit: hostile, dirty: false }), only: [hostile] }];
    const html = renderReport({ results, history, lib });
    expect(html).not.toContain('<img');
    expect(html).not.toContain('"</script>');
    expect(html).not.toContain('</style><b>');
    // Three scripts: the data, uPlot, the charts; every `</script>` is one of theirs.
    expect(html.match(/<\/script>/g)).toHaveLength(3);
    expect(html).toContain('&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;');
  });

  it('lets the page fetch nothing: a CSP with no source but the inline scripts', () => {
    const html = renderReport({ results: full, history: [historyLine(full, git)], lib });
    const csp = html.match(/http-equiv="Content-Security-Policy" content="([^"]+)"/)?.[1].replaceAll('&#39;', "'");
    expect(csp).toMatch(/^default-src 'none'; script-src 'sha256-[^']+' 'sha256-[^']+';/);
    expect(html).not.toMatch(/\b(src|href)=/);
  });
});

describe('chartData', () => {
  it('plots the runs that measured a figure, labelled by date and commit', () => {
    const lines = [historyLine(full, git), historyLine({ machine: { ...machine, date: '2026-12-01T00:00:00Z' } }, git)];
    const ready = chartData(lines).find((c) => c.key === 'ready.ratioCard');
    expect(ready).toMatchObject({ budget: 1.5, y: [1.79], labels: ['2026-11-30 08:00 abc1234+'] });
    expect(ready?.x).toEqual([Date.parse('2026-11-30T08:00:00.000Z') / 1000]);
  });
});
