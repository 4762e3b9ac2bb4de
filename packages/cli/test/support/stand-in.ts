// A stand-in edge on a random loopback port (node:http), for the unit tests: each request is answered by the
// handler the test gives, and recorded.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

export interface Received {
  method: string;
  path: string;
  query: URLSearchParams;
  authorization: string | undefined;
  body: string;
}

export type Handler = (request: Received, response: ServerResponse) => void;

export const json = (response: ServerResponse, status: number, body: unknown) => {
  response.writeHead(status, {
    'content-type': status >= 400 ? 'application/problem+json' : 'application/json',
  });
  response.end(JSON.stringify(body));
};

export const problem = (
  response: ServerResponse,
  status: number,
  code: string,
  members: Record<string, unknown> = {},
) =>
  json(response, status, { type: `urn:tessera:error:${code}`, title: `Title of ${code}.`, status, code, ...members });

export async function startStandIn(handler: Handler) {
  const received: Received[] = [];
  const server = createServer(async (request: IncomingMessage, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const url = new URL(request.url ?? '/', 'http://stand-in.invalid');
    const entry: Received = {
      method: request.method ?? '',
      path: url.pathname,
      query: url.searchParams,
      authorization: request.headers.authorization,
      body: Buffer.concat(chunks).toString('utf8'),
    };
    received.push(entry);
    handler(entry, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('no address');
  return {
    origin: `http://127.0.0.1:${address.port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
