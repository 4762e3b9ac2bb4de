// Starts the demo: the merchant server and the checkout page (Vite dev server on http://localhost:5173).
// `pnpm --filter @tessera/demo dev`, or `pnpm demo` at the root to start the edge as well.
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';
import { aliasOtherLoopback } from './loopback-alias.mjs';
import { startMerchantServer } from './merchant-server.mjs';

const appDir = fileURLToPath(new URL('..', import.meta.url));
process.env.TESSERA_MERCHANT_PORT ||= '4242'; // read by vite.config.ts for its /api proxy
const log = (/** @type {string} */ line) => console.log(line);

const merchant = await startMerchantServer();
const vite = await createServer({ root: appDir, configFile: `${appDir}vite.config.ts` });
await vite.listen();
const address = vite.httpServer?.address();
const closeAlias = address && typeof address === 'object' ? await aliasOtherLoopback(address, log) : () => {};
vite.printUrls();
log(`checkout page: http://localhost:5173 (also http://127.0.0.1:5173), merchant server: ${merchant.url}`);

let closing = false;
async function stop() {
  if (closing) return;
  closing = true;
  closeAlias();
  merchant.server.close();
  merchant.server.closeAllConnections();
  await vite.close();
  process.exit(0);
}
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
