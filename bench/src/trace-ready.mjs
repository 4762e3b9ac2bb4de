// Where the time between mount() and `ready` goes, by hand (not part of `pnpm bench`). Serves its own copies of the
// builds (packages/{elements,js}/dist as they are now; build them first) from its own Miniflare and page server, so it
// never touches the bench's cache, and mounts the same merchant page as ready.mjs.
//
//   node bench/src/trace-ready.mjs timing [card|split|floor1|floor3 …]   per-frame milestones (Navigation/Resource
//                                                                          Timing, absolute clock), medians of N runs
//   node bench/src/trace-ready.mjs trace  [card|split|floor1|floor3 …]   a Chromium trace of N mounts per kind: the
//                                                                          frames' renderer main-thread time by event
//   node bench/src/trace-ready.mjs profile [card|split …]                 a CDP CPU profile (50 µs) of each frame from
//                                                                          its start to ready: JS self time by function
//   node bench/src/trace-ready.mjs pair   [card|split …]                 build A (TRACE_ELEMENTS) against build B
//                                                                          (TRACE_ELEMENTS_B), two edges, one browser,
//                                                                          mounts alternating: paired differences
//   node bench/src/trace-ready.mjs edge                                   the edge's answer to card.html vs the bare
//                                                                          frame's, from Node, interleaved
//   node bench/src/trace-ready.mjs ab     [card|split]                    ready of the kind vs its bare frames,
//                                                                          interleaved as ready.mjs does, N runs
// TRACE_ELEMENTS (another build of the field page, e.g. unminified), TRACE_CATS (trace categories, comma-separated), TRACE_RUNS (default 15), TRACE_OUT (trace files' directory, default /tmp/trace-ready), TRACE_REBUILD_EDGE=1.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { convertV4MiniflareOptions, Miniflare } from 'miniflare';
import { assembleAssets } from '../../apps/edge/scripts/assets.mjs';
import { launch, openMerchantPage, quantile } from './browser.mjs';
import { benchSecrets, durableObjectsOf, freePort } from './edge-server.mjs';
import { ROOT } from './paths.mjs';

const [mode = 'timing', ...kindsArg] = process.argv.slice(2);
const kinds = kindsArg.length > 0 ? kindsArg : ['card', 'floor1', 'split', 'floor3'];
const RUNS = Number(process.env.TRACE_RUNS || 15);
const OUT = process.env.TRACE_OUT || '/tmp/trace-ready';
// Under the bench's cache (a module path outside the working directory makes workerd fail to start), in a folder
// of its own.
const WORK = join(ROOT, 'bench/node_modules/.cache/trace-ready');
const EDGE_DIR = join(ROOT, 'apps/edge');

const FLOOR_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bare frame</title></head><body>
<input id="number" aria-label="Card number" autocomplete="cc-number" inputmode="numeric">
<script>parent.postMessage({ floor: 'ready', channel: location.hash.slice(1) }, new URLSearchParams(location.search).get('parent'));</script>
</body></html>`;
// TRACE_FLOOR_HEADERS=1: the bare frame answered with the field page's headers (its CSP, by nonce; its
// Permissions-Policy), to tell what the browser's handling of those headers costs from what the edge's code does.
const FIELD_HEADERS = (nonce, parent) => ({
  'Content-Security-Policy': `default-src 'none'; script-src 'nonce-${nonce}' 'strict-dynamic'; style-src 'self' 'nonce-${nonce}'; img-src 'self' data:; font-src 'self' https://fonts.gstatic.com https://fonts.bunny.net; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; require-trusted-types-for 'script'; trusted-types lit-html tessera-liner; frame-ancestors ${parent}`,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Permissions-Policy':
    'accelerometer=(), autoplay=(), camera=(), display-capture=(), encrypted-media=(), fullscreen=(), geolocation=(), gyroscope=(), hid=(), identity-credentials-get=(), magnetometer=(), microphone=(), midi=(), payment=(), publickey-credentials-create=(), publickey-credentials-get=(), screen-wake-lock=(), serial=(), usb=(), xr-spatial-tracking=()',
});
const FLOOR = process.env.TRACE_FLOOR_HEADERS
  ? `const page = ${JSON.stringify(FLOOR_PAGE.replace('<script>', '<script nonce="NONCE">'))};
const headers = ${FIELD_HEADERS.toString()};
export default { fetch(request) {
  const nonce = crypto.randomUUID().replaceAll('-', '');
  const parent = new URL(request.url).searchParams.get('parent');
  return new Response(page.replace('NONCE', nonce), { headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...headers(nonce, parent) } });
} };`
  : `const page = ${JSON.stringify(FLOOR_PAGE)};
export default { fetch() { return new Response(page, { headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' } }); } };`;

