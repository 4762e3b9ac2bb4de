// Pages that frame the edge's field page from origins of our choosing, on real loopback ports (Chromium's
// Local Network Access would stop a routed or made-up origin from framing the loopback edge at all).
// GET /frame?key=…&parent=… answers a page with one iframe of the edge's card field page.
import { createServer } from 'node:http';

const EDGE = process.env.TESSERA_EDGE ?? 'http://127.0.0.1:8787';
const ports = process.argv.slice(2).map(Number);

const escapeHtml = (s) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

for (const port of ports) {
  createServer((req, res) => {
    const url = new URL(req.url ?? '/', `http://localhost:${port}`);
    if (url.pathname === '/healthz') return res.end('ok');
    if (url.pathname !== '/frame') {
      res.statusCode = 404;
      return res.end();
    }
    const key = url.searchParams.get('key') ?? '';
    const parent = url.searchParams.get('parent') ?? `http://localhost:${port}`;
    const src = `${EDGE}/elements/v1/card.html?key=${encodeURIComponent(key)}&parent=${encodeURIComponent(parent)}#channel=hostile1`;
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.end(
      `<!doctype html><title>framing test</title><iframe title="Secure card payment input frame" src="${escapeHtml(src)}" width="400" height="200"></iframe>`,
    );
  }).listen(port, '127.0.0.1', () => console.log(`hostile page server on http://localhost:${port}`));
}
