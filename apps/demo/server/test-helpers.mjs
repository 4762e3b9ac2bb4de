// Helpers for the merchant server's tests (node:test): servers on loopback.

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
