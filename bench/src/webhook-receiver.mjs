// The webhook receivers of webhooks.mjs: one node:http server on 127.0.0.1, in its own Node process (like
// edge-host.mjs) so that answering deliveries does not run on the load client's event loop. Every path is a
// receiver: a POST is counted under its path (attempts, and distinct `webhook-id`s, which a retry repeats) and
// answered 200 as soon as its body is read, without checking the signature. `GET /__counts` returns the counts
// as `{ [path]: { attempts, distinct } }`. Prints `{ "port": n }` as one JSON line when listening; exits on
// SIGTERM or when stdin closes.
import { createServer } from 'node:http';

/** @type {Map<string, { attempts: number, ids: Set<string> }>} */
const byPath = new Map();

const server = createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/__counts') {
    const counts = Object.fromEntries(
      [...byPath].map(([path, c]) => [path, { attempts: c.attempts, distinct: c.ids.size }]),
    );
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(counts));
    return;
  }
  if (req.method !== 'POST') {
    res.writeHead(405).end();
    return;
  }
  const path = req.url ?? '/';
  const count = byPath.get(path) ?? { attempts: 0, ids: new Set() };
  byPath.set(path, count);
  count.attempts++;
  const id = req.headers['webhook-id'];
  if (typeof id === 'string') count.ids.add(id);
  req.resume();
  req.on('end', () => res.writeHead(200).end());
});

server.listen(0, '127.0.0.1', () => {
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  process.stdout.write(`${JSON.stringify({ port: address.port })}\n`);
});
process.on('SIGTERM', () => process.exit(0));
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
