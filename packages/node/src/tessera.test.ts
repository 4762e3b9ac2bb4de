// The client's retries and errors over real sockets: a local node:http server that fails as scripted, then answers.
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, problem, type Received, startScriptedServer } from '../test/support/scripted-server';
import { Tessera, TesseraApiError, TesseraConnectionError } from './index';

const KEY = 'sk_test_scripted_4f9a1c';
const TOKEN = {
  id: 'tok_1',
  object: 'token',
  type: 'card',
  created: 1_790_000_000,
  card: { brand: 'visa', last4: '4242', bin: '424242', expMonth: 12, expYear: 2034, fingerprint: 'fp_1' },
  cvc: 'present',
};
const FORWARDED = { status: 200, headers: { 'content-type': 'application/json' }, body: '{"ok":true}' };

let server: Awaited<ReturnType<typeof startScriptedServer>>;
beforeAll(async () => {
  server = await startScriptedServer();
});
afterAll(() => server.close());

const tessera = (options: ConstructorParameters<typeof Tessera>[1] = {}) =>
  new Tessera(KEY, { edge: server.origin, ...options });

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.unreachable('the call should have failed'),
    (error: unknown) => error,
  );
}

/** Everything a log could show of an error. */
const shown = (error: unknown) =>
  [String(error), (error as Error).stack, inspect(error, { depth: 10, showHidden: true }), JSON.stringify(error)].join(
    '\n',
  );

