// The `coverage` mode of trace-ready.mjs: how much of the field page's code runs before the frame says ready, by
// source module. V8 compiles every function of the entry before it runs it (the compile hint), on one background
// thread, and the frame waits for that; code that does not run before ready is compiled for nothing on that path.
// Function coverage (CDP Profiler.startPreciseCoverage) of each frame from its first script to ready, over one
// mount per kind; the bytes are of the build's own text, so an unminified build (TRACE_ELEMENTS) names the modules.
// Coverage is taken just after the parent saw ready: what the page does once idle (its title, the sealing key) may
// have run by then; a build whose `whenIdle` returns at once leaves it out.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { frameSessions } from './frame-sessions.mjs';
import { mount, WORK } from './settings.mjs';

/** For each line of an unminified bundle, the source module its `// path` comment names. */
function moduleLines(text) {
  let current = '(prelude)';
  return text.split('\n').map((line) => {
    const m = /^\/\/ (\S+\.(?:ts|js|mjs|json))$/.exec(line);
    if (m)
      current = m[1]
        .replace(/^.*node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?/, '')
        .replace(/^\.\.\/protocol\/src/, 'protocol');
    return current;
  });
}

/** Byte offset → module, from the line table. */
function moduleAtOffset(text, lines) {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lines[lo];
  };
}

export async function coverage(page, kinds) {
  const sessions = [];
  const call = await frameSessions(page, async (sessionId, send) => {
    sessions.push(sessionId);
    await send(sessionId, 'Profiler.enable');
    await send(sessionId, 'Profiler.startPreciseCoverage', { callCount: false, detailed: false });
  });
  for (const kind of kinds) {
    await mount(page, kind);
    sessions.length = 0;
    await mount(page, kind);
    // One frame is enough: the card's, or a split group's number frame (the one that tokenizes).
    const result = await call(sessions[0], 'Profiler.takePreciseCoverage');
    const script = result.result.find((s) => s.url.includes('/assets/'));
    if (!script) throw new Error('coverage: the field page module did not run');
    const file = new URL(script.url).pathname.split('/').pop();
    const text = readFileSync(join(WORK, 'a/elements/assets', file), 'utf8');
    const moduleAt = moduleAtOffset(text, moduleLines(text));
    // Each byte takes the count of the innermost function range holding it (ranges nest, outer ones first).
    const ran = new Uint8Array(text.length).fill(1);
    for (const fn of script.functions) {
      for (const range of fn.ranges) ran.fill(range.count > 0 ? 1 : 0, range.startOffset, range.endOffset);
    }
    const byModule = new Map();
    for (let i = 0; i < text.length; i++) {
      const row = byModule.get(moduleAt(i)) ?? { ran: 0, not: 0 };
      if (ran[i]) row.ran++;
      else row.not++;
      byModule.set(moduleAt(i), row);
    }
    const total = [...byModule.values()].reduce((a, r) => ({ ran: a.ran + r.ran, not: a.not + r.not }), {
      ran: 0,
      not: 0,
    });
    console.log(`\n== ${kind}: ${total.ran} bytes ran before ready, ${total.not} did not (${text.length} in all)`);
    for (const [name, r] of [...byModule.entries()].sort((a, b) => b[1].not - a[1].not)) {
      console.log(`${String(r.ran).padStart(7)} ran ${String(r.not).padStart(7)} not  ${name}`);
    }
  }
}