const SERVE = `  const page = new Response(asset.body, { status: 200, headers: fieldPageHeaders(nonce, ancestors) });`;
const linkPatch = (link) => [
  SERVE,
  `  const text = await asset.text();
  const headers = fieldPageHeaders(nonce, ancestors);
  const src = /<script type="module"[^>]*src="([^"]+)"/.exec(text)?.[1];
  if (src) headers.set('Link', ${link});
  const page = new Response(text, { status: 200, headers });`,
];
const EDGE_PATCHES = {
  // The field page as served before the edge kept it per isolate: an assets read and a streaming rewrite each time.
  rewriteeach: [
    '  const { html, token } = await fieldPageTemplate(env, request);\n  const nonce = newNonce();\n  return new Response(\n    html.replaceAll(token, () => nonce),\n    { status: 200, headers: fieldPageHeaders(nonce, ancestors) }\n  );',
    `  const asset = await fetchStaticAsset(env.ASSETS, request, \`\${ELEMENTS_BASE}\${FIELD_PAGE}\`, false);
  if (!asset.ok) throw new EdgeError("not_found");
  const nonce = newNonce();
  return addNonces(new Response(asset.body, { status: 200, headers: fieldPageHeaders(nonce, ancestors) }), nonce);`,
  ],
  // Server-Timing on every answer: when the edge got the request and answered (Date.now() moves across I/O), and
  // how many requests it held at arrival.
  servertiming: [
    'var index_default = { fetch: app.fetch };',
    `globalThis.__inflight = 0;
var index_default = {
  async fetch(request, env, ctx) {
    const at = Date.now();
    const held = globalThis.__inflight++;
    try {
      const response = await app.fetch(request, env, ctx);
      const copy = new Response(response.body, response);
      copy.headers.append('Server-Timing', \`edge;dur=\${Date.now() - at};desc="held \${held} at \${at % 100000}"\`);
      return copy;
    } finally {
      globalThis.__inflight--;
    }
  },
};`,
  ],
  // The field page without config, key check, asset fetch or rewriter: what the rest of the edge costs.
  fixedpage: [
    '  if (path === FIELD_PAGE) return serveFieldPage(env, await config(), request);',
    `  if (path === FIELD_PAGE) {
    globalThis.__page ??= await (await env.ASSETS.fetch(new Request(new URL('/elements/v1/card.html', request.url)))).text();
    const nonce = newNonce();
    return new Response(globalThis.__page.replace('<script ', \`<script nonce="\${nonce}" \`), { headers: fieldPageHeaders(nonce, [new URL(request.url).searchParams.get('parent')]) });
  }`,
  ],
  // The page's text kept by the isolate, nonces still added by HTMLRewriter.
  cachedrewriter: [
    '  if (path === FIELD_PAGE) return serveFieldPage(env, await config(), request);',
    `  if (path === FIELD_PAGE) {
    const ancestors = await fieldPageAncestors(await config(), new URL(request.url));
    globalThis.__page ??= await (await env.ASSETS.fetch(new Request(new URL('/elements/v1/card.html', request.url)))).text();
    const nonce = newNonce();
    return addNonces(new Response(globalThis.__page, { headers: fieldPageHeaders(nonce, ancestors) }), nonce);
  }`,
  ],
  // The same, after the configuration and the key check.
  fixedasset: [
    '  if (path === FIELD_PAGE) return serveFieldPage(env, await config(), request);',
    `  if (path === FIELD_PAGE) {
    const ancestors = await fieldPageAncestors(await config(), new URL(request.url));
    globalThis.__page ??= await (await env.ASSETS.fetch(new Request(new URL('/elements/v1/card.html', request.url)))).text();
    const nonce = newNonce();
    return new Response(globalThis.__page.replace('<script ', \`<script nonce="\${nonce}" \`), { headers: fieldPageHeaders(nonce, ancestors) });
  }`,
  ],
  modulepreload: linkPatch(['`<$', '{src}>; rel=modulepreload; nonce=$', '{nonce}`'].join('')),
  preload: linkPatch(['`<$', '{src}>; rel=preload; as=script; crossorigin; nonce=$', '{nonce}`'].join('')),
};

