// A real HTTP server on 127.0.0.1 (port 0) whose answers a test scripts one request at a time, to drive the
// client's retries and errors over real sockets. It records every request it gets, with the raw body.
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';

export interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

/** One answer: what to do with the response of the request it serves. `drop` closes the socket unanswered. */
export type Answer = ((response: ServerResponse, request: Received) => void) | 'drop';

export const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Answer =>
  (response) => {
    response.writeHead(status, { 'content-type': 'application/json', ...headers });
    response.end(JSON.stringify(body));
  };

export const problem = (status: number, code: string, members: Record<string, unknown> = {}, headers = {}) =>
  json(
    status,
    { type: `urn:tessera:error:${code}`, title: `Title of ${code}.`, status, code, ...members },
    {
      'content-type': 'application/problem+json',
      ...headers,
    },
  );

export async function startScriptedServer() {
  const received: Received[] = [];
  let script: Answer[] = [];
  let fallback: Answer = json(500, { error: 'unscripted' });
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const entry = {
      method: request.method ?? '',
      url: request.url ?? '',
      headers: request.headers,
      body: Buffer.concat(chunks).toString('utf8'),
      at: Date.now(),
    };
    received.push(entry);
    const answer = script.shift() ?? fallback;
    if (answer === 'drop') request.socket.destroy();
    else answer(response, entry);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('no address');
  return {
    origin: `http://127.0.0.1:${address.port}`,
    received,
    /** Answers the next requests in order, then `then` (a 500 by default) for any after them. */
    script(answers: Answer[], then: Answer = json(500, { error: 'unscripted' })) {
      script = [...answers];
      fallback = then;
      received.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
