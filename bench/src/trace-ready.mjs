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
//   node bench/src/trace-ready.mjs coverage [card|split …]                which bytes of the field page's module ran
//                                                                          before ready, by source module (function
//                                                                          coverage; an unminified TRACE_ELEMENTS build)
//   node bench/src/trace-ready.mjs pair   [card|split …]                 build A (TRACE_ELEMENTS) against build B
//                                                                          (TRACE_ELEMENTS_B), two edges, one browser,
//                                                                          mounts alternating: paired differences
//   node bench/src/trace-ready.mjs edge                                   the edge's answer to card.html vs the bare
//                                                                          frame's, from Node, interleaved
//   node bench/src/trace-ready.mjs ab     [card|split]                    ready of the kind vs its bare frames,
//                                                                          interleaved as ready.mjs does, N runs
//   node bench/src/trace-ready.mjs decompose [card|split]                 the cost over the bare frames in three parts,
//                                                                          each build against its bare frames as in ab,
//                                                                          three builds alternating: a minimal field
//                                                                          page (mechanics), the real code compiled but
//                                                                          not run (compile), the real page (run)
// TRACE_ELEMENTS (another build of the field page, e.g. unminified), TRACE_CATS (trace categories, comma-separated), TRACE_RUNS (default 15), TRACE_OUT (trace files' directory, default /tmp/trace-ready), TRACE_REBUILD_EDGE=1.
// Others, read where they are used (in trace-ready/): TRACE_FLOOR_HEADERS, TRACE_EDGE_PATCH, TRACE_EDGE_PATCH_B,
// TRACE_PAGE (setup.mjs), TRACE_TIMELINE, TRACE_BY_MODULE, TRACE_BY_LINE (trace.mjs), TRACE_ROUNDS (decompose.mjs,
// default 2). trace-ready/: setup.mjs (builds, edges, merchant pages), timings.mjs, trace.mjs, decompose.mjs.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, openMerchantPage } from './browser.mjs';
import { benchSecrets, freePort } from './edge-server.mjs';
import { coverage } from './trace-ready/coverage.mjs';
import { decompose, derivedEdges } from './trace-ready/decompose.mjs';
import { WORK } from './trace-ready/settings.mjs';
import { prepare, prepareAssets, startEdge, startPageServer } from './trace-ready/setup.mjs';
import { ab, edgeTimes, net, pair, timing } from './trace-ready/timings.mjs';
import { profile, trace } from './trace-ready/trace.mjs';

const [mode = 'timing', ...kindsArg] = process.argv.slice(2);
const defaultKinds = mode === 'decompose' ? ['card', 'split'] : ['card', 'floor1', 'split', 'floor3'];
const kinds = kindsArg.length > 0 ? kindsArg : defaultKinds;

const dirs = prepare();
const pageOrigin = `http://localhost:${await freePort()}`;
const { merchant, secrets } = await benchSecrets({ pageOrigin });
// Each edge by the path of its merchant page; the first serves build A (TRACE_ELEMENTS), its page at /.
const edges = { '/': await startEdge({ ...dirs, secrets }) };
const edge = edges['/'];
// `pair`: a second edge serving another build of the field page (TRACE_ELEMENTS_B), its merchant page at /b/.
if (mode === 'pair') {
  edges['/b/'] = await startEdge({
    ...dirs,
    ...prepareAssets('b', process.env.TRACE_ELEMENTS_B || 'packages/elements/dist'),
    secrets,
    name: 'b',
    patch: process.env.TRACE_EDGE_PATCH_B,
  });
}
// `decompose`: two more edges, serving the builds derived from build A, their merchant pages at /minimal/, /padded/.
if (mode === 'decompose') Object.assign(edges, await derivedEdges(dirs, secrets));
const server = await startPageServer({
  port: Number(new URL(pageOrigin).port),
  pk: merchant.publishableKey,
  pages: Object.fromEntries(Object.entries(edges).map(([path, e]) => [path, e.origin])),
  js: dirs.js,
});
const browser = await launch();
try {
  const { page } = await openMerchantPage(browser, `${pageOrigin}/`);
  const open = async (path) => (await openMerchantPage(browser, `${pageOrigin}${path}`)).page;
  if (mode === 'timing') await timing(page, edge.origin, kinds);
  else if (mode === 'trace') await trace(browser, page, kinds);
  else if (mode === 'ab') await ab(page, kinds);
  else if (mode === 'profile') await profile(page, kinds);
  else if (mode === 'coverage') await coverage(page, kinds);
  else if (mode === 'edge') await edgeTimes(edge.origin, merchant.publishableKey, pageOrigin);
  else if (mode === 'net') await net(page, kinds);
  else if (mode === 'pair') await pair(page, await open('/b/'), kinds);
  else if (mode === 'decompose') {
    await decompose({ minimal: await open('/minimal/'), padded: await open('/padded/'), real: page }, kinds);
  } else throw new Error(`unknown mode ${mode}`);
} finally {
  await browser.close();
  server.close();
  for (const e of Object.values(edges)) await e.mf.dispose();
  writeFileSync(join(WORK, 'last-run.txt'), new Date().toISOString());
}