/** Copies a field page build (and the SDK's) and assembles the edge's assets from them, in WORK/<name>/. */
function prepareAssets(name, from) {
  const dir = join(WORK, name);
  const elements = join(dir, 'elements');
  const js = join(dir, 'js');
  for (const [source, to] of [
    [from, elements],
    ['packages/js/dist', js],
  ]) {
    rmSync(to, { recursive: true, force: true });
    cpSync(resolve(ROOT, source), to, { recursive: true });
  }
  assembleAssets({ elements, js, out: join(dir, 'assets') });
  return { js, assets: join(dir, 'assets'), elements };
}

function prepare() {
  mkdirSync(WORK, { recursive: true });
  const a = prepareAssets('a', process.env.TRACE_ELEMENTS || 'packages/elements/dist');
  const edgeDist = join(WORK, 'edge-dist');
  const original = join(edgeDist, 'index.original.js');
  if (process.env.TRACE_REBUILD_EDGE === '1' || !existsSync(original)) {
    const run = spawnSync(join(EDGE_DIR, 'node_modules/.bin/wrangler'), ['deploy', '--dry-run', '--outdir', edgeDist], {
      cwd: EDGE_DIR,
      encoding: 'utf8',
      env: { ...process.env, PATH: `${dirname(process.execPath)}:${process.env.PATH}` },
    });
    if (run.status !== 0) throw new Error(run.stderr || run.stdout);
    cpSync(join(edgeDist, 'index.js'), original);
  }
  // Experiments on the edge's field-page route, in this copy of its bundle only (TRACE_EDGE_PATCH=<name>).
  const patch = EDGE_PATCHES[process.env.TRACE_EDGE_PATCH ?? ''];
  const bundle = join(edgeDist, 'index.js');
  let text = readFileSync(original, 'utf8');
  if (patch) {
    const before = text;
    text = text.replace(patch[0], patch[1]);
    if (text === before) throw new Error('edge patch did not apply');
  }
  writeFileSync(bundle, text);
  return { ...a, edgeDist };
}

async function startEdge({ edgeDist, assets, secrets, name = 'a', patch }) {
  const wrangler = readFileSync(join(EDGE_DIR, 'wrangler.jsonc'), 'utf8');
  const compatibilityDate = /"compatibility_date":\s*"([^"]+)"/.exec(wrangler)?.[1] ?? '2026-10-01';
  let script = readFileSync(join(edgeDist, 'index.js'), 'utf8');
  // TRACE_EDGE_PATCH_B: the second edge of `pair` runs the original bundle with this patch instead.
  if (patch !== undefined) {
    script = readFileSync(join(edgeDist, 'index.original.js'), 'utf8');
    if (EDGE_PATCHES[patch]) script = script.replace(EDGE_PATCHES[patch][0], EDGE_PATCHES[patch][1]);
  }
  const mf = new Miniflare(
    convertV4MiniflareOptions({
      host: '127.0.0.1',
      port: await freePort(),
      workers: [
        {
          name: 'tessera-edge',
          modules: [{ type: 'ESModule', path: join(edgeDist, 'index.js'), contents: script }],
          compatibilityDate,
          bindings: secrets,
          durableObjects: durableObjectsOf(wrangler),
          ratelimits: Object.fromEntries(
            [
              'CREATE_PER_CLIENT',
              'CREATE_PER_KEY',
              'FAILURES_PER_CLIENT',
              'AUDITED_REFUSALS_PER_CLIENT',
              'KEY_CHECKS_PER_CLIENT',
            ].map((n, i) => [n, { namespace_id: String(2101 + i), simple: { limit: 1_000_000, period: 10 } }]),
          ),
          assets: {
            directory: assets,
            binding: 'ASSETS',
            routerConfig: { has_user_worker: true, invoke_user_worker_ahead_of_assets: true },
            assetConfig: { html_handling: 'none', not_found_handling: 'none' },
          },
        },
        { name: 'floor', script: FLOOR, modules: true, compatibilityDate, routes: ['*/__bench/floor*'] },
      ],
      durableObjectsPersist: join(WORK, name, 'do'),
      handleRuntimeStdio(stdout, stderr) {
        stdout.resume();
        stderr.resume();
      },
      handleStructuredLogs() {},
      logRequests: false,
    }),
  );
  const url = await mf.ready;
  return { mf, origin: url.origin };
}

