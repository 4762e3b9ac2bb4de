import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from '../../app-env';
import { toProblemResponse } from '../../errors/problem';
import { bodyLimit } from '.';

const app = new Hono<AppEnv>();
app.post('/', bodyLimit({ maxBytes: 8 }), (c) => c.json({ bytes: c.var.body.byteLength }));
app.onError(toProblemResponse);

const streamOf = (...chunks: string[]) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk));
      controller.close();
    },
  });

describe('bodyLimit()', () => {
  it('reads a body up to the limit', async () => {
    const res = await app.request('/', { method: 'POST', body: '12345678' });
    expect(await res.json()).toEqual({ bytes: 8 });
  });

  it('refuses a Content-Length over the limit', async () => {
    const res = await app.request('/', { method: 'POST', body: '123456789' });
    expect(res.status).toBe(413);
  });

  it('cuts off a stream that passes the limit, whatever it declared', async () => {
    const res = await app.request('/', { method: 'POST', body: streamOf('1234', '5678', '9') });
    expect(res.status).toBe(413);
  });

  it('refuses a stream longer than the Content-Length it declared', async () => {
    const body = streamOf('1234', '5678', '9');
    const res = await app.request('/', { method: 'POST', body, headers: { 'Content-Length': '4' } });
    expect(res.status).toBe(413);
  });

  it('refuses a malformed Content-Length', async () => {
    const res = await app.request('/', { method: 'POST', body: '1', headers: { 'Content-Length': '-1' } });
    expect(res.status).toBe(400);
  });

  it('throws on bad options when built', () => {
    expect(() => bodyLimit({ maxBytes: 0 })).toThrow(RangeError);
    expect(() => bodyLimit({ maxBytes: 1.5 })).toThrow(RangeError);
  });
});
