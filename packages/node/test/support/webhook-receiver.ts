// A merchant's webhook endpoint on a random loopback port (the edge posts to loopback only in local development):
// it keeps every delivery's raw body and headers, exactly as node:http gave them, and answers 204.
import { createServer, type IncomingHttpHeaders } from 'node:http';

export interface Delivery {
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export async function startReceiver() {
  const deliveries: Delivery[] = [];
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    deliveries.push({ path: request.url ?? '/', headers: request.headers, body: Buffer.concat(chunks) });
    response.writeHead(204).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('no address');
  return {
    url: (path: string) => `http://127.0.0.1:${address.port}${path}`,
    /** The deliveries to `path` so far, oldest first. */
    deliveries: (path: string) => deliveries.filter((d) => d.path === path),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