function startPageServer({ port, pk, edge, edgeB, js }) {
  const page = (edgeOrigin) => {
    const config = JSON.stringify({ pk, edge: edgeOrigin }).replace(/</g, '\\u003c');
    return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench merchant</title>
<script type="application/json" id="bench-config">${config}</script>
<script type="module" src="/bench-page.js"></script></head>
<body><div id="card"></div><div id="number"></div><div id="expiry"></div><div id="cvc"></div></body></html>`;
  };
  const files = {
    '/': ['text/html; charset=utf-8', page(edge)],
    ...(edgeB && { '/b/': ['text/html; charset=utf-8', page(edgeB)] }),
    // TRACE_PAGE: another copy of the merchant page's script (an experiment on how the bare frames are made).
    '/bench-page.js': [
      'text/javascript',
      readFileSync(process.env.TRACE_PAGE || new URL('page/bench-page.js', import.meta.url)),
    ],
    '/tessera.js': ['text/javascript', readFileSync(join(js, 'tessera.js'))],
  };
  const server = createServer((req, res) => {
    const file = files[new URL(req.url ?? '/', 'http://x').pathname];
    if (!file) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': file[0], 'cache-control': 'no-store' }).end(file[1]);
  });
  return new Promise((done) => server.listen(port, 'localhost', () => done(server)));
}

const mount = (page, kind) => page.evaluate((k) => window.bench.mount(k), kind);

/** Per frame of the last mount: milestones in ms after mount(), from the frame's own timing entries. */
async function frameMilestones(page, t0Abs, edge) {
  const out = [];
  for (const frame of page.frames()) {
    if (!frame.url().startsWith(edge)) continue;
    const m = await frame
      .evaluate(() => {
        const nav = performance.getEntriesByType('navigation')[0];
        const res = performance.getEntriesByType('resource').map((r) => ({
          name: new URL(r.name).pathname.split('/').pop(),
          start: r.startTime,
          end: r.responseEnd,
          size: r.transferSize,
        }));
        const marks = performance.getEntriesByType('mark').map((m) => ({ name: m.name, at: m.startTime }));
        const paints = performance.getEntriesByType('paint').map((p) => ({ name: p.name, at: p.startTime }));
        return {
          server: nav?.serverTiming?.map((t) => `${t.name} ${t.duration} ${t.description}`) ?? [],
          origin: performance.timeOrigin,
          nav: nav && {
            requestStart: nav.requestStart,
            responseStart: nav.responseStart,
            responseEnd: nav.responseEnd,
            domInteractive: nav.domInteractive,
            dcl: nav.domContentLoadedEventEnd,
            load: nav.loadEventEnd,
          },
          res,
          marks,
          paints,
        };
      })
      .catch(() => null);
    if (!m) continue;
    const rel = (t) => Number((m.origin + t - t0Abs).toFixed(1));
    const row = { navStart: rel(0) };
    for (const [i, t] of (m.server ?? []).entries()) {
      const [, dur, , held] = t.split(' ');
      row[`server${i}:dur`] = Number(dur);
      row[`server${i}:held`] = Number(held);
    }
    for (const [k, v] of Object.entries(m.nav ?? {})) row[k] = rel(v);
    for (const r of m.res) {
      row[`res:${r.name}:start`] = rel(r.start);
      row[`res:${r.name}:end`] = rel(r.end);
    }
    for (const x of m.marks) row[`mark:${x.name}`] = rel(x.at);
    for (const x of m.paints) row[`paint:${x.name}`] = rel(x.at);
    out.push(row);
  }
  return out;
}

async function timing(page, edge) {
  for (const kind of kinds) {
    await mount(page, kind);
    const rows = {};
    const readies = [];
    for (let i = 0; i < RUNS; i++) {
      const { t0, readyMs, each } = await mount(page, kind);
      const t0Abs = await page.evaluate((t) => performance.timeOrigin + t, t0);
      readies.push(readyMs);
      // The parent's ready events, in mount order (not necessarily the frames' order below).
      const push = (key, value) => {
        rows[key] ??= [];
        rows[key].push(value);
      };
      each.forEach((t, j) => {
        push(`parent ready #${j}`, t);
      });
      const frames = await frameMilestones(page, t0Abs, edge);
      frames.forEach((f, j) => {
        for (const [k, v] of Object.entries(f)) push(`${j}:${k}`, v);
      });
    }
    console.log(`\n== ${kind}: ready median ${quantile(readies, 0.5)} ms (p90 ${quantile(readies, 0.9)})`);
    const sorted = Object.entries(rows)
      .map(([k, xs]) => [k, quantile(xs, 0.5), xs.length])
      .sort((a, b) => a[1] - b[1]);
    for (const [k, med, n] of sorted) console.log(`${String(med).padStart(7)}  ${k}${n < RUNS ? ` (n=${n})` : ''}`);
  }
}

