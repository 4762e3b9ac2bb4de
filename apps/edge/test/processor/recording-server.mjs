// A real HTTP peer for the forward tests (vitest globalSetup, in Node, on a random loopback port): workerd's
// outbound fetch reaches it as it would reach a processor. It records what it received per test-chosen id and
// answers in the ways a destination can:
//   ANY  /echo/<id>          records the request; answers 200 JSON { method, headers, body, card? } where card
//                            holds the `number` of a JSON body spaced and dashed, so masking is tested for real;
//                            also sends a cookie and a server header that must not reach the merchant
//   ANY  /reflect/<id>       records; answers 201 with the request's x-card-number and x-card-cvc headers put back
//                            in the safe headers it may return (location, x-request-id, content-language), so
//                            masking of answer headers is tested for real
//   ANY  /redirect/<id>      records; answers 302 to /echo/<id>/followed
//   ANY  /status/<code>/<id> records; answers that status
//   ANY  /big/<id>           records; answers 1.5 MB
//   ANY  /slow/<ms>/<id>     records; answers after <ms>
//   ANY  /flaky/<n>/<id>     records; answers 500 to the first <n> requests under <id>, then 200 (a webhook
//                            endpoint that fails and recovers)
//   GET  /received/<id>      what was recorded under <id>, oldest first
import { createServer } from 'node:http';

/** @typedef {{ method: string | undefined, path: string, headers: Record<string, string | string[] | undefined>, body: string }} Recorded */

/** @returns {import('node:http').Server} */
export function createRecordingServer() {
  /** @type {Map<string, Recorded[]>} */
  const received = new Map();
  return createServer(async (request, response) => {
    const chunks = [];
    for await (const chunk of request) chunks.push(chunk);
    const body = Buffer.concat(chunks).toString('utf8');
    const path = new URL(request.url ?? '/', 'http://peer.invalid').pathname;
    const parts = path.split('/').filter(Boolean);
    const [route] = parts;
    const id = parts.at(-1) ?? '';
    const json = (/** @type {number} */ status, /** @type {unknown} */ value, extra = {}) => {
      response.writeHead(status, { 'content-type': 'application/json', ...extra });
      response.end(JSON.stringify(value));
    };
    if (route === 'received') return json(200, received.get(id) ?? []);
    const list = received.get(id) ?? [];
    list.push({ method: request.method, path, headers: request.headers, body });
    received.set(id, list);
    if (route === 'echo') {
      /** @type {Record<string, unknown>} */
      const answer = { method: request.method, headers: request.headers, body };
      try {
        const number = String(JSON.parse(body).number ?? '');
        if (number)
          answer.card = {
            spaced: number.replace(/(\d{4})(?=\d)/g, '$1 '),
            dashed: number.replace(/(\d{4})(?=\d)/g, '$1-'),
          };
      } catch {
        // not JSON: echo only
      }
      return json(200, answer, {
        'set-cookie': 'session=peer',
        server: 'recording-peer',
        'x-request-id': 'req_peer',
        'x-echo-number': request.headers['x-card-number'] ?? '',
      });
    }
    if (route === 'reflect') {
      const number = String(request.headers['x-card-number'] ?? '');
      const cvc = String(request.headers['x-card-cvc'] ?? '');
      return json(
        201,
        { reflected: true },
        {
          location: `/cards/${number}?cvc=${cvc}`,
          'x-request-id': number.replace(/(\d{4})(?=\d)/g, '$1 '),
          'content-language': `${cvc}-x`,
        },
      );
    }
    if (route === 'redirect') {
      response.writeHead(302, { location: `/echo/followed-${id}` });
      return response.end();
    }
    if (route === 'status') return json(Number(parts[1]), { error: { code: 'card_declined' } });
    if (route === 'flaky') {
      return list.length <= Number(parts[1]) ? json(500, { down: true }) : json(200, { received: true });
    }
    if (route === 'big') {
      response.writeHead(200, { 'content-type': 'text/plain' });
      return response.end('x'.repeat(1.5 * 1024 * 1024));
    }
    if (route === 'slow') {
      setTimeout(() => json(200, { late: true }), Number(parts[1]));
      return;
    }
    json(404, { error: 'no such route' });
  });
}

/**
 * Vitest globalSetup: starts the server and provides its port as `processorPort` (to the pool options, which
 * put it on the demo merchant's forwardHosts, and to tests through `inject`).
 * @param {{ provide: (key: string, value: unknown) => void }} project
 */
export default async function setup(project) {
  const server = createRecordingServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  project.provide('processorPort', address.port);
  return () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve(undefined));
    });
}
