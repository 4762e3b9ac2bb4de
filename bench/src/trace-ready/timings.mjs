// The timing modes of trace-ready.mjs: per-frame milestones (`timing`), ready against the bare frames (`ab`), two
// builds alternating (`pair`), the field pages' requests (`net`), and the edge's answers from Node (`edge`).
import { quantile } from '../browser.mjs';
import { mount, RUNS } from './settings.mjs';

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

/** `timing`: per kind, the medians of every frame's milestones (frameMilestones) and of the parent's ready events. */
export async function timing(page, edge, kinds) {
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

/** The bare frames measured beside a kind: one for the card, three for the split fields. */
export const floorOf = (kind) => (kind === 'card' ? 'floor1' : 'floor3');

/**
 * Ready times of `kind` (a) and of its bare frames (b) on one merchant page, after a warm-up mount of each (unless
 * `warm` is false: the page was warmed before), interleaved as ready.mjs does: the bare frames first in even runs,
 * after the kind in odd ones.
 */
export async function interleaved(page, kind, runs = RUNS, warm = true) {
  const floorKind = floorOf(kind);
  if (warm) {
    await mount(page, floorKind);
    await mount(page, kind);
  }
  const a = [];
  const b = [];
  for (let i = 0; i < runs; i++) {
    if (i % 2 === 0) b.push((await mount(page, floorKind)).readyMs);
    a.push((await mount(page, kind)).readyMs);
    if (i % 2 === 1) b.push((await mount(page, floorKind)).readyMs);
  }
  return { a, b };
}

/** `ab`: per kind, its ready median against its bare frames' (interleaved), and the ratio. */
export async function ab(page, kinds) {
  for (const kind of kinds) {
    const floorKind = floorOf(kind);
    const { a, b } = await interleaved(page, kind);
    const ma = quantile(a, 0.5);
    const mb = quantile(b, 0.5);
    console.log(`${kind}: ${ma} ms vs ${floorKind} ${mb} ms → ${(ma / mb).toFixed(2)}x (p90 ${quantile(a, 0.9)})`);
  }
}

/** Time to the whole body of card.html and of the bare frame's page, from Node (keep-alive), interleaved. */
export async function edgeTimes(origin, pk, parent) {
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
export async function pair(pageA, pageB, kinds) {
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
export async function net(page, kinds) {
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
