// The `decompose` mode of trace-ready.mjs: a field page's cost over its bare frames, split in three parts measured
// in one run. Beside the field page build as it is (real), two builds derived from it in WORK, each with its own edge
// (the same bundle, so the same field page route, CSP and headers) and its own merchant page:
//   minimal  the code (the file split.html loads, and card.html holds inline) replaced by a few lines that read the
//            URL as the field page does, add one input and post the protocol's `ready`: what loading any field page
//            costs;
//   padded   the minimal module, then the real entry's code inside a function assigned but never called, under V8's
//            compile hint (packages/elements/build/compile-hints.ts): the real code downloaded and compiled, not run.
// mechanics = minimal / floor, compile = padded − minimal, run = real − padded (in ms, and in points of the ratio).
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { classicScript } from '../../../packages/elements/build/field-page-scripts.ts';
import { quantile } from '../browser.mjs';
import { ROOT } from '../paths.mjs';
import { RUNS } from './settings.mjs';
import { prepareAssets, startEdge } from './setup.mjs';
import { floorOf, interleaved } from './timings.mjs';

/** The builds, in the order of an even round (odd rounds reverse it, so that drift weighs on each alike). */
export const BUILDS = ['minimal', 'padded', 'real'];
const ROUNDS = Number(process.env.TRACE_ROUNDS || 2);

/** A constant's literal as its source file spells it (`export const NAME = <literal>`). */
function constantOf(file, name) {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const literal = new RegExp(`export const ${name} = ('[^']*'|\\d+)`).exec(text)?.[1];
  if (!literal) throw new Error(`decompose: no ${name} in ${file}`);
  return literal;
}

// Read from their sources, so the derived builds follow the protocol and the build.
const FRAME_PROTOCOL = constantOf('packages/protocol/src/frame-messages.ts', 'FRAME_PROTOCOL');
const COMPILE_HINT = constantOf('packages/elements/build/compile-hints.ts', 'COMPILE_HINT')
  .slice(1, -1)
  .replace(/\\n$/, '');

const MINIMAL = `const q = new URLSearchParams(location.search);
const h = new URLSearchParams(location.hash.slice(1));
const input = document.createElement('input');
input.setAttribute('aria-label', 'Card number');
document.body.append(input);
parent.postMessage({ tessera: ${FRAME_PROTOCOL}, type: 'ready', payload: { element: q.get('type') ?? 'card', channel: h.get('channel') } }, q.get('parent'));
`;

/** The minimal code, then the real code (less its compile hint) as a function's body, never called. */
function padded(real) {
  let body = real.replace(/\n?\/\/# sourceMappingURL=\S+\s*$/, '');
  if (body.startsWith(`${COMPILE_HINT}\n`)) body = body.slice(COMPILE_HINT.length + 1);
  return `${COMPILE_HINT}\n${MINIMAL}globalThis.__pad = function () {\n${body}\n};\n`;
}

/** Replaces the code of the field page build in `elements` by the `build` derived from it, in both pages. */
function derive(elements, build) {
  const split = readFileSync(join(elements, 'split.html'), 'utf8');
  const src = /<script[^>]*\ssrc="\/elements\/v1\/([^"]+)"/.exec(split)?.[1];
  if (!src) throw new Error('decompose: split.html loads no script');
  const file = join(elements, src);
  const code = build === 'minimal' ? MINIMAL : padded(readFileSync(file, 'utf8'));
  const check = spawnSync(process.execPath, ['--check'], { input: code, encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`decompose: the ${build} code does not parse\n${check.stderr}`);
  // Wrapped as the build wraps the code: the file split.html loads, and card.html's inline script.
  const script = classicScript(code, { imports: [], dynamicImports: [], exports: [] });
  writeFileSync(file, script);
  const card = readFileSync(join(elements, 'card.html'), 'utf8');
  const derived = card.replace(/<script>[\s\S]*?<\/script>/, () => `<script>${script}</script>`);
  if (derived === card) throw new Error('decompose: card.html holds no inline script');
  writeFileSync(join(elements, 'card.html'), derived);
}

