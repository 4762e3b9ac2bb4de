// Part 3: bytes a browser downloads, gzip (level 9) and brotli (quality 11) by node:zlib, for our three builds
// and, measured the same way in the same run, two peers' merchant-side card fields.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build, transform } from 'esbuild';
import { DIST, ROOT } from './paths.mjs';

export const BUDGETS = { sdk: 10 * 1024, fieldPage: 30 * 1024 };
const BENCH = join(ROOT, 'bench');
const nm = (p) => join(BENCH, 'node_modules', p);

/** @param {Array<{ name: string, body: Buffer | string }>} files */
function measure(files) {
  const each = files.map(({ name, body }) => {
    const buf = Buffer.from(body);
    return {
      name,
      raw: buf.length,
      gzip: gzipSync(buf, { level: 9 }).length,
      brotli: brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    };
  });
  const sum = (k) => each.reduce((n, f) => n + f[k], 0);
  return { raw: sum('raw'), gzip: sum('gzip'), brotli: sum('brotli'), files: each };
}

const jsIn = (dir) =>
  existsSync(dir) ? readdirSync(dir, { recursive: true }).filter((f) => /\.(m?js|css)$/.test(String(f))) : [];

/** The merchant SDK: packages/js/dist/tessera.js. */
function sdk() {
  const file = join(DIST.js, 'tessera.js');
  if (!existsSync(file)) return null;
  return measure([{ name: 'packages/js/dist/tessera.js', body: readFileSync(file) }]);
}

/**
 * <tessera-card>: the module a bundler takes (dist/tessera-card.js, which imports ./tessera.js: what the element
 * adds to the SDK) and the classic script the edge serves at /js/v1/tessera-card.js, the SDK inside.
 */
function sdkCard() {
  const file = (name) => join(DIST.js, name);
  if (!existsSync(file('tessera-card.js')) || !existsSync(file('tessera-card.iife.js'))) return null;
  return {
    module: measure([{ name: 'packages/js/dist/tessera-card.js', body: readFileSync(file('tessera-card.js')) }]),
    script: measure([
      { name: 'packages/js/dist/tessera-card.iife.js', body: readFileSync(file('tessera-card.iife.js')) },
    ]),
  };
}

/** What a field page loads: the scripts and stylesheets it names, and what those import statically. */
function loadedBy(dist, html) {
  const seen = new Set();
  const queue = [...html.matchAll(/\s(?:src|href)="\/elements\/v1\/([^"]+\.(?:js|css))"/g)].map((m) =>
    join(dist, m[1]),
  );
  while (queue.length > 0) {
    const file = /** @type {string} */ (queue.shift());
    if (seen.has(file) || !existsSync(file)) continue;
    seen.add(file);
    if (!file.endsWith('.js')) continue;
    const code = readFileSync(file, 'utf8');
    // Static imports only (`import … from "./x.js"`, `import "./x.js"`); `import("…")` is lazy by definition.
    for (const m of code.matchAll(/(?:^|[;\s}])(?:import|export)\s*(?:[^"'();]*?\sfrom\s*)?["']([^"']+\.js)["']/g)) {
      const spec = m[1];
      queue.push(spec.startsWith('/elements/v1/') ? join(dist, spec.slice(13)) : join(dirname(file), spec));
    }
  }
  return seen;
}

/**
 * The field pages: card.html (the combined card, its code inline) and split.html (split fields, the code from its
 * file), each with what it loads. The figure is the heavier page's; `byPage` has both. Anything else under dist/
 * (the lazy webcrypto-liner, dynamic chunks) is listed apart as `lazy`; the budget counts dynamic chunks of the
 * page's own code (`withChunks`), not the liner.
 */