async function ab(page) {
  for (const kind of kinds) {
    const floorKind = kind === 'card' ? 'floor1' : 'floor3';
    await mount(page, floorKind);
    await mount(page, kind);
    const a = [];
    const b = [];
    for (let i = 0; i < RUNS; i++) {
      if (i % 2 === 0) b.push((await mount(page, floorKind)).readyMs);
      a.push((await mount(page, kind)).readyMs);
      if (i % 2 === 1) b.push((await mount(page, floorKind)).readyMs);
    }
    const ma = quantile(a, 0.5);
    const mb = quantile(b, 0.5);
    console.log(`${kind}: ${ma} ms vs ${floorKind} ${mb} ms → ${(ma / mb).toFixed(2)}x (p90 ${quantile(a, 0.9)})`);
  }
}

/**
 * The frames' renderer main threads: time by path of nested trace events (inclusive, summed over the runs), and
 * self time by event name.
 */
function analyze(events, label, runs) {
  const threadNames = new Map();
  for (const e of events) {
    if (e.ph === 'M' && e.name === 'thread_name') threadNames.set(`${e.pid}:${e.tid}`, e.args.name);
  }
  // Renderer processes that ran a frame of the edge's origin (the merchant page is on localhost).
  const edgePids = new Set(
    events.filter((e) => e.name === 'ParseHTML' && /127\.0\.0\.1/.test(e.args?.beginData?.url ?? '')).map((e) => e.pid),
  );
  const main = events.filter(
    (e) => edgePids.has(e.pid) && threadNames.get(`${e.pid}:${e.tid}`) === 'CrRendererMain' && e.ph === 'X',
  );
  main.sort((a, b) => a.pid - b.pid || a.ts - b.ts || b.dur - a.dur);
  const byPath = new Map();
  const self = new Map();
  let stack = [];
  let pid;
  let total = 0;
  const name = (e) => {
    const url = e.args?.data?.url ?? e.args?.data?.stackTrace?.[0]?.url ?? e.args?.fileName;
    return `${e.name}${url ? ` ${String(url).split('/').pop().split('?')[0].slice(0, 24)}` : ''}`;
  };
  for (const e of main) {
    if (e.pid !== pid) {
      stack = [];
      pid = e.pid;
    }
    while (stack.length && stack.at(-1).e.ts + stack.at(-1).e.dur <= e.ts) stack.pop();
    if (stack.length === 0) total += e.dur;
    const path = [...stack.map((s) => s.key), name(e)].join(' > ');
    const parent = stack.at(-1);
    if (parent) parent.children += e.dur;
    const node = { e, key: name(e), path, children: 0 };
    stack.push(node);
    const entry = byPath.get(path) ?? { dur: 0, n: 0, self: 0 };
    entry.dur += e.dur;
    entry.n++;
    byPath.set(path, entry);
    node.entry = entry;
    node.done = () => {};
  }
  // Self time: inclusive minus direct children (second pass over the same nesting).
  stack = [];
  pid = undefined;
  for (const e of main) {
    if (e.pid !== pid) {
      for (const s of stack) flush(s);
      stack = [];
      pid = e.pid;
    }
    while (stack.length && stack.at(-1).e.ts + stack.at(-1).e.dur <= e.ts) flush(stack.pop());
    const parent = stack.at(-1);
    if (parent) parent.children += e.dur;
    stack.push({ e, children: 0 });
  }
  for (const s of stack) flush(s);
  function flush(s) {
    const key = s.e.name;
    self.set(key, (self.get(key) ?? 0) + Math.max(0, s.e.dur - s.children));
  }
  const ms = (us) => (us / 1000 / runs).toFixed(2).padStart(7);
  console.log(`\n== ${label}: ${edgePids.size} renderer processes; per mount: main thread busy ${ms(total)} ms`);
  console.log('-- inclusive by path (per mount, ≥ 0.3 ms)');
  const rows = [...byPath.entries()].filter(([, v]) => v.dur / 1000 / runs >= 0.3);
  rows.sort((a, b) => (a[0] < b[0] ? -1 : 1));
  for (const [k, v] of rows) {
    const parts = k.split(' > ');
    console.log(`${ms(v.dur)} ${String(v.n).padStart(5)}×  ${'  '.repeat(parts.length - 1)}${parts.at(-1)}`);
  }
  cpuProfile(events, edgePids, ms);
  if (process.env.TRACE_TIMELINE) timeline(main, [...edgePids].at(-2), Number(process.env.TRACE_TIMELINE));
  console.log('-- self time by name (per mount, top 25)');
  for (const [k, v] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`${ms(v)}  ${k}`);
}

