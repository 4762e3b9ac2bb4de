// Helpers for the merchant server's tests (node:test): servers on loopback, and deliveries signed as the edge signs.
import { createHmac, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';

/** @typedef {import('node:http').Server} Server */

/** Starts `server` on 127.0.0.1 (a free port unless one is given); answers its base URL. */
export async function listen(/** @type {Server} */ server, port = 0) {
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(undefined));
  });
  return `http://127.0.0.1:${portOf(server)}`;
}

export function portOf(/** @type {Server} */ server) {
  return /** @type {import('node:net').AddressInfo} */ (server.address()).port;
}

/** Closes `server`, and its idle keep-alive connections with it. */
export async function close(/** @type {Server} */ server) {
  await new Promise((resolve) => {
    server.close(() => resolve(undefined));
    server.closeAllConnections();
  });
}

/** A port nothing listens on right now (the OS's pick, released again). */
export async function freePort() {
  const probe = createServer();
  await listen(probe);
  const port = portOf(probe);
  await close(probe);
  return port;
}

/** A fresh endpoint secret, as the edge makes them: `whsec_` and 32 random bytes in base64. */
export function newSecret() {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/**
 * The headers the edge sends with a delivery (issue 8 contract, Standard Webhooks): `v1,` and base64 of
 * HMAC-SHA256 under the secret's bytes (base64 after `whsec_`) of `${id}.${timestamp}.${body}`. Written from the
 * contract with node:crypto alone, so the verifier under test does not check itself.
 * @param {string} secret
 * @param {{ id: string, body: string, timestamp?: number }} delivery
 */
export function signLikeTheEdge(secret, { id, body, timestamp = Math.floor(Date.now() / 1000) }) {
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  const signature = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
  return { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': `v1,${signature}` };
}
