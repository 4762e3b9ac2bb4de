// Runs the installed @tessera/node, handed in as loaded by `import` (check.mjs) or `require` (check.cjs), in plain
// Node: a client that retries a 503 and reads a token from a local server, a problem that becomes TesseraApiError,
// and a webhook signed here with node:crypto that verifyWebhook accepts, then refuses when tampered with.
const { createHmac, randomBytes } = require('node:crypto');
const { createServer } = require('node:http');

/** @param {typeof import('@tessera/node')} lib */
async function exercise(lib) {
  const token = { id: 'tok_1', object: 'token', type: 'card', created: 1, cvc: 'absent' };
  Object.assign(token, { card: { brand: 'visa', last4: '4242', bin: '424242', expMonth: 1, expYear: 2034 } });
  const answers = [
    [503, { type: 'about:blank', title: 'Down.', status: 503, code: 'internal_error' }],
    [200, token],
  ];
  answers.push([404, { type: 'about:blank', title: 'No such object.', status: 404, code: 'not_found' }]);
  const keys = [];
  const server = createServer((request, response) => {
    keys.push(request.headers.authorization);
    const [status, body] = answers.shift() ?? [500, {}];
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const tessera = new lib.Tessera('sk_test_packaging', { edge: `http://127.0.0.1:${server.address().port}` });
  const read = await tessera.tokens.retrieve('tok_1');
  const error = await tessera.tokens.retrieve('tok_2').catch((e) => e);
  server.close();

  const secret = `whsec_${randomBytes(32).toString('base64')}`;
  const body = JSON.stringify({ id: 'evt_1', type: 'token.deleted', created: 1, data: { token: { id: 'tok_1' } } });
  const timestamp = String(Math.floor(Date.now() / 1000));
  const mac = createHmac('sha256', Buffer.from(secret.slice(6), 'base64'))
    .update(`evt_1.${timestamp}.${body}`)
    .digest('base64');
  const headers = { 'webhook-id': 'evt_1', 'webhook-timestamp': timestamp, 'webhook-signature': `v1,${mac}` };
  const event = lib.verifyWebhook(body, headers, secret);
  let refused;
  try {
    lib.verifyWebhook(`${body} `, headers, secret);
  } catch (e) {
    refused = e instanceof lib.WebhookVerificationError ? e.code : String(e);
  }
  return {
    exports: Object.keys(lib).sort(),
    tokenId: read.id,
    requests: keys.length,
    bearer: keys.every((k) => k === 'Bearer sk_test_packaging'),
    error: { api: error instanceof lib.TesseraApiError, code: error.code, status: error.status },
    event: event.id,
    refused,
  };
}

module.exports = { exercise };
