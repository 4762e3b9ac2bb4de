// Runs edge-server.mjs's Miniflare in its own Node process, so that the load client (autocannon, in run.mjs)
// does not share an event loop with Miniflare, which parses every log line workerd writes (the edge logs one
// per request; the baseline none). Reads its options as JSON on stdin, prints `{ origin, persist }` as one
// JSON line when ready, and disposes of Miniflare on SIGTERM or when stdin closes.
import { startEdge } from './edge-server.mjs';

let input = '';
for await (const chunk of process.stdin) input += chunk;
const edge = await startEdge(JSON.parse(input));
process.stdout.write(`${JSON.stringify({ origin: edge.origin, persist: edge.persist })}\n`);
const stop = async () => {
  await edge.mf.dispose();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
setInterval(() => {}, 1 << 30);
