// `localhost` resolves to 127.0.0.1 on some machines and to ::1 on others, and a server listening on one is
// not reachable on the other. The demo must answer on both http://localhost:5173 and http://127.0.0.1:5173
// (both are allowed origins of the demo merchant), so this forwards the other loopback address to the one Vite got.
import { connect, createServer } from 'node:net';

const OTHER = { '127.0.0.1': '::1', '::1': '127.0.0.1' };

/**
 * Listens on the other loopback address, same port, and pipes every connection (HMR websockets included) through.
 * Best effort: a machine without IPv6 simply has no alias. Returns a function that closes it.
 * @param {import('node:net').AddressInfo} address where the real server listens
 * @param {(line: string) => void} log
 * @returns {Promise<() => void>}
 */
export async function aliasOtherLoopback(address, log) {
  const other = OTHER[/** @type {keyof typeof OTHER} */ (address.address)];
  if (!other) return () => {};
  const alias = createServer((socket) => {
    const upstream = connect(address.port, address.address);
    socket.pipe(upstream).pipe(socket);
    const close = () => {
      socket.destroy();
      upstream.destroy();
    };
    socket.on('error', close);
    upstream.on('error', close);
  });
  const listening = await new Promise((resolve) => {
    alias.once('error', (error) => {
      const code = /** @type {NodeJS.ErrnoException} */ (error).code;
      if (code === 'EADDRINUSE') log(`warning: ${other} port ${address.port} is taken by another program`);
      resolve(false);
    });
    alias.listen(address.port, other, () => resolve(true));
  });
  return listening ? () => alias.close() : () => {};
}
