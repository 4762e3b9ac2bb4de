// Prints the results as plain-text tables, every figure beside its ratio or budget; `n/a (…)` where a part could
// not run (a feature not built yet, a failure), so one missing piece never hides the rest.
const NA = (why) => `n/a (${why})`;
const kb = (b) => (b == null ? '-' : `${(b / 1024).toFixed(1)} KB`);
const pct = (x) => `${(x * 100).toFixed(0)}%`;
const pad = (rows) => {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  return rows
    .map((r) =>
      r
        .map((c, i) => String(c).padEnd(widths[i]))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
};
const verdict = (ok) => (ok == null ? '' : ok ? 'OK' : 'OVER BUDGET');

function edgeTable(e) {
  const rows = [['route', 'conns', 'req/s', 'mean ms', 'p50 ms', 'p99 ms', 'errors', 'non-2xx']];
  const add = (name, pts) => {
    for (const [c, p] of Object.entries(pts ?? {}))
      rows.push([name, c.slice(1), p.rps, p.meanMs, p.p50Ms, p.p99Ms, p.errors, p.non2xx]);
  };
  add('baseline Response.json', e.baseline);
  add('edge GET /healthz', e.healthz);
  add('GET /v1/keys/seal (pk)', e.keys);
  add('POST /v1/tokens (pk)', e.tokenize);
  if (e.floor?.c16) add('DO floor (1 RPC, 1 row)', { c16: e.floor.c16 });
  add('GET /v1/tokens/:id (sk)', e.read);
  if (e.forward) add('POST /v1/forward (sk)', e.forward);
  const lines = [pad(rows)];
  if (!e.forward) lines.push(`POST /v1/forward: ${NA(e.forwardWhy ?? 'not built')}`);
  const b = e.baseline.c16.rps;
  lines.push(
    `tokenize / baseline req/s at c16: ${pct(e.ratio)} in the table; median of ${e.ratioPairs.length} back-to-back pairs ${pct(e.ratioMedian)} (${e.ratioPairs.map(pct).join(', ')}) (information: the trivial route)`,
    !e.floor || e.floor.error
      ? `tokenize / DO floor: ${NA(e.floor?.error ? `error: ${e.floor.error}` : 'not run')}`
      : `tokenize / DO floor req/s at c16: median of ${e.floor.ratioPairs.length} back-to-back pairs ${pct(e.ratioFloor)} (${e.floor.pairs.map((p) => `${p.tokenize.rps}/${p.floor.rps} ${pct(p.ratio)}`).join(', ')}) (budget ≥ ${pct(e.floor.budget)}) ${verdict(e.ratioFloor >= e.floor.budget)}; the floor in the table is the first pair's; ${e.floor.rowsWrittenPerRequest} rows written per floor request (workerd's count: the row and its primary key)`,
    `vs baseline at c16: healthz ${pct(e.healthz.c16.rps / b)}, keys/seal ${pct(e.keys.c16.rps / b)}, read ${pct(e.read.c16.rps / b)}${
      e.forward ? `, forward ${pct(e.forward.c16.rps / b)}` : ''
    }`,
    e.shards?.['1'] === undefined
      ? `shards: ${NA(e.shards?.error ? `error: ${e.shards.error}` : (e.shards?.skipped ?? 'not run'))}`
      : `tokenize at c16 with the vault in 1 / 2 / 4 shards: ${e.shards['1']} / ${e.shards['2']} / ${e.shards['4']} req/s (mean of 2 mirrored rounds, ratio 4/1 ${e.shardsDetail?.ratio4to1?.toFixed(2) ?? 'n/a'}; one local workerd runs every shard, so this is not the per-object limit shards lift in production: bench/README.md)`,
    ...(e.attack
      ? [
          `card testing: shoppers ${e.attack.alone.rps} req/s alone, ${e.attack.underAttack.rps} beside an attacker (ratio ${pct(e.attack.ratioRps)}), p99 ${e.attack.alone.p99Ms} → ${e.attack.underAttack.p99Ms} ms (ratio ${e.attack.ratioP99.toFixed(2)}); the attacker sent ${e.attack.attacker.requests} bad cards, ${e.attack.attacker.non2xx} refused`,
        ]
      : []),
    `load: ${e.durationS} s per point after ${e.warmupS} s warm-up; mean = conns / req/s; p50/p99 whole ms (autocannon); sealed-card pool: ${e.sealPool.size} distinct JWEs, cycled (${e.sealPool.sent} tokenize requests sent)`,
  );
  return lines.join('\n');
}

const share = (got, of) => `${got.join(', ')} of ${of} (${pct(Math.min(...got) / Math.max(of, 1))})`;

function webhookTable(w) {
  const rows = [
    ['pair', 'order', '0 endpoints req/s', 'p99 ms', '3 endpoints req/s', 'p99 ms', 'errors+non-2xx', 'ratio'],
  ];
  const lines = [];
  for (const [i, p] of w.pairs.entries()) {
    rows.push([
      i + 1,
      p.order,
      p.without.rps,
      p.without.p99Ms,
      p.with.rps,
      p.with.p99Ms,
      `${p.without.errors + p.without.non2xx} / ${p.with.errors + p.with.non2xx}`,
      pct(p.ratio),
    ]);
    const l = p.live;
    const idle = l.idle
      ? ` (NOTHING DELIVERED DURING THE LOAD: the first endpoint's queue then held ${l.idle.queued === 200 ? '200+' : l.idle.queued} deliveries, ${l.idle.attempted} attempted)`
      : '';
    lines.push(
      `  pair ${i + 1}: ${p.tokens} tokens made with the endpoints on; each live receiver had ${share(l.atEndOfLoad, p.tokens)} at the end of the load${idle}, ` +
        (l.catchUpS === null
          ? `still ${share(l.final, p.tokens)} ${w.deliveries.drainLimitS} s later: LAGGING`
          : `all ${l.catchUpS.toFixed(1)} s later`) +
        `; dead endpoint: ${p.dead.attempted} of its ${p.dead.sampled} newest deliveries attempted (up to ${p.dead.maxAttempts}×, ${p.dead.lastErrors.join(', ') || 'no error'}), ${p.dead.delivered} delivered`,
    );
  }
  const d = w.deliveries;
  const idlePairs = w.pairs.filter((p) => p.live.idle).length;
  return [
    pad(rows),
    `tokenize with 3 endpoints / with 0 at c${w.connections}: median of ${w.ratioPairs.length} back-to-back pairs ${pct(w.ratio)} (${w.ratioPairs.map(pct).join(', ')}) (budget ≥ ${pct(w.budget)}) ${verdict(w.ok)}`,
    `deliveries (token.created, distinct webhook-ids): live receivers ${share(d.atEndOfLoad, d.expected)} at the end of the loads; ` +
      (d.allDelivered
        ? `every token delivered to both, at most ${d.maxCatchUpS.toFixed(1)} s after a load ended; ${d.repeats} repeated (same webhook-id)`
        : `LAGGING: ${share(d.final, d.expected)} after waiting up to ${d.drainLimitS} s`) +
      (idlePairs > 0 ? `; in ${idlePairs} pair(s) a receiver got nothing while the load ran` : ''),
    ...lines,
    `endpoints: 2 live (a loopback node:http server in its own process, 200 at once), 1 dead (refused port, retried from 5 s); registered before each loaded point's warm-up, removed after the live receivers caught up`,
  ].join('\n');
}

function cryptoTable(c, e) {
  const rows = [['op (workerd, edge functions)', 'µs/op', 'n']];
  for (const [op, r] of Object.entries(c.ops)) rows.push([op, r.usPerOp, r.n]);
  const lines = [pad(rows)];
  const meanUs = e?.tokenize?.c1?.meanMs ? e.tokenize.c1.meanMs * 1000 : null;
  lines.push(
    `tokenize crypto (unseal + 2 encrypt + hmac): ${c.tokenizeCryptoUs} µs` +
      (meanUs
        ? ` = ${pct(c.tokenizeCryptoUs / meanUs)} of a c1 tokenize (${(meanUs / 1000).toFixed(2)} ms mean, p50 ${e.tokenize.c1.p50Ms} ms)`
        : ''),
  );
  return lines.join('\n');
}

function bundleTable(b) {
  const rows = [['build', 'raw', 'gzip', 'brotli', 'budget (gzip)', 'gzip vs SDK']];
  const sdk = b.sdk?.gzip;
  const add = (name, m, budget) => {
    if (!m || m.error) return rows.push([name, NA(m?.error ? `error: ${m.error}` : 'not built'), '', '', '', '']);
    rows.push([
      name,
      kb(m.raw),
      kb(m.gzip),
      kb(m.brotli),
      budget ? `${kb(budget)} ${verdict(m.gzip <= budget)}` : '',
      sdk ? `${(m.gzip / sdk).toFixed(1)}x` : '',
    ]);
  };
  add('@tessera/js SDK', b.sdk, b.budgets.sdk.limit);
  add('<tessera-card> module (+ SDK)', b.sdkCard?.module);
  add('<tessera-card> script (SDK inside)', b.sdkCard?.script, b.budgets.sdkCard?.limit);
  add('field page (html+js+css), heavier', b.fieldPage, b.budgets.fieldPage.limit);
  for (const [name, m] of Object.entries(b.fieldPage?.byPage ?? {})) add(`  ${name}`, m);
  add('  lazy: webcrypto-liner etc.', b.fieldPage?.lazy);
  add('@tessera/react (react, SDK external)', b.react);
  add('braintree client+hosted-fields', b.peers.braintree);
  add('adyen core+Card (+css)', b.peers.adyen);
  const lines = [pad(rows), 'files:'];
  const list = (name, m) =>
    m?.files && lines.push(`  ${name}: ${m.files.map((f) => `${f.name} ${kb(f.gzip)}`).join(', ')}`);
  for (const [name, m] of Object.entries(b.fieldPage?.byPage ?? {})) list(name, m);
  list('lazy', b.fieldPage?.lazy);
  list('react', b.react);
  list('braintree', b.peers.braintree);
  list('adyen', b.peers.adyen);
  return lines.join('\n');
}

function readyTable(r) {
  const rows = [['mount →', 'median ms', 'p90 ms', 'runs', 'budget']];
  const add = (name, s, budget) =>
    s && !s.error && s.medianMs != null
      ? rows.push([name, s.medianMs, s.p90Ms, s.runs, budget ? `${budget} ms ${verdict(s.medianMs <= budget)}` : ''])
      : rows.push([name, NA(s?.error ? `error: ${s.error}` : 'not built'), '', '', '']);
  add('ready, card', r.combined, 150);
  add('  floor: 1 bare frame', r.floor?.single);
  add('first input, card', r.combined?.firstInput);
  add('ready, split (all 3)', r.split, 150);
  add('  first of the 3 frames ready', r.split?.firstFrame);
  add('  floor: 3 bare frames', r.floor?.triple);
  add('first input, split number', r.split?.firstInput);
  add('keystroke → change', r.keystroke && { ...r.keystroke, runs: r.keystroke.keystrokes });
  const budget = r.ratioBudget ?? 1.5;
  const ratio = (x) => (x == null ? NA('no floor') : `${x.toFixed(2)}x (budget ≤ ${budget}x) ${verdict(x <= budget)}`);
  const floors =
    r.floor === undefined
      ? ''
      : `\nready / floor (medians, bare frames on the edge's origin, interleaved runs): card / 1 bare frame ${ratio(r.ratioCard)}; split (all 3) / 3 bare frames ${ratio(r.ratioSplit)}`;
  const liner = r.liner
    ? `\nwebcrypto-liner downloads: ${r.liner.linerRequests} in ${r.liner.fieldPages} field pages loaded ${verdict(r.liner.linerRequests === 0)} (the common path never needs it); key checks after the page's loadTessera: ${r.liner.keyChecks ?? 'n/a'}; seal-key fetches: ${r.liner.sealKeys ?? 'n/a'}`
    : '';
  return `${pad(rows)}${floors}\nHTTP cache ${r.cache}; fresh iframes every run${liner}`;
}

function tokenizeTable(t) {
  const rows = [['in the page', 'median ms', 'p90 ms', 'runs']];
  rows.push([
    'Pay → token (createToken, card)',
    t.browser.medianMs ?? NA('no run'),
    t.browser.p90Ms ?? '',
    t.browser.runs,
  ]);
  rows.push([
    '  floor: bare frame, 1 same-origin POST',
    t.floor.medianMs ?? NA('no run'),
    t.floor.p90Ms ?? '',
    t.floor.runs,
  ]);
  const ratio =
    t.ratioBrowser == null
      ? NA('no ratio')
      : `${t.ratioBrowser.toFixed(2)}x (budget ≤ ${t.ratioBudget}x) ${verdict(t.ratioBrowser <= t.ratioBudget)}`;
  return [
    pad(rows),
    `Pay → token / floor (medians, runs alternating): ${ratio}`,
    `${t.cache}; ${t.cards} test card(s), typed again every few tokenizations (the edge's card-testing rules); requests seen: ${t.requests.tokenPosts} POST /v1/tokens, ${t.requests.floorPosts} floor POSTs, ${t.requests.sealKeys} seal-key fetches`,
    ...(t.failed
      ? [`FAILED: ${t.failed} run(s): ${t.errors.join(', ')}${t.pageSaw ? `; page saw: ${t.pageSaw.join(' | ')}` : ''}`]
      : []),
  ].join('\n');
}

function costTable(c) {
  const usd = (x) => `$${x < 0.01 ? x.toPrecision(2) : x.toFixed(2)}`;
  const i = c.inputs;
  const rows = [['per million tokenizations', 'quantity per tokenize', 'USD']];
  rows.push(['Worker requests', i.workerRequestsPerTokenize, usd(c.breakdown.workerRequests)]);
  rows.push(['Worker CPU (workerd, upper bound)', `${i.cpuMsPerTokenize} ms`, usd(c.breakdown.workerCpu)]);
  rows.push(['Durable Object requests', i.doRequestsPerTokenize, usd(c.breakdown.doRequests)]);
  rows.push(['Durable Object duration', `${i.doGbSecondsPerTokenize} GB-s`, usd(c.breakdown.doDuration)]);
  rows.push(['SQLite rows written (rows, index entries)', i.rowsWrittenPerTokenize, usd(c.breakdown.rowsWritten)]);
  rows.push(['SQLite rows read (assumed)', i.rowsReadPerTokenize, usd(c.breakdown.rowsRead)]);
  rows.push(['total', '', usd(c.perMillionUsd)]);
  const tables = Object.entries(c.tables)
    .map(
      ([name, t]) =>
        `${name} ${t.rows} rows + ${t.indexRows} index rows${t.sequenceRows ? ` + ${t.sequenceRows} sqlite_sequence updates` : ''}`,
    )
    .join(', ');
  return [
    pad(rows),
    `storage: ${i.storageBytesPerTokenize} B per tokenize = ${c.storage.gbPerMillion} GB per million, ${usd(c.storage.usdPerMonth)} per month kept (not in the total)`,
    `measured at c${c.load.connections} over ${c.load.seconds} s: ${c.load.tokensMade} tokens (${c.load.rps} req/s), workerd CPU ${c.load.workerdCpuMs} ms; the trivial route costs workerd ${i.cpuMsPerBaselineRequest} ms CPU a request; written: ${tables}`,
    `prices of ${c.prices.takenOn} (bench/prices.json; included allowances ignored): ${c.prices.workers}, ${c.prices.durableObjects}`,
  ].join('\n');
}

function memoryTable(m) {
  return [
    `JS heap after GC: ${kb(m.heapBeforeBytes)} before mount, ${kb(m.heapMountedBytes)} mounted, ${kb(m.heapUnmountedBytes)} after first unmount, ${kb(m.heapAfterCyclesBytes)} after ${m.cycles} mount/unmount cycles (${m.cyclesMs} ms)`,
    `growth over the cycles: ${kb(m.growthAfterCyclesBytes)} (${m.growthPerCycleBytes} B/cycle; second half alone ${m.secondHalfGrowthPerCycleBytes} B/cycle); iframes left ${m.iframesLeft}, frames tracked ${m.framesTracked}, window message listeners ${m.messageListeners.before} → ${m.messageListeners.mounted} mounted → ${m.messageListeners.afterCycles} after`,
  ].join('\n');
}

/**
 * @param {any} r the results object
 * @param {(s: string) => void} [out] where each block of lines goes (report.mjs collects them for the HTML page)
 */
export function printTables(r, out = console.log) {
  const section = (title, fn, value) => {
    out(`\n== ${title}`);
    if (value?.error) out(NA(`error: ${value.error}`));
    else if (value?.skipped) out(NA(`skipped: ${value.skipped}`));
    else if (value == null) out(NA('not built'));
    else out(fn(value));
  };
  out(
    `\nTessera bench, ${r.machine.date}: ${r.machine.cores} cores (${r.machine.cpu}), node ${r.machine.node}, load average ${r.machine.loadavgStart.toFixed(1)} at start, ${r.machine.loadavgEnd?.toFixed(1)} at end`,
  );
  section('Edge: one workerd (Miniflare), autocannon on loopback', edgeTable, r.edge);
  section('Webhooks: POST /v1/tokens (pk) with 0 and with 3 endpoints, same workerd', webhookTable, r.edge?.webhooks);
  section('Crypto in the same workerd', (c) => cryptoTable(c, r.edge), r.crypto);
  section('Bundles (gzip -9, brotli 11; node:zlib)', bundleTable, r.bundles);
  section('Time to ready in Chromium (page localhost, edge 127.0.0.1)', readyTable, r.ready);
  section("Pay → token in Chromium, against a bare frame on the edge's origin", tokenizeTable, r.tokenize);
  section('Cost per million tokenizations (Cloudflare prices, bench/prices.json)', costTable, r.cost);
  section('Merchant page memory', memoryTable, r.memory);
  const over = r.budgetsExceeded ?? [];
  out(`\nbudgets: ${over.length === 0 ? 'all met' : `exceeded: ${over.join(', ')}`}`);
}