const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8.execute',
  'blink',
  'blink.user_timing',
  'loading',
  'toplevel',
].join(',');

/** One renderer's main thread in time order: events nested up to `depth`, ≥ 0.1 ms, times from its first event. */
function timeline(main, pid, depth) {
  const own = main.filter((e) => e.pid === pid);
  const t0 = own[0]?.ts ?? 0;
  const stack = [];
  console.log(`-- timeline of renderer ${pid} (ms from its first main-thread event; depth ≤ ${depth})`);
  for (const e of own) {
    while (stack.length && stack.at(-1).ts + stack.at(-1).dur <= e.ts) stack.pop();
    if (stack.length < depth && e.dur >= 100) {
      const url = e.args?.data?.url ?? e.args?.beginData?.url ?? '';
      const tag = url ? ` ${String(url).split('/').pop().split('?')[0].slice(0, 24)}` : '';
      console.log(
        `${((e.ts - t0) / 1000).toFixed(2).padStart(8)} ${(e.dur / 1000).toFixed(2).padStart(7)}  ${'  '.repeat(stack.length)}${e.name}${tag}`,
      );
    }
    stack.push(e);
  }
}

/** JS samples of the frames' processes (trace category disabled-by-default-v8.cpu_profiler), self time by function. */
function cpuProfile(events, pids, ms) {
  const nodes = new Map();
  const selfUs = new Map();
  let samples = 0;
  for (const e of events) {
    if (e.name !== 'ProfileChunk' || !pids.has(e.pid)) continue;
    const profile = e.args?.data?.cpuProfile;
    if (!profile) continue;
    const id = `${e.pid}:${e.id}`;
    for (const n of profile.nodes ?? []) nodes.set(`${id}:${n.id}`, n);
    const deltas = e.args.data.timeDeltas ?? [];
    (profile.samples ?? []).forEach((sample, i) => {
      const node = nodes.get(`${id}:${sample}`);
      if (!node) return;
      samples++;
      const f = node.callFrame;
      const key = `${f.functionName || '(anon)'} ${String(f.url ?? '')
        .split('/')
        .pop()}:${f.lineNumber ?? ''}`;
      // Each sample stands for the time until the next one.
      const dt = deltas[i + 1] ?? deltas[i] ?? 0;
      selfUs.set(key, (selfUs.get(key) ?? 0) + dt);
    });
  }
  if (samples === 0) return;
  console.log(`-- JS self time by function (${samples} samples, per mount, top 40)`);
  for (const [k, v] of [...selfUs.entries()].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(`${ms(v)}  ${k}`);
}

/** CPU profiles of the field frames: each frame paused at start, profiled, resumed; stopped once the mount is ready. */
async function profile(page) {
  // TRACE_BY_MODULE=1 (an unminified build, TRACE_ELEMENTS): self time by source module instead of by function.
  const byModule = process.env.TRACE_BY_MODULE === '1';
  const bundleLines = new Map();
  const moduleAt = (url, line) => {
    const file = new URL(url).pathname.split('/').pop();
    if (!bundleLines.has(file)) {
      const text = readFileSync(join(WORK, 'a/elements/assets', file), 'utf8').split('\n');
      let current = '(prelude)';
      bundleLines.set(
        file,
        text.map((l) => {
          const m = /^\/\/ (\S+\.(?:ts|js|mjs))$/.exec(l);
          if (m) current = m[1].replace(/^.*node_modules\//, '').replace(/^\.\.\/protocol\/src/, 'protocol');
          return current;
        }),
      );
    }
    return bundleLines.get(file)[line - 1] ?? '?';
  };
  const cdp = await page.context().newCDPSession(page);
  const sessions = [];
  cdp.on('Target.attachedToTarget', async ({ sessionId, targetInfo }) => {
    if (targetInfo.type !== 'iframe') return;
    const send = (method, params = {}) =>
      cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: ++msgId, method, params }) });
    sessions.push({ sessionId, send });
    await send('Profiler.enable');
    await send('Profiler.setSamplingInterval', { interval: 50 });
    await send('Profiler.start');
    await send('Runtime.runIfWaitingForDebugger');
  });
  let msgId = 0;
  const replies = new Map();
  cdp.on('Target.receivedMessageFromTarget', ({ message }) => {
    const m = JSON.parse(message);
    if (m.id && replies.has(m.id)) replies.get(m.id)(m.result);
  });
  const call = (sessionId, method, params = {}) =>
    new Promise((done) => {
      const id = ++msgId;
      replies.set(id, done);
      void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) });
    });
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: false });
  for (const kind of kinds) {
    await mount(page, kind);
    const self = new Map();
    let totalUs = 0;
    const readies = [];
    for (let i = 0; i < RUNS; i++) {
      sessions.length = 0;
      readies.push((await mount(page, kind)).readyMs);
      for (const { sessionId } of sessions) {
        const result = await call(sessionId, 'Profiler.stop');
        const prof = result?.profile;
        if (!prof) continue;
        const byId = new Map(prof.nodes.map((n) => [n.id, n]));
        const interval = prof.samples.length > 0 ? (prof.endTime - prof.startTime) / prof.samples.length : 0;
        if (byModule) {
          // Each node's ticks by source line (positionTicks), to the module whose `// path` comment precedes it.
          for (const node of prof.nodes) {
            const f = node.callFrame;
            const lines =
              node.positionTicks ?? (node.hitCount ? [{ line: f.lineNumber + 1, ticks: node.hitCount }] : []);
            for (const { line, ticks } of lines) {
              const key = f.url.includes('/assets/')
                ? `${moduleAt(f.url, line)}${process.env.TRACE_BY_LINE ? `:${line}` : ''}`
                : `(${f.functionName || 'native'})`;
              self.set(key, (self.get(key) ?? 0) + ticks * interval);
              totalUs += ticks * interval;
            }
          }
          continue;
        }
        prof.samples.forEach((sample, j) => {
          const f = byId.get(sample).callFrame;
          const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
          const dt = prof.timeDeltas[j + 1] ?? 0;
          totalUs += dt;
          self.set(key, (self.get(key) ?? 0) + dt);
        });
      }
    }
    console.log(
      `\n== ${kind}: ready median ${quantile(readies, 0.5)} ms under profiling; per mount, profiled ${(totalUs / 1000 / RUNS).toFixed(1)} ms`,
    );
    for (const [k, v] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 50)) {
      console.log(`${(v / 1000 / RUNS).toFixed(2).padStart(7)}  ${k}`);
    }
  }
}

