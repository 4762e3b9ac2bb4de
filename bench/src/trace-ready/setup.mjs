// The servers of trace-ready.mjs: its copies of the builds and the edge's assets (in WORK), the edge's bundle (with
// an experiment patched in, TRACE_EDGE_PATCH), a Miniflare running it beside the bare frame, and the merchant pages.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { convertV4MiniflareOptions, Miniflare } from 'miniflare';
import { assembleAssets } from '../../../apps/edge/scripts/assets.mjs';
import { durableObjectsOf, freePort } from '../edge-server.mjs';
import { ROOT } from '../paths.mjs';
import { EDGE_DIR, WORK } from './settings.mjs';

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

/** The field page's answer with the module also named in a `Link` header (`rel` and its parameters as given). */
const linkPatch = (rel) => [
  '  return new Response(\n    html.replaceAll(token, () => nonce),\n    { status: 200, headers: fieldPageHeaders(nonce, ancestors) }\n  );',
  `  const headers = fieldPageHeaders(nonce, ancestors);
  const src = /<script[^>]*\\ssrc="([^"]+)"/.exec(html)?.[1];
  if (src) headers.set('Link', '<' + src + '>; ${rel}; nonce=' + nonce);
  return new Response(html.replaceAll(token, () => nonce), { status: 200, headers });`,
];
/**
 * The field page's route answered from the page's text kept by the isolate (one assets read), `checked`: after the
 * configuration and the key check, else framed by whatever `parent` says; `answer` is the response's expression.
 */
const keptPage = (checked, answer) => [
  '  if (path === FIELD_PAGE) return serveFieldPage(env, await config(), request);',
  `  if (path === FIELD_PAGE) {
    const ancestors = ${checked ? 'await fieldPageAncestors(await config(), new URL(request.url))' : "[new URL(request.url).searchParams.get('parent')]"};
    const name = new URL(request.url).searchParams.has('type') ? 'split.html' : 'card.html';
    globalThis.__pages ??= {};
    globalThis.__pages[name] ??= await (await env.ASSETS.fetch(new Request(new URL('/elements/v1/' + name, request.url)))).text();
    globalThis.__page = globalThis.__pages[name];
    const nonce = newNonce();
    return ${answer};
  }`,
];
/** The kept page with its nonce put in by a string replacement. */
const NONCE_BY_REPLACE =
  // biome-ignore lint/suspicious/noTemplateCurlyInString: source text of the patched edge, its template and all
  'new Response(globalThis.__page.replace(/<script\\b/, `<script nonce="${nonce}"`), { headers: fieldPageHeaders(nonce, ancestors) })';
const EDGE_PATCHES = {
  // The field page as served before the edge kept it per isolate: an assets read and a streaming rewrite each time.
  rewriteeach: [
    '  const { html, token } = await fieldPageTemplate(env, request, page);\n  const nonce = newNonce();\n  return new Response(\n    html.replaceAll(token, () => nonce),\n    { status: 200, headers: fieldPageHeaders(nonce, ancestors) }\n  );',
    `  const asset = await fetchStaticAsset(env.ASSETS, request, \`\${ELEMENTS_BASE}\${page}\`, false);
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
  fixedpage: keptPage(false, NONCE_BY_REPLACE),
  // The page's text kept by the isolate, nonces still added by HTMLRewriter.
  cachedrewriter: keptPage(
    true,
    'addNonces(new Response(globalThis.__page, { headers: fieldPageHeaders(nonce, ancestors) }), nonce)',
  ),
  // The same, after the configuration and the key check.
  fixedasset: keptPage(true, NONCE_BY_REPLACE),
  modulepreload: linkPatch('rel=modulepreload'),
  preload: linkPatch('rel=preload; as=script; crossorigin'),
};

/**
 * Copies a field page build (and the SDK's) and assembles the edge's assets from them, in WORK/<name>/; `derive`, if
 * given, changes the copy of the field page build first (its folder as argument).
 */
export function prepareAssets(name, from, derive) {
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
  derive?.(elements);
  assembleAssets({ elements, js, out: join(dir, 'assets') });
  return { js, assets: join(dir, 'assets'), elements };
}

/** The field page build A (TRACE_ELEMENTS) and the edge's bundle (built once, then kept), in WORK. */
export function prepare() {
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

/** A Miniflare serving the edge (its assets from `assets`) and the bare frame at /__bench/floor. */
export async function startEdge({ edgeDist, assets, secrets, name = 'a', patch }) {
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

/** The merchant pages on localhost: one per edge, `pages` mapping each page's path to its edge's origin. */
export function startPageServer({ port, pk, pages, js }) {
  const page = (edgeOrigin) => {
    const config = JSON.stringify({ pk, edge: edgeOrigin }).replace(/</g, '\\u003c');
    return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench merchant</title>
<script type="application/json" id="bench-config">${config}</script>
<script type="module" src="/bench-page.js"></script></head>
<body><div id="card"></div><div id="number"></div><div id="expiry"></div><div id="cvc"></div></body></html>`;
  };
  const files = {
    ...Object.fromEntries(
      Object.entries(pages).map(([path, edge]) => [path, ['text/html; charset=utf-8', page(edge)]]),
    ),
    // TRACE_PAGE: another copy of the merchant page's script (an experiment on how the bare frames are made).
    '/bench-page.js': [
      'text/javascript',
      readFileSync(process.env.TRACE_PAGE || new URL('../page/bench-page.js', import.meta.url)),
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