/**
 * The edges of the two derived builds (from `dirs.elements`, the copy of the real build), by the path of their
 * merchant pages: /minimal/ and /padded/. The real build keeps the first edge, its page at /.
 */
export async function derivedEdges(dirs, secrets) {
  const edges = {};
  for (const build of ['minimal', 'padded']) {
    const assets = prepareAssets(build, dirs.elements, (elements) => derive(elements, build));
    edges[`/${build}/`] = await startEdge({ ...dirs, ...assets, secrets, name: build });
  }
  return edges;
}

const ms = (x) => `${x >= 0 ? '+' : ''}${x.toFixed(1)} ms`;
const points = (x) => `${x >= 0 ? '+' : ''}${x.toFixed(2)}`;

/**
 * `decompose`: per kind, each build's ready against its bare frames (as `ab` measures them, RUNS mounts), round
 * by round (TRACE_ROUNDS, default 2), the builds alternating in one browser (each warmed up in the first round
 * only); then the three parts. On a busy machine, more rounds of fewer mounts (TRACE_ROUNDS=20 TRACE_RUNS=2) let
 * the builds see the same load.
 * @param {Record<string, import('playwright-core').Page>} pages each build's merchant page
 */
export async function decompose(pages, kinds) {
  for (const kind of kinds) {
    const floorKind = floorOf(kind);
    const times = Object.fromEntries(BUILDS.map((build) => [build, { a: [], b: [] }]));
    for (let round = 0; round < ROUNDS; round++) {
      for (const build of round % 2 === 0 ? BUILDS : [...BUILDS].reverse()) {
        const { a, b } = await interleaved(pages[build], kind, RUNS, round === 0);
        times[build].a.push(...a);
        times[build].b.push(...b);
      }
    }
    console.log(`\n== ${kind}: ${ROUNDS} rounds × ${RUNS} mounts of each build, against ${floorKind} (medians)`);
    const m = {};
    for (const build of BUILDS) {
      const ready = quantile(times[build].a, 0.5);
      const floor = quantile(times[build].b, 0.5);
      m[build] = { ready, floor, ratio: ready / floor };
      console.log(
        `${build.padEnd(8)} ${String(ready).padStart(6)} ms vs ${floorKind} ${String(floor).padStart(6)} ms → ${m[build].ratio.toFixed(2)}x (p90 ${quantile(times[build].a, 0.9)})`,
      );
    }
    // Each build's ratio is to the bare frames measured beside it, which drift with the machine's load as it does;
    // the parts in ratio points, times the median of all the bare frames, give ms with that drift taken out.
    const floors = BUILDS.flatMap((build) => times[build].b);
    const all = quantile(floors, 0.5);
    const { minimal, padded: pad, real } = m;
    const part = (name, what, raw, ratio) =>
      console.log(
        `${name.padEnd(10)} ${what.padEnd(17)} ${points(ratio)}  ${ms(raw)} (${ms(ratio * all)} at ${all} ms)`,
      );
    console.log(`parts, in ratio points and ms (raw, and from the points at the median of all ${floorKind} runs)`);
    part('mechanics', 'minimal − floor', minimal.ready - minimal.floor, minimal.ratio - 1);
    part('compile', 'padded − minimal', pad.ready - minimal.ready, pad.ratio - minimal.ratio);
    part('run', 'real − padded', real.ready - pad.ready, real.ratio - pad.ratio);
    console.log(
      `mechanics = minimal / floor ${minimal.ratio.toFixed(2)}x; + compile ${points(pad.ratio - minimal.ratio)}; + run ${points(real.ratio - pad.ratio)} = real ${real.ratio.toFixed(2)}x`,
    );
  }
}