/** Time to the whole body of card.html and of the bare frame's page, from Node (keep-alive), interleaved. */
async function edgeTimes(origin, pk, parent) {
  const urls = {
    card: `${origin}/elements/v1/card.html?key=${pk}&parent=${encodeURIComponent(parent)}`,
    floor: `${origin}/__bench/floor?parent=${encodeURIComponent(parent)}`,
  };
  const times = { card: [], floor: [], 'card ×3': [], 'floor ×3': [] };
  const get = async (name, url) => {
    const r = await fetch(url, { headers: { 'Sec-Fetch-Dest': 'iframe', 'Sec-Fetch-Site': 'cross-site' } });
    await r.text();
    if (r.status !== 200) throw new Error(`${name}: HTTP ${r.status}`);
  };
  for (let i = 0; i < RUNS * 4 + 20; i++) {
    for (const [name, url] of Object.entries(urls)) {
      let t = performance.now();
      await get(name, url);
      if (i >= 20) times[name].push(performance.now() - t);
      t = performance.now();
      await Promise.all([get(name, url), get(name, url), get(name, url)]);
      if (i >= 20) times[`${name} ×3`].push(performance.now() - t);
    }
  }
  for (const [name, xs] of Object.entries(times))
    console.log(`${name}: median ${quantile(xs, 0.5)} ms, p90 ${quantile(xs, 0.9)} ms (${xs.length})`);
}

/** Two builds in one browser, mounts alternating A B B A …: medians, and the median of the paired differences. */
async function pair(pageA, pageB) {
  for (const kind of kinds) {
    await mount(pageA, kind);
    await mount(pageB, kind);
    const a = [];
    const b = [];
    for (let i = 0; i < RUNS; i++) {
      const order = i % 2 === 0 ? [pageA, pageB] : [pageB, pageA];
      for (const page of order) (page === pageA ? a : b).push((await mount(page, kind)).readyMs);
    }
    const diffs = a.map((x, i) => b[i] - x);
    const faster = diffs.filter((d) => d < 0).length;
    console.log(
      `${kind}: A ${quantile(a, 0.5)} ms, B ${quantile(b, 0.5)} ms; B − A median ${quantile(diffs, 0.5)} ms (p25 ${quantile(diffs, 0.25)}, p75 ${quantile(diffs, 0.75)}), B faster in ${faster}/${RUNS}`,
    );
  }
}