function fieldPage() {
  const dist = DIST.elements;
  const pages = ['card.html', 'split.html'].filter((name) => existsSync(join(dist, name)));
  if (!pages.includes('card.html')) return null;
  const loaded = pages.map((name) => {
    const html = readFileSync(join(dist, name), 'utf8');
    const files = [...loadedBy(dist, html)];
    return {
      name,
      files,
      measured: [{ name, body: html }, ...files.map((f) => ({ name: relative(dist, f), body: readFileSync(f) }))],
    };
  });
  const seen = new Set(loaded.flatMap((page) => page.files));
  const lazy = jsIn(dist)
    .map((f) => join(dist, String(f)))
    .filter((f) => !seen.has(f))
    .map((f) => ({ name: relative(dist, f), body: readFileSync(f) }));
  // Dynamic chunks of the page's own code are downloaded by a frame that pays: the budget counts them. Only the
  // liner (dist/liner/, where WebCrypto cannot seal) is left out.
  const chunks = lazy.filter((f) => !f.name.startsWith('liner/'));
  const byPage = Object.fromEntries(
    loaded.map(({ name, measured }) => [name, { ...measure(measured), withChunks: measure([...measured, ...chunks]) }]),
  );
  const heaviest = Object.values(byPage).sort((a, b) => b.withChunks.gzip - a.withChunks.gzip)[0];
  return { ...heaviest, lazy: measure(lazy), byPage };
}

/** The React wrapper as built (react and react-dom are peers, never in the build). */
function react() {
  const dist = DIST.react;
  const files = jsIn(dist).filter((f) => !String(f).startsWith('types'));
  if (files.length === 0) return null;
  return measure(files.map((f) => ({ name: `packages/react/dist/${f}`, body: readFileSync(join(dist, String(f))) })));
}

/**
 * Braintree: npm ships dist/browser/{client,hosted-fields}.js unminified (the .min.js files live only on
 * Braintree's CDN), so each is minified here with esbuild (whitespace, identifiers, syntax) as the CDN build is.
 */
async function braintree() {
  const files = [];
  for (const f of ['client.js', 'hosted-fields.js']) {
    const source = readFileSync(nm(`braintree-web/dist/browser/${f}`), 'utf8');
    const { code } = await transform(source, { minify: true, target: 'es2015', legalComments: 'none' });
    files.push({ name: `braintree-web/dist/browser/${f} (minified)`, body: code });
  }
  return measure(files);
}

/** Adyen: `import { AdyenCheckout, Card }` bundled by esbuild (minified, tree-shaken) plus its required adyen.css. */
async function adyen() {
  const out = await build({
    stdin: {
      contents: `import { AdyenCheckout, Card } from '@adyen/adyen-web'; window.__adyen = { AdyenCheckout, Card };`,
      resolveDir: BENCH,
      loader: 'js',
    },
    bundle: true,
    minify: true,
    treeShaking: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2020',
    legalComments: 'none',
    define: { 'process.env.NODE_ENV': '"production"' },
    write: false,
    logLevel: 'silent',
  });
  return measure([
    { name: "esbuild: import { AdyenCheckout, Card } from '@adyen/adyen-web'", body: out.outputFiles[0].contents },
    { name: '@adyen/adyen-web/styles/adyen.css', body: readFileSync(nm('@adyen/adyen-web/dist/es/adyen.css')) },
  ]);
}

export async function bundles() {
  const result = { sdk: sdk(), sdkCard: sdkCard(), fieldPage: fieldPage(), react: react(), peers: {} };
  for (const [name, fn] of /** @type {const} */ ([
    ['braintree', braintree],
    ['adyen', adyen],
  ])) {
    try {
      result.peers[name] = await fn();
    } catch (error) {
      result.peers[name] = { error: String(error?.message ?? error).slice(0, 200) };
    }
  }
  result.budgets = {
    sdk: { gzip: result.sdk?.gzip ?? null, limit: BUDGETS.sdk, ok: result.sdk ? result.sdk.gzip <= BUDGETS.sdk : null },
    // The script a page without a bundler loads for <tessera-card> holds the SDK: the SDK's budget holds for it.
    sdkCard: {
      gzip: result.sdkCard?.script.gzip ?? null,
      limit: BUDGETS.sdk,
      ok: result.sdkCard ? result.sdkCard.script.gzip <= BUDGETS.sdk : null,
    },
    fieldPage: {
      gzip: result.fieldPage?.withChunks.gzip ?? null,
      limit: BUDGETS.fieldPage,
      ok: result.fieldPage ? result.fieldPage.withChunks.gzip <= BUDGETS.fieldPage : null,
    },
  };
  return result;
}