describe('requests', () => {
  it('sends the secret key as a bearer token, and reads the answer', async () => {
    server.script([json(200, TOKEN)]);
    expect(await tessera().tokens.retrieve('tok_1')).toEqual(TOKEN);
    const [request] = server.received as [Received];
    expect(request).toMatchObject({ method: 'GET', url: '/v1/tokens/tok_1' });
    expect(request.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(request.headers['idempotency-key']).toBeUndefined();
  });

  it('encodes ids into one path segment and parameters into the query', async () => {
    server.script([
      json(200, { object: 'list', data: [] }),
      json(404, {}),
      json(200, { object: 'list', data: [], head: { id: null, hash: '0'.repeat(64), count: 0 } }),
    ]);
    const client = tessera({ maxRetries: 0 });
    await client.tokens.list({ fingerprint: 'fp_a&b=c' });
    await client.tokens.retrieve('../forward?x=1').catch(() => undefined);
    await client.events.list({ limit: 5, type: 'token.read', since: 1_790_000_000 });
    expect(server.received.map((r) => r.url)).toEqual([
      '/v1/tokens?fingerprint=fp_a%26b%3Dc',
      '/v1/tokens/..%2Fforward%3Fx%3D1',
      '/v1/events?limit=5&type=token.read&since=1790000000',
    ]);
  });

  it('keeps a base path of the edge URL', async () => {
    server.script([json(200, TOKEN)]);
    await new Tessera(KEY, { edge: `${server.origin}/tessera/` }).tokens.retrieve('tok_1');
    expect(server.received[0]?.url).toBe('/tessera/v1/tokens/tok_1');
  });
});

describe('retries', () => {
  it('retries 5xx until an answer comes, within maxRetries', async () => {
    server.script([problem(503, 'internal_error'), problem(500, 'internal_error'), json(200, TOKEN)]);
    expect(await tessera().tokens.retrieve('tok_1')).toEqual(TOKEN);
    expect(server.received).toHaveLength(3);
  });

  it('sends the same Idempotency-Key and the same bytes on every retry of a POST', async () => {
    server.script(['drop', problem(502, 'forward_failed'), json(200, FORWARDED)]);
    const params = { token: 'tok_1', request: { url: 'https://processor.example/charge', method: 'POST' as const } };
    const result = await tessera().forward(params);
    expect(result).toEqual({ ...FORWARDED, replayed: false });
    expect(server.received).toHaveLength(3);
    const keys = server.received.map((r) => r.headers['idempotency-key']);
    expect(keys[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(keys).size).toBe(1);
    expect(new Set(server.received.map((r) => r.body)).size).toBe(1);
    expect(JSON.parse(server.received[0]?.body ?? '')).toEqual(params);
    expect(server.received[0]?.headers['content-type']).toBe('application/json');
  });

  it("uses the caller's Idempotency-Key, and a fresh one for each call without", async () => {
    server.script([
      json(200, FORWARDED, { 'idempotent-replayed': 'true' }),
      json(200, FORWARDED),
      json(200, FORWARDED),
    ]);
    const client = tessera();
    const params = { token: 'tok_1', request: { url: 'https://processor.example/charge', method: 'POST' as const } };
    expect((await client.forward(params, { idempotencyKey: 'order-1042' })).replayed).toBe(true);
    await client.forward(params);
    await client.forward(params);
    const keys = server.received.map((r) => r.headers['idempotency-key']);
    expect(keys[0]).toBe('order-1042');
    expect(keys[1]).not.toBe(keys[2]);
    await expect(client.forward(params, { idempotencyKey: 'has a space' })).rejects.toThrow(RangeError);
  });

  it('honours Retry-After on a 429', async () => {
    server.script([problem(429, 'rate_limited', {}, { 'retry-after': '1' }), json(200, TOKEN)]);
    await tessera().tokens.retrieve('tok_1');
    const [first, second] = server.received as [Received, Received];
    expect(second.at - first.at).toBeGreaterThanOrEqual(950);
  });

  it('retries GET and DELETE after a dropped connection', async () => {
    server.script(['drop', 'drop', json(200, { id: 'tok_1', object: 'token', deleted: true })]);
    expect(await tessera().tokens.delete('tok_1')).toEqual({ id: 'tok_1', object: 'token', deleted: true });
    expect(server.received.map((r) => r.method)).toEqual(['DELETE', 'DELETE', 'DELETE']);
  });

  it('gives up after maxRetries with a TesseraConnectionError that names no key', async () => {
    server.script([], 'drop');
    const error = await rejection(tessera({ maxRetries: 1 }).tokens.retrieve('tok_1'));
    expect(error).toBeInstanceOf(TesseraConnectionError);
    expect(error).toMatchObject({ reason: 'network', name: 'TesseraConnectionError' });
    expect((error as Error).message).toContain(server.origin);
    expect((error as Error).cause).toBeDefined();
    expect(server.received).toHaveLength(2);
    expect(shown(error)).not.toContain(KEY);
  });

  it('times out an attempt that takes longer than timeoutMs, and retries it', async () => {
    const late = () => undefined; // never answers; the client's timeout ends each attempt
    server.script([late, json(200, TOKEN)]);
    expect(await tessera({ timeoutMs: 300 }).tokens.retrieve('tok_1')).toEqual(TOKEN);
    server.script([], late);
    const error = await rejection(tessera({ timeoutMs: 200, maxRetries: 1 }).tokens.retrieve('tok_1'));
    expect(error).toBeInstanceOf(TesseraConnectionError);
    expect(error).toMatchObject({ reason: 'timeout' });
    expect(server.received).toHaveLength(2);
  });

  it('does not retry with maxRetries 0, nor any 4xx', async () => {
    server.script([problem(503, 'internal_error')]);
    expect(await rejection(tessera({ maxRetries: 0 }).tokens.retrieve('tok_1'))).toMatchObject({ status: 503 });
    expect(server.received).toHaveLength(1);
    for (const status of [400, 401, 403, 404, 409]) {
      server.script([problem(status, 'some_code')]);
      expect(await rejection(tessera().tokens.retrieve('tok_1'))).toMatchObject({ status });
      expect(server.received).toHaveLength(1);
    }
  });
});

describe('errors', () => {
  it('turns a problem into a TesseraApiError with every member', async () => {
    server.script([
      problem(400, 'invalid_webhook_event', {
        detail: 'events[2] is not a type.',
        param: 'events[2]',
        instance: 'req_abc',
      }),
    ]);
    const error = await rejection(
      tessera().webhookEndpoints.create({ url: 'https://shop.example/hooks', events: ['token.created'] }),
    );
    expect(error).toBeInstanceOf(TesseraApiError);
    expect(error).toMatchObject({
      name: 'TesseraApiError',
      status: 400,
      code: 'invalid_webhook_event',
      title: 'Title of invalid_webhook_event.',
      type: 'urn:tessera:error:invalid_webhook_event',
      detail: 'events[2] is not a type.',
      param: 'events[2]',
      requestId: 'req_abc',
      event: undefined,
    });
    expect((error as Error).message).toBe(
      'Title of invalid_webhook_event. events[2] is not a type. (400 invalid_webhook_event)',
    );
  });

  it("carries audit_chain_broken's event, and takes the request id from X-Request-Id when no instance", async () => {
    server.script([problem(409, 'audit_chain_broken', { event: 'evt_7' }, { 'x-request-id': 'req_hdr' })]);
    const error = await rejection(tessera().events.verify());
    expect(error).toMatchObject({ status: 409, code: 'audit_chain_broken', event: 'evt_7', requestId: 'req_hdr' });
  });

  it('says invalid_response for an error that is not a problem, or a success that is not the JSON expected', async () => {
    const html = (response: import('node:http').ServerResponse) => {
      response.writeHead(502, { 'content-type': 'text/html' });
      response.end('<h1>Bad gateway</h1>');
    };
    server.script([html]);
    expect(await rejection(tessera({ maxRetries: 0 }).tokens.retrieve('tok_1'))).toMatchObject({
      status: 502,
      code: 'invalid_response',
    });
    server.script([json(200, { id: 'tok_1' })]);
    expect(await rejection(tessera().tokens.retrieve('tok_1'))).toMatchObject({
      status: 200,
      code: 'invalid_response',
    });
  });

  it('never follows a redirect, which would take the key elsewhere', async () => {
    server.script([
      (response) => {
        response.writeHead(307, { location: '/elsewhere' });
        response.end();
      },
    ]);
    expect(await rejection(tessera().tokens.retrieve('tok_1'))).toMatchObject({
      status: 307,
      code: 'invalid_response',
    });
    expect(server.received.map((r) => r.url)).toEqual(['/v1/tokens/tok_1']);
  });

  it('scrubs the key from anything the edge echoes, and never shows it in the client', async () => {
    server.script([problem(401, 'unauthorized', { detail: `The key ${KEY} is not known.`, param: KEY })]);
    const error = await rejection(tessera().tokens.retrieve('tok_1'));
    expect(error).toMatchObject({ detail: 'The key [redacted] is not known.', param: '[redacted]' });
    expect(shown(error)).not.toContain(KEY);
    const client = tessera();
    expect(inspect(client, { depth: 10, showHidden: true })).not.toContain(KEY);
    expect(JSON.stringify(client)).not.toContain(KEY);
  });
});

describe('the constructor', () => {
  it('refuses what is not a secret key, without repeating it', () => {
    for (const key of ['pk_test_abc123', '', 'tok_abc', 'sk_test with space']) {
      const error = (() => {
        try {
          new Tessera(key);
        } catch (e) {
          return e as Error;
        }
      })();
      expect(error).toBeInstanceOf(TypeError);
      if (key !== '') expect(error?.message).not.toContain(key);
    }
    expect(() => new Tessera('pk_test_abc123')).toThrow(/publishable key/);
  });

  it('refuses edges that are not plain http(s) base URLs, and http for a live key', () => {
    expect(() => new Tessera(KEY, { edge: 'edge.example' })).toThrow(TypeError);
    expect(() => new Tessera(KEY, { edge: 'ftp://edge.example' })).toThrow(TypeError);
    expect(() => new Tessera(KEY, { edge: 'https://user:pw@edge.example' })).toThrow(TypeError);
    expect(() => new Tessera(KEY, { edge: 'https://edge.example/?x=1' })).toThrow(TypeError);
    expect(() => new Tessera('sk_live_abc', { edge: 'http://edge.example' })).toThrow(/https/);
    expect(() => new Tessera('sk_live_abc', { edge: 'https://edge.example' })).not.toThrow();
    expect(() => new Tessera(KEY, { maxRetries: -1 })).toThrow(RangeError);
    expect(() => new Tessera(KEY, { timeoutMs: 0 })).toThrow(RangeError);
  });

  it('uses the fetch it is given', async () => {
    const urls: string[] = [];
    const client = new Tessera(KEY, {
      edge: 'https://edge.example',
      fetch: async (url) => {
        urls.push(url);
        return new Response(JSON.stringify(TOKEN), { headers: { 'content-type': 'application/json' } });
      },
    });
    await client.tokens.retrieve('tok_1');
    expect(urls).toEqual(['https://edge.example/v1/tokens/tok_1']);
  });
});

describe('events', () => {
  const event = (n: number) => ({
    id: `evt_${n}`,
    object: 'event',
    type: 'token.read',
    created: 1_790_000_000 + n,
    time: new Date((1_790_000_000 + n) * 1000).toISOString(),
    token: 'tok_1',
    keyId: 'key_1',
    clientIp: null,
    requestId: `req_${n}`,
    outcome: 'success',
    prevHash: '0'.repeat(64),
    hash: '1'.repeat(64),
  });
  const head = { id: 'evt_5', hash: '1'.repeat(64), count: 5 };

  it('iterates over every page by following next', async () => {
    server.script([
      json(200, { object: 'list', data: [event(5), event(4)], next: 'evt_4', head }),
      json(200, { object: 'list', data: [event(3), event(2)], next: 'evt_2', head }),
      json(200, { object: 'list', data: [event(1)], head }),
    ]);
    const ids: string[] = [];
    for await (const e of tessera().events.iterate({ limit: 2, type: 'token.read' })) ids.push(e.id);
    expect(ids).toEqual(['evt_5', 'evt_4', 'evt_3', 'evt_2', 'evt_1']);
    expect(server.received.map((r) => r.url)).toEqual([
      '/v1/events?limit=2&type=token.read',
      '/v1/events?limit=2&after=evt_4&type=token.read',
      '/v1/events?limit=2&after=evt_2&type=token.read',
    ]);
  });

  it('streams the export line by line, however the bytes are cut', async () => {
    const body = `${[event(1), event(2)].map((e) => JSON.stringify(e)).join('\n')}\n${JSON.stringify({ object: 'chain_head', ...head })}\n`;
    server.script([
      (response) => {
        response.writeHead(200, { 'content-type': 'application/x-ndjson' });
        // Cut into 7-byte pieces, written over several turns of the event loop.
        const bytes = Buffer.from(body);
        let at = 0;
        const next = () => {
          if (at >= bytes.length) return void response.end();
          response.write(bytes.subarray(at, at + 7));
          at += 7;
          setImmediate(next);
        };
        next();
      },
    ]);
    const lines = [];
    for await (const line of tessera().events.export({ since: 1_790_000_000 })) lines.push(line);
    expect(lines).toEqual([event(1), event(2), { object: 'chain_head', ...head }]);
    expect(server.received[0]?.url).toBe('/v1/events/export?since=1790000000');
    expect(server.received[0]?.headers.accept).toBe('application/x-ndjson');
  });

  it('ends an export that stalls with a timeout', async () => {
    server.script([
      (response) => {
        response.writeHead(200, { 'content-type': 'application/x-ndjson' });
        response.write(`${JSON.stringify(event(1))}\n`);
        // …and nothing more.
      },
    ]);
    const lines: unknown[] = [];
    const error = await rejection(
      (async () => {
        for await (const line of tessera({ timeoutMs: 300 }).events.export()) lines.push(line);
      })(),
    );
    expect(lines).toEqual([event(1)]);
    expect(error).toBeInstanceOf(TesseraConnectionError);
    expect(error).toMatchObject({ reason: 'timeout' });
  });
});
