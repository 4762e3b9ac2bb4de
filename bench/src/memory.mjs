// Part 5: the merchant page's JS heap (CDP HeapProfiler.collectGarbage, then Runtime.getHeapUsage) before any
// mount, with one card element mounted and ready, and after CYCLES mount → ready → unmount cycles of one element.
// Growth after GC from the first unmount to the end of the cycles, and over the second half of the cycles alone
// (a leak keeps growing; caches filling level off). Also counted after the cycles: iframes left in the document,
// `message` listeners left on window (CDP DOMDebugger.getEventListeners), and frames Chromium still tracks.
export const CYCLES = Number(process.env.BENCH_MEMORY_CYCLES || 100);

/** @param {import('playwright-core').CDPSession} cdp */
async function heap(cdp) {
  for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize;
}

/** @param {import('playwright-core').CDPSession} cdp */
async function messageListeners(cdp) {
  const { result } = await cdp.send('Runtime.evaluate', { expression: 'window' });
  const { listeners } = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId });
  return listeners.filter((l) => l.type === 'message').length;
}

/** @param {{ open: () => Promise<{ page: import('playwright-core').Page, context: import('playwright-core').BrowserContext }>, log: (s: string) => void }} o */
export async function memoryBench({ open, log }) {
  const { page, context, problems } = await open();
  try {
    const cdp = await context.newCDPSession(page);
    await cdp.send('HeapProfiler.enable');
    const before = await heap(cdp);
    const listenersBefore = await messageListeners(cdp);
    await page.evaluate(() => window.bench.mount('card'));
    const mounted = await heap(cdp);
    const listenersMounted = await messageListeners(cdp);
    await page.evaluate(() => window.bench.unmountAll());
    // The first mount also compiles and caches code for good; the leak baseline is after that first unmount.
    const unmounted = await heap(cdp);
    const t0 = Date.now();
    // Two halves: growth that levels off (caches filling) is not a leak; growth in the second half is.
    const half = Math.floor(CYCLES / 2);
    await page.evaluate((n) => window.bench.cycles(n), half);
    await page.waitForTimeout(300); // let detached frames go before measuring
    const middle = await heap(cdp);
    await page.evaluate((n) => window.bench.cycles(n), CYCLES - half);
    const cyclesMs = Date.now() - t0;
    await page.waitForTimeout(300);
    const after = await heap(cdp);
    const out = {
      cycles: CYCLES,
      cyclesMs,
      heapBeforeBytes: before,
      heapMountedBytes: mounted,
      heapUnmountedBytes: unmounted,
      heapHalfwayBytes: middle,
      heapAfterCyclesBytes: after,
      growthAfterCyclesBytes: after - unmounted,
      growthPerCycleBytes: Math.round((after - unmounted) / CYCLES),
      secondHalfGrowthPerCycleBytes: Math.round((after - middle) / (CYCLES - half)),
      iframesLeft: await page.evaluate(() => document.querySelectorAll('iframe').length),
      framesTracked: page.frames().length - 1,
      messageListeners: {
        before: listenersBefore,
        mounted: listenersMounted,
        afterCycles: await messageListeners(cdp),
      },
    };
    log(`  heap: ${before} → ${mounted} mounted → ${after} after ${CYCLES} cycles`);
    return out;
  } catch (error) {
    const why = String(error?.message ?? error)
      .split('\n')[0]
      .slice(0, 200);
    throw new Error(problems.length > 0 ? `${why}; page saw: ${[...new Set(problems)].slice(0, 3).join(' | ')}` : why);
  } finally {
    await context.close();
  }
}