/** The field pages' requests as Playwright reports them: new connection or not, and each phase's time. */
async function net(page) {
  for (const kind of kinds) {
    await mount(page, kind);
    const rows = [];
    const done = [];
    const onFinished = (request) => {
      const url = request.url();
      if (!/card\.html|__bench\/floor/.test(url)) return;
      done.push(request);
    };
    page.on('requestfinished', onFinished);
    for (let i = 0; i < RUNS; i++) {
      done.length = 0;
      const { t0 } = await mount(page, kind);
      await new Promise((r) => setTimeout(r, 50));
      const t0Abs = await page.evaluate((t) => performance.timeOrigin + t, t0);
      const timings = done.map((r) => r.timing()).sort((a, b) => a.startTime - b.startTime);
      rows.push(
        timings.map((t) => ({
          start: t.startTime - t0Abs,
          connect: t.connectStart >= 0 ? t.connectEnd - t.connectStart : null,
          request: t.requestStart,
          response: t.responseStart,
          end: t.responseEnd,
        })),
      );
    }
    page.off('requestfinished', onFinished);
    console.log(
      `\n== ${kind}: per frame, medians (ms): start after mount, new-connection share, requestStart, responseStart, responseEnd (from start)`,
    );
    for (let j = 0; j < Math.max(...rows.map((r) => r.length)); j++) {
      const col = (f) => rows.map((r) => r[j]?.[f]).filter((x) => x != null);
      const conns = col('connect');
      console.log(
        `#${j}: start ${quantile(col('start'), 0.5)}, new connection ${conns.length}/${rows.length} (${quantile(conns, 0.5)} ms), request ${quantile(col('request'), 0.5)}, response ${quantile(col('response'), 0.5)}, end ${quantile(col('end'), 0.5)}`,
      );
    }
  }
}

async function trace(browser, page) {
  mkdirSync(OUT, { recursive: true });
  for (const kind of kinds) {
    await mount(page, kind);
    const path = join(OUT, `${kind}.json`);
    await browser.startTracing(page, {
      path,
      screenshots: false,
      categories: (process.env.TRACE_CATS ?? CATEGORIES).split(','),
    });
    const readies = [];
    for (let i = 0; i < RUNS; i++) readies.push((await mount(page, kind)).readyMs);
    await browser.stopTracing();
    const { traceEvents } = JSON.parse(readFileSync(path, 'utf8'));
    analyze(traceEvents, `${kind} × ${RUNS} (ready median ${quantile(readies, 0.5)} ms under tracing)`, RUNS);
  }
}

const dirs = prepare();
const pageOrigin = `http://localhost:${await freePort()}`;
const { merchant, secrets } = await benchSecrets({ pageOrigin });
const edge = await startEdge({ ...dirs, secrets });
// `pair`: a second edge serving another build of the field page (TRACE_ELEMENTS_B), its merchant page at /b/.
const edgeB =
  mode === 'pair'
    ? await startEdge({
        ...dirs,
        ...prepareAssets('b', process.env.TRACE_ELEMENTS_B || 'packages/elements/dist'),
        secrets,
        name: 'b',
        patch: process.env.TRACE_EDGE_PATCH_B,
      })
    : undefined;
const server = await startPageServer({
  port: Number(new URL(pageOrigin).port),
  pk: merchant.publishableKey,
  edge: edge.origin,
  edgeB: edgeB?.origin,
  js: dirs.js,
});
const browser = await launch();
try {
  const { page } = await openMerchantPage(browser, `${pageOrigin}/`);
  if (mode === 'timing') await timing(page, edge.origin);
  else if (mode === 'trace') await trace(browser, page);
  else if (mode === 'ab') await ab(page);
  else if (mode === 'profile') await profile(page);
  else if (mode === 'edge') await edgeTimes(edge.origin, merchant.publishableKey, pageOrigin);
  else if (mode === 'net') await net(page);
  else if (mode === 'pair') await pair(page, (await openMerchantPage(browser, `${pageOrigin}/b/`)).page);
  else throw new Error(`unknown mode ${mode}`);
} finally {
  await browser.close();
  server.close();
  await edge.mf.dispose();
  await edgeB?.mf.dispose();
  writeFileSync(join(WORK, 'last-run.txt'), new Date().toISOString());
}
