// Starts the demo: the mock processor, the merchant server and the checkout page (Vite dev server on
// http://localhost:5173). The merchant server's POST /api/charge (a token) and POST /api/agent-charge (an agent's
// vault token, server/agent.mjs) charge at the mock processor through the edge.
// `pnpm --filter @tessera/demo dev`, or `pnpm demo` at the root to start the edge as well.
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';
import { aliasOtherLoopback } from './loopback-alias.mjs';
import { startMerchantServer } from './merchant-server.mjs';
import { startMockProcessor } from './mock-processor.mjs';

const appDir = fileURLToPath(new URL('..', import.meta.url));
process.env.TESSERA_MERCHANT_PORT ||= '4242'; // read by vite.config.ts for its /api proxy
const log = (/** @type {string} */ line) => console.log(line);

const processor = await startMockProcessor();
process.env.TESSERA_PROCESSOR_URL ||= processor.url;
const merchant = await startMerchantServer();
const vite = await createServer({ root: appDir, configFile: `${appDir}vite.config.ts` });
await vite.listen();
const address = vite.httpServer?.address();
const closeAlias = address && typeof address === 'object' ? await aliasOtherLoopback(address, log) : () => {};
vite.printUrls();
log(
  `checkout page: http://localhost:5173 (also http://127.0.0.1:5173), merchant server: ${merchant.url}, mock processor: ${processor.url}`,
);
log(
  `charge a token through the edge: curl -X POST ${merchant.url}/api/charge -H 'content-type: application/json' -d '{"token":"tok_…"}'`,
);
log('pay as an AI agent would (a vault token, charged once): pnpm --filter @tessera/demo agent --charge');

let closing = false;
async function stop() {
  if (closing) return;
  closing = true;
  closeAlias();
  merchant.server.close();
  merchant.server.closeAllConnections();
  processor.server.close();
  processor.server.closeAllConnections();
  await vite.close();
  process.exit(0);
}
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
