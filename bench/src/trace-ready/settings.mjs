// What every part of trace-ready.mjs shares: its settings from the environment, its folders, and one mount.
import { join } from 'node:path';
import { ROOT } from '../paths.mjs';

export const RUNS = Number(process.env.TRACE_RUNS || 15);
export const OUT = process.env.TRACE_OUT || '/tmp/trace-ready';
// Under the bench's cache (a module path outside the working directory makes workerd fail to start), in a folder
// of its own.
export const WORK = join(ROOT, 'bench/node_modules/.cache/trace-ready');
export const EDGE_DIR = join(ROOT, 'apps/edge');

/** Mounts `kind` on the merchant page (bench-page.js) and waits for ready: `{ t0, readyMs, each }`. */
export const mount = (page, kind) => page.evaluate((k) => window.bench.mount(k), kind);
