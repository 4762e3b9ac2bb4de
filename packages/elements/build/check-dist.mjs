// After `vite build`: checks what the edge will serve under its strict CSP and prints the field pages' weight.
// - card.html (the combined card) holds its code in one inline script and loads no other; split.html (split fields)
//   holds no inline script and loads the code from its hashed file. Neither has an inline style, a style attribute or an
//   inline event handler (the edge puts its nonce on script, style and link tags only);
// - each page with what it loads (split.html: its script and what that imports statically) fits the budget:
//   30 KB gzip, Lit included;
// - nothing under assets/ is loaded later: a chunk's hashed name changes with every build, so a field page open
//   across a deploy would ask the new edge for a chunk it no longer has, and that shopper could not pay;
// The liner (dist/liner/) and the locale files (dist/locales/*.json) are left out: a page downloads the liner only
// where WebCrypto cannot seal, and at most one locale file, the shopper's; their sizes are printed apart.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET = 30 * 1024;
// The build's dist/, or another folder named on the command line (scripts/packaging checks the checks on fixtures).
const dist = process.argv[2] ?? new URL('../dist/', import.meta.url).pathname;
const pages = { 'card.html': 'inline', 'split.html': 'file' };
const htmlOf = Object.fromEntries(Object.keys(pages).map((name) => [name, readFileSync(join(dist, name), 'utf8')]));

const problems = [];
for (const [name, html] of Object.entries(htmlOf)) {
  const scripts = html.match(/<script\b[^>]*>[\s\S]*?<\/script>/gi) ?? [];
  const inline = scripts.filter((tag) => !/^<script\b[^>]*\ssrc=/i.test(tag));
  const external = scripts.filter((tag) => /^<script\b[^>]*\ssrc=/i.test(tag));
  if (external.some((tag) => !/><\/script>$/i.test(tag))) problems.push(`${name}: a script with a src and a body`);
  if (pages[name] === 'inline' && (inline.length !== 1 || external.length > 0)) {
    problems.push(`${name}: ${inline.length} inline scripts and ${external.length} loaded, not its code inline alone`);
  }
  if (pages[name] === 'file' && inline.length > 0) problems.push(`${name}: inline script: ${inline[0].slice(0, 60)}`);
  if (/<style\b/i.test(html)) problems.push(`${name}: inline <style> element`);
  if (/\sstyle=/i.test(html)) problems.push(`${name}: inline style attribute`);
  if (/\son[a-z]+=/i.test(html)) problems.push(`${name}: inline event handler`);
}

const loaded = new Set();
const queue = [...htmlOf['split.html'].matchAll(/\s(?:src|href)="\/elements\/v1\/(assets\/[^"]+\.(?:js|css))"/g)].map(
  (m) => m[1],
);
while (queue.length > 0) {
  const file = queue.shift();
  if (loaded.has(file)) continue;
  loaded.add(file);
  if (!file.endsWith('.js')) continue;
  const code = readFileSync(join(dist, file), 'utf8');
  for (const m of code.matchAll(/(?:^|[;\s}])(?:import|export)\s*(?:[^"'();]*?\sfrom\s*)?["']\.\/([^"']+\.js)["']/g)) {
    queue.push(`assets/${m[1]}`);
  }
}
const assets = readdirSync(join(dist, 'assets'))
  .filter((f) => /\.(js|css)$/.test(f))
  .map((f) => `assets/${f}`);
for (const name of assets.filter((f) => !loaded.has(f))) {
  problems.push(`${name} is loaded later, not by split.html: a page open across a deploy would get a 404 for it`);
}
const locales = readdirSync(join(dist, 'locales')).map((f) => gzipSync(readFileSync(join(dist, 'locales', f))).length);
const kb = (n) => `${(n / 1024).toFixed(2)} KB`;
/** Prints each file and the page's sum; fails the page over the budget. */
function weigh(page, files) {
  let raw = 0;
  let gzip = 0;
  let gzip9 = 0;
  for (const [name, body] of files) {
    const size = Buffer.byteLength(body);
    const zipped = gzipSync(body).length;
    raw += size;
    gzip += zipped;
    gzip9 += gzipSync(body, { level: 9 }).length;
    console.log(
      `  ${name.padEnd(32)} ${(size / 1024).toFixed(2).padStart(7)} KB  gzip ${(zipped / 1024).toFixed(2)} KB`,
    );
  }
  console.log(`${page}: ${kb(raw)} raw, ${kb(gzip)} gzip (level 6), ${kb(gzip9)} gzip -9; budget ${kb(BUDGET)}`);
  if (gzip > BUDGET) problems.push(`${page} is ${kb(gzip)} gzip, over the ${kb(BUDGET)} budget`);
}
weigh('card.html (combined card)', [['card.html', htmlOf['card.html']]]);
weigh('split.html (split fields)', [
  ['split.html', htmlOf['split.html']],
  ...[...loaded].map((f) => [f, readFileSync(join(dist, f))]),
]);
if (locales.length > 0) {
  const largest = Math.max(...locales);
  console.log(`locale files (lazy, one per page at most): ${locales.length}, the largest ${kb(largest)} gzip`);
}
if (problems.length > 0) {
  for (const p of problems) console.error(`check-dist: ${p}`);
  process.exit(1);
}
