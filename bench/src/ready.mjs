// Part 4: time to ready in Chromium, merchant page (localhost) and edge (127.0.0.1) on two origins, SDK and
// field page production builds. Each run mounts a fresh element group (new iframes) after one warm-up mount, so
// the HTTP cache is warm (the field page's hashed assets are cacheable; card.html is not).
//   ready:      mount() → the element's `ready` event (split: the last of the three), in the page's clock.
//   firstInput: mount() → the first `change` with empty:false, Playwright typing "4" into "Card number" from the
//               moment mount() returned (its locator waits for the input; includes CDP round trips, a few ms).
//   keystroke:  keydown inside the field frame → the parent's `change` event; "4" then Backspace, each a change.
//   floor:      the same mount → ready for bare frames on the edge's origin (one input, an inline script posting
//               `ready`; edge-server.mjs), one for the card and three at once for the split fields, each run
//               interleaved with the elements' runs (alternating which goes first) so that both see the same load.
//               ratioCard = card / one bare frame, ratioSplit = split (all 3) / three bare frames (budget ≤ 1.5 each).
import { quantile } from './browser.mjs';

// 40: the budget is on a median over a median, and with 25 runs one bare frame's median alone went from 32.5 to
// 36.7 ms across five runs of one afternoon on the 2-core bench machine, as much as the changes being measured.
export const RUNS = Number(process.env.BENCH_READY_RUNS || 40);
const KEYSTROKES = 30;

/** How many times slower than its bare frames the elements may be ready (median over median). */
export const FLOOR_RATIO_BUDGET = 1.5;

const stats = (xs) => ({ medianMs: quantile(xs, 0.5), p90Ms: quantile(xs, 0.9), runs: xs.length });

/**
 * @param {import('playwright-core').Page} page @param {'card'|'split'} kind @param {string} target
 * @param {'floor1'|'floor3'} floorKind the bare frames measured beside it
 */
async function series(page, kind, target, floorKind) {
  const ready = [];
  const firstInput = [];
  const mount = (k) => page.evaluate((m) => window.bench.mount(m), k);
  // The floor on its own: a floor that cannot run (an edge without the bench's floor worker) leaves the elements.
  const floor = { ready: [], error: undefined };
  const mountFloor = async () => {
    if (floor.error) return;
    try {
      floor.ready.push((await mount(floorKind)).readyMs);
    } catch (error) {
      await page.evaluate(() => window.bench.unmountAll()).catch(() => {});
      floor.error = String(error?.message ?? error)
        .split('\n')[0]
        .slice(0, 200);
    }
  };
  await mountFloor(); // warm-up
  floor.ready.length = 0;
  await mount(kind); // warm-up
  // Ready runs alone: Playwright polling the frame while it loads would slow what it measures.
  const firstFrame = [];
  for (let i = 0; i < RUNS; i++) {
    if (i % 2 === 0) await mountFloor();
    const { readyMs, each } = await mount(kind);
    ready.push(readyMs);
    firstFrame.push(Math.min(...each));
    if (i % 2 === 1) await mountFloor();
  }
  for (let i = 0; i < RUNS; i++) {
    // Typing starts as soon as mount() returned; Playwright waits for the input to exist and be editable.
    const t0 = await page.evaluate((k) => window.bench.start(k), kind);
    await page.frameLocator(`${target} iframe`).getByLabel('Card number').pressSequentially('4', { timeout: 10000 });
    const hit = await page.evaluate(() => window.bench.waitChange((c) => c.empty === false));
    firstInput.push(hit.t - t0);
  }
  // For split fields, the first of the three frames to be ready: what one frame costs when three load at once.
  return {
    ...stats(ready),
    ...(kind === 'split' && { firstFrame: stats(firstFrame) }),
    firstInput: stats(firstInput),
    floor: floor.error ? { error: floor.error } : stats(floor.ready),
  };
}

/** The elements' median over their floor's, two decimals; null when either is missing. */
const ratio = (medianMs, floor) =>
  medianMs == null || !floor?.medianMs ? null : Number((medianMs / floor.medianMs).toFixed(2));

