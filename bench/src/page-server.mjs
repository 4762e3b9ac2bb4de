// The merchant page's server: localhost:<port>, a different origin (and site) from the edge on 127.0.0.1.
// Serves the page, its script and the SDK's production build, nothing else.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { DIST } from './paths.mjs';

/** @param {{ port: number, pk: string, edge: string }} o */
export function startPageServer({ port, pk, edge }) {
  const config = JSON.stringify({ pk, edge }).replace(/</g, '\\u003c');
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench merchant</title>
<script type="application/json" id="bench-config">${config}</script>
<script type="module" src="/bench-page.js"></script></head>
<body><div id="card"></div><div id="number"></div><div id="expiry"></div><div id="cvc"></div></body></html>`;
  const files = {
    '/': () => ['text/html; charset=utf-8', html],
    '/bench-page.js': () => ['text/javascript', readFileSync(new URL('page/bench-page.js', import.meta.url))],
    '/tessera.js': () => ['text/javascript', readFileSync(join(DIST.js, 'tessera.js'))],
  };
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const file = files[path];
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    const [type, body] = file();
    res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
  });
  return new Promise((done) => server.listen(port, 'localhost', () => done(server)));
}
