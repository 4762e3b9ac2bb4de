// A small merchant checkout on a loopback port of our choosing, for a merchant the test creates with the CLI: the
// page loads the SDK the edge serves at /js/v1/tessera.js (the classic script, window.Tessera), mounts the card
// field with the publishable key in its address (`/?key=pk_…`), and on Pay shows the token and the masked card.
// It has no server side: the test reads the token with the merchant's secret key itself.
//   node servers/checkout-server.mjs <port>
import { createServer } from 'node:http';

const EDGE = process.env.TESSERA_EDGE ?? 'http://127.0.0.1:8787';
const port = Number(process.argv[2]);

const page = `<!doctype html>
<html lang="en">
<meta charset="utf-8">
<title>Third shop checkout</title>
<script src="${EDGE}/js/v1/tessera.js"></script>
<main>
  <h1>Third shop</h1>
  <div id="card"></div>
  <button type="button" id="pay" disabled>Pay</button>
  <output id="result" aria-live="polite"></output>
</main>
<script type="module">
  const key = new URLSearchParams(location.search).get('key') ?? '';
  const result = document.querySelector('#result');
  const pay = document.querySelector('#pay');
  const tessera = await window.Tessera.loadTessera(key, { edge: ${JSON.stringify(EDGE)} });
  const card = tessera.elements().create('card');
  card.mount('#card');
  pay.disabled = false;
  pay.addEventListener('click', async () => {
    const answer = await tessera.createToken(card);
    result.textContent =
      'error' in answer ? 'error ' + answer.error.code : answer.token + ' ' + answer.card.brand + ' •••• ' + answer.card.last4;
  });
</script>
</html>`;

createServer((req, res) => {
  const url = new URL(req.url ?? '/', `http://localhost:${port}`);
  if (url.pathname === '/healthz') return res.end('ok');
  if (url.pathname !== '/') {
    res.statusCode = 404;
    return res.end();
  }
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.end(page);
}).listen(port, '127.0.0.1', () => console.log(`checkout server on http://localhost:${port}`));