/** @param {import('playwright-core').Page} page */
async function keystrokes(page) {
  await page.evaluate(() => window.bench.mount('card'));
  const frame = page.frameLocator('#card iframe');
  const input = frame.getByLabel('Card number');
  await input.focus();
  // A capture listener in the frame notes when each key arrives (CDP evaluation, outside the page's CSP).
  await input.evaluate((el) => {
    window.__keydowns = [];
    el.ownerDocument.addEventListener(
      'keydown',
      () => window.__keydowns.push(performance.timeOrigin + performance.now()),
      true,
    );
  });
  const lat = [];
  for (let i = 0; i < KEYSTROKES; i++) {
    const from = await page.evaluate(() => window.bench.changeCount());
    const empty = i % 2 === 1;
    await page.keyboard.press(empty ? 'Backspace' : '4');
    const hit = await page.evaluate(([f, e]) => window.bench.waitChange((c) => c.empty === e, f), [from, empty]);
    const down = await input.evaluate((_, k) => window.__keydowns[k], i);
    lat.push(hit.at - down);
  }
  return { medianMs: quantile(lat, 0.5), p90Ms: quantile(lat, 0.9), keystrokes: lat.length };
}

/** @param {{ browser: import('playwright-core').Browser, open: () => Promise<{ page: import('playwright-core').Page, context: import('playwright-core').BrowserContext }>, log: (s: string) => void }} o */
export async function readyBench({ open, log }) {
  const { page, context, problems } = await open();
  // The common path never downloads webcrypto-liner: every field page this part loads is counted, and every request
  // for the liner (any frame of the page: Playwright reports the field frames' requests here too).
  // Key checks are counted too: loadTessera's one, and one more for each frame that loaded before it said ready.
  // And the sealing keys fetched: at most one per element group (the frame that tokenizes), none for the others.
  const liner = { fieldPages: 0, linerRequests: 0, keyChecks: 0, sealKeys: 0 };
  page.on('request', (request) => {
    const { pathname } = new URL(request.url());
    if (pathname === '/elements/v1/card.html') liner.fieldPages++;
    if (pathname.includes('webcrypto-liner')) liner.linerRequests++;
    if (pathname === '/v1/keys/check') liner.keyChecks++;
    if (pathname === '/v1/keys/seal') liner.sealKeys++;
  });
  // Each series on its own: one that fails (a field page mid-change, a feature not built) leaves the others.
  const attempt = async (fn) => {
    try {
      return await fn();
    } catch (error) {
      await page.evaluate(() => window.bench.unmountAll()).catch(() => {});
      const why = String(error?.message ?? error)
        .split('\n')[0]
        .slice(0, 200);
      return {
        error: problems.length > 0 ? `${why}; page saw: ${[...new Set(problems)].slice(0, 3).join(' | ')}` : why,
      };
    }
  };
  try {
    const out = { runs: RUNS, cache: 'warm (one warm-up mount first)', ratioBudget: FLOOR_RATIO_BUDGET };
    const { floor: floorSingle, ...combined } = await attempt(() => series(page, 'card', '#card', 'floor1'));
    out.combined = combined;
    log(
      `  ready card: median ${combined.medianMs ?? combined.error} ms, one bare frame ${floorSingle?.medianMs ?? floorSingle?.error} ms`,
    );
    const split = await page.evaluate(() => window.bench.supportsSplit());
    const { floor: floorTriple, ...splitSeries } = split
      ? await attempt(() => series(page, 'split', '#number', 'floor3'))
      : { floor: undefined };
    out.split = split ? splitSeries : null;
    if (out.split)
      log(
        `  ready split: median ${splitSeries.medianMs ?? splitSeries.error} ms, three bare frames ${floorTriple?.medianMs ?? floorTriple?.error} ms`,
      );
    out.floor = { single: floorSingle ?? { error: 'not run' }, triple: floorTriple ?? { error: 'not run' } };
    out.ratioCard = ratio(combined.medianMs, floorSingle);
    out.ratioSplit = ratio(splitSeries.medianMs, floorTriple);
    out.keystroke = await attempt(() => keystrokes(page));
    log(`  keystroke→change: median ${out.keystroke.medianMs ?? out.keystroke.error} ms`);
    await page.evaluate(() => window.bench.unmountAll());
    out.liner = liner;
    log(
      `  webcrypto-liner: ${liner.linerRequests} downloads in ${liner.fieldPages} field pages; ${liner.keyChecks} key checks; ${liner.sealKeys} seal-key fetches`,
    );
    return out;
  } finally {
    await context.close();
  }
}
