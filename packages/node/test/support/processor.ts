// A stand-in card processor for the forward tests, on a random loopback port: it records every request per id
// (the last path segment) and answers 200 with the number it was sent, so the tests see the edge mask it.
//   POST /charge/<id>     records; answers { approved: true, number, last4 }
//   GET  /received/<id>   what was recorded under <id>, oldest first
import { createServer, type Server } from 'node:http';

export interface Recorded {
  method: string | undefined;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export function createProcessor(): Server {
  const received = new Map<string, Recorded[]>();
  return createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const path = new URL(request.url ?? '/', 'http://processor.invalid').pathname;
    const [route, id = ''] = path.split('/').filter(Boolean);
    const json = (status: number, value: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(value));
    };
    if (request.method === 'GET' && route === 'received') return json(200, received.get(id) ?? []);
    if (route !== 'charge') return json(404, { error: 'no such route' });
    received.set(id, [...(received.get(id) ?? []), { method: request.method, path, headers: request.headers, body }]);
    let number = '';
    try {
      number = String((JSON.parse(body) as { number?: unknown }).number ?? '');
    } catch {
      // not JSON: nothing to echo
    }
    json(200, { approved: true, number, last4: number.slice(-4) });
  });
}
