// The merchant server's webhook endpoint, registered at every start against a stand-in edge that keeps endpoints as
// the real one does (POST, GET and DELETE /v1/webhook_endpoints; the secret only in the answer to POST).
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { startMerchantServer } from './merchant-server.mjs';
import { close, freePort, listen, newSecret, signLikeTheEdge } from './test-helpers.mjs';
import { WEBHOOK_EVENTS } from './webhook-endpoint.mjs';

/**
 * @typedef {{ id: string, object: 'webhook_endpoint', url: string, events: string[], status: string, created: number }} Endpoint
 */

const ELSEWHERE = 'https://shop.example/hooks';

/** A stand-in edge holding this merchant's endpoints. @param {{ refuse?: boolean }} [options] */
function endpointRegistry({ refuse = false } = {}) {
  /** @type {Endpoint[]} */
  const endpoints = [endpoint('we_elsewhere', ELSEWHERE)];
  /** @type {string[]} */
  const calls = [];
  let made = 0;
  const server = createServer(async (request, response) => {
    const chunks = [];
    for await (const chunk of request) chunks.push(chunk);
    calls.push(`${request.method} ${request.url}`);
    /** @param {number} status @param {unknown} body */
    const answer = (status, body) => {
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    const problem = (/** @type {number} */ status, /** @type {string} */ code) =>
      answer(status, { type: 'about:blank', title: code, status, code, instance: 'req_standin' });
    const id = request.url?.match(/^\/v1\/webhook_endpoints\/(we_\w+)$/)?.[1];
    if (request.url === '/v1/webhook_endpoints' && request.method === 'GET') {
      return answer(200, { object: 'list', data: endpoints });
    }
    if (request.url === '/v1/webhook_endpoints' && request.method === 'POST') {
      if (refuse) return problem(400, 'invalid_webhook_url');
      const { url, events } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      const created = { ...endpoint(`we_made${++made}`, url), events };
      endpoints.push(created);
      return answer(201, { ...created, secret: newSecret() });
    }
    if (id !== undefined && request.method === 'DELETE') {
      const at = endpoints.findIndex((e) => e.id === id);
      if (at === -1) return problem(404, 'not_found');
      endpoints.splice(at, 1);
      return answer(200, { id, object: 'webhook_endpoint', deleted: true });
    }
    return problem(404, 'not_found');
  });
  return { server, endpoints, calls };
}

/** @param {string} id @param {string} url @returns {Endpoint} */
function endpoint(id, url) {
  return { id, object: 'webhook_endpoint', url, events: ['*'], status: 'enabled', created: 1_790_000_000 };
}

/** @param {string} edge @param {number} port @param {string[]} logs */
function start(edge, port, logs) {
  const env = { TESSERA_EDGE: edge, TESSERA_MERCHANT_PORT: String(port), TESSERA_DEMO_SK: 'sk_test_unit' };
  return startMerchantServer(env, (line) => logs.push(line));
}

describe('the webhook endpoint, registered at start', () => {
  it('replaces the endpoints at its URL at every start, keeps the others, and verifies with the new secret', async () => {
    const edge = endpointRegistry();
    const edgeUrl = await listen(edge.server);
    const port = await freePort();
    const hooks = `http://127.0.0.1:${port}/webhooks`;
    edge.endpoints.push(endpoint('we_crashed', hooks)); // what a start before this one left
    /** @type {string[]} */
    const logs = [];
    try {
      for (const run of [1, 2]) {
        edge.calls.length = 0;
        const merchant = await start(edgeUrl, port, logs);
        try {
          const made = await merchant.webhooks;
          assert.ok(made !== null);
          assert.deepEqual(
            edge.endpoints.map((e) => [e.id, e.url]),
            [
              ['we_elsewhere', ELSEWHERE],
              [`we_made${run}`, hooks],
            ],
          );
          assert.deepEqual(edge.calls, [
            'GET /v1/webhook_endpoints',
            `DELETE /v1/webhook_endpoints/${run === 1 ? 'we_crashed' : 'we_made1'}`,
            'POST /v1/webhook_endpoints',
          ]);
          assert.deepEqual(made.events, WEBHOOK_EVENTS);
          assert.equal((await fetch(`${merchant.url}/readyz`)).status, 200);

          // The secret it kept is the one the edge gave: a delivery signed with it is verified.
          const body = JSON.stringify({
            id: `evt_start${run}`,
            type: 'token.deleted',
            created: 1,
            data: { token: {} },
          });
          const delivered = await fetch(`${merchant.url}/webhooks`, {
            method: 'POST',
            headers: signLikeTheEdge(made.secret, { id: `evt_start${run}`, body }),
            body,
          });
          assert.equal(delivered.status, 200);
          assert.ok(logs.every((line) => !line.includes(made.secret.slice('whsec_'.length))));
        } finally {
          await close(merchant.server);
        }
      }
    } finally {
      await close(edge.server);
    }
  });

  it('waits for an edge that starts after it, as `pnpm demo` starts them', async () => {
    const edgePort = await freePort();
    /** @type {string[]} */
    const logs = [];
    const merchant = await start(`http://127.0.0.1:${edgePort}`, 0, logs);
    const edge = endpointRegistry();
    try {
      await sleep(300);
      assert.equal((await fetch(`${merchant.url}/readyz`)).status, 503);
      assert.ok(logs.includes(`webhooks: waiting for the edge to register ${merchant.url}/webhooks`), logs.join('\n'));
      await listen(edge.server, edgePort);
      const made = await merchant.webhooks;
      assert.ok(made !== null);
      assert.equal((await fetch(`${merchant.url}/readyz`)).status, 200);
    } finally {
      await close(merchant.server);
      if (edge.server.listening) await close(edge.server);
    }
  });

  it('gives up when the edge refuses the endpoint: the code in the log, payments without webhooks', async () => {
    const edge = endpointRegistry({ refuse: true });
    const edgeUrl = await listen(edge.server);
    /** @type {string[]} */
    const logs = [];
    const merchant = await start(edgeUrl, 0, logs);
    try {
      assert.equal(await merchant.webhooks, null);
      assert.ok(
        logs.includes(
          `webhooks: the edge refused the endpoint at ${merchant.url}/webhooks: 400 invalid_webhook_url; payments work, without webhooks`,
        ),
        logs.join('\n'),
      );
      assert.equal((await fetch(`${merchant.url}/readyz`)).status, 503);
    } finally {
      await close(merchant.server);
      await close(edge.server);
    }
  });

  it('stops trying when the server closes before the edge answers', async () => {
    const merchant = await start(`http://127.0.0.1:${await freePort()}`, 0, []);
    await close(merchant.server);
    assert.equal(await merchant.webhooks, null);
  });
});
