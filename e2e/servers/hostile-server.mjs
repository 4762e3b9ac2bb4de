// Pages that frame the edge's field page from origins of our choosing, on real loopback ports (Chromium's
// Local Network Access would stop a routed or made-up origin from framing the loopback edge at all).
// GET /frame?key=…&parent=… answers a page with one iframe of the edge's card field page.
// GET /sdk?file=/js/v1/…&integrity=sha384-…[&key=pk_…] answers a page that loads one of the edge's SDK scripts with
// Subresource Integrity, as a merchant without a bundler does, and with `key` a <tessera-card> in a form.
import { createServer } from 'node:http';

const EDGE = process.env.TESSERA_EDGE ?? 'http://127.0.0.1:8787';
const ports = process.argv.slice(2).map(Number);

const escapeHtml = (s) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A page that loads an edge SDK script by its path under /js/v1/, with the integrity it is given. */
function sdkPage(url, res) {
  const file = url.searchParams.get('file') ?? '';
  const integrity = url.searchParams.get('integrity') ?? '';
  const key = url.searchParams.get('key');
  if (!/^\/js\/v1\/[\w.-]+\.js$/.test(file)) {
    res.statusCode = 400;
    return res.end();
  }
  const card = key
    ? `<form><tessera-card publishable-key="${escapeHtml(key)}" edge="${escapeHtml(EDGE)}"></tessera-card><button>Pay</button></form>`
    : '<div id="card"></div>';
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.end(
    `<!doctype html><title>SDK from the edge</title><script src="${escapeHtml(EDGE + file)}" integrity="${escapeHtml(integrity)}" crossorigin="anonymous"></script>${card}`,
  );
}

for (const port of ports) {
  createServer((req, res) => {
    const url = new URL(req.url ?? '/', `http://localhost:${port}`);
    if (url.pathname === '/healthz') return res.end('ok');
    if (url.pathname === '/sdk') return sdkPage(url, res);
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
