// The tracing modes of trace-ready.mjs: a Chromium trace of the frames' renderer main threads (`trace`, with
// analyze, timeline and cpuProfile reading it) and CDP CPU profiles of the frames from start to ready (`profile`).
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { quantile } from '../browser.mjs';
import { frameSessions } from './frame-sessions.mjs';
import { mount, OUT, RUNS, WORK } from './settings.mjs';

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
export async function profile(page, kinds) {
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
  const sessions = [];
  const call = await frameSessions(page, async (sessionId, send) => {
    sessions.push({ sessionId });
    await send(sessionId, 'Profiler.enable');
    await send(sessionId, 'Profiler.setSamplingInterval', { interval: 50 });
    await send(sessionId, 'Profiler.start');
  });
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

/** `trace`: per kind, a Chromium trace of RUNS mounts (in OUT/<kind>.json), analyzed. */
export async function trace(browser, page, kinds) {
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
