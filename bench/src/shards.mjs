// Part 1c: tokenize with the merchant's vault in 1, 2 and 4 shards (`edge.shards`). Three merchants of the same
// configuration but for `vaultShards` (edge-server.mjs's benchSecrets), each with its own pool of sealed cards;
// `POST /v1/tokens` at c16 as in part 1, the counts in two mirrored rounds (1, 2, 4, then 4, 2, 1) so that the
// shared machine's drift does not favour one count, and each figure the mean of its two points. The load
// clients send no client address, so each create goes to a shard at random (request/vault-of.ts).
//
// What one local workerd can show: every shard runs in the same workerd process, on the same two cores as the
// load client, so shards cannot show the per-object limit they lift in production (docs/architecture.md,
// "Shards"). What they show here is that the sharded path costs no more: the same throughput within the noise of a
// shared machine, and the same workerd CPU per tokenize (profile-edge.mjs with PROFILE_SHARDS; bench/README.md).
import { cycling, DURATION_S, point, tokenizeHeaders } from './edge-load.mjs';
import { sealPool } from './seal-pool.mjs';

const CONNECTIONS = 16;
/** Cards sealed per count: two points (warm-ups included) at a few hundred creates a second. */
const POOL = 2 * (DURATION_S + 1) * 1500;

/**
 * @param {{ origin: string, shardKeys: Record<string, string>, log: (s: string) => void }} o
 */
export async function shardLoad({ origin, shardKeys, log }) {
  const counts = Object.keys(shardKeys)
    .map(Number)
    .sort((a, b) => a - b);
  const pools = new Map();
  for (const n of counts) pools.set(n, await sealPool(origin, shardKeys[n], POOL));
  const order = [...counts, ...[...counts].reverse()];
  /** @type {Record<string, number[]>} */
  const points = Object.fromEntries(counts.map((n) => [n, []]));
  for (const n of order) {
    const headers = tokenizeHeaders(origin, shardKeys[n]);
    const p = await point({
      url: origin,
      connections: CONNECTIONS,
      requests: cycling('/v1/tokens', headers, pools.get(n)),
    });
    if (p.non2xx > 0 || p.errors > 0) throw new Error(`${n} shards: ${p.non2xx} non-2xx, ${p.errors} errors`);
    points[n].push(p.rps);
    log(`  ${n} shard${n === 1 ? '' : 's'}: ${p.rps} req/s`);
  }
  const rps = Object.fromEntries(
    counts.map((n) => [String(n), Math.round(points[n].reduce((s, x) => s + x, 0) / points[n].length)]),
  );
  return { rps, detail: { points, connections: CONNECTIONS, order, ratio4to1: rps['4'] / rps['1'] } };
}
