// Part 2: the cost of the edge's crypto in the same workerd (crypto-worker.ts, bundled here with esbuild).
// µs/op = (time of a request running the op n times − the same request running a no-op n times) / n, the
// median of REPEATS tries; the request is timed from Node because workerd's clock stands still during compute.

import { bundleWorker } from './bench-workers.mjs';

const N = { seal: 300, unseal: 300, encrypt: 3000, decrypt: 3000, hmac: 3000 };
const REPEATS = 5;

/** The bundled worker source. */
export const bundleCryptoWorker = () => bundleWorker('crypto-worker.ts');

/** @param {string} url */
async function timed(url) {
  const t0 = performance.now();
  const res = await fetch(url);
  const body = await res.text();
  if (!res.ok) throw new Error(`${url}: ${res.status} ${body}`);
  return performance.now() - t0;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** @param {{ origin: string }} o */
export async function cryptoBench({ origin }) {
  const base = `${origin}/__bench/crypto`;
  await timed(`${base}?op=setup&n=${Math.max(N.unseal, N.decrypt)}`);
  /** @type {Record<string, { usPerOp: number, n: number }>} */
  const ops = {};
  for (const [op, n] of Object.entries(N)) {
    await timed(`${base}?op=${op}&n=${Math.min(n, 50)}`); // warm-up
    const runs = [];
    for (let r = 0; r < REPEATS; r++) {
      const noop = await timed(`${base}?op=noop&n=${n}`);
      const t = await timed(`${base}?op=${op}&n=${n}`);
      runs.push(((t - noop) * 1000) / n);
    }
    ops[op] = { usPerOp: Number(median(runs).toFixed(1)), n };
  }
  const serverSide = ops.unseal.usPerOp + 2 * ops.encrypt.usPerOp + ops.hmac.usPerOp;
  return { ops, repeats: REPEATS, tokenizeCryptoUs: Number(serverSide.toFixed(1)) };
}
