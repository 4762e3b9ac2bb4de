import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from '../../app-env';
import { EdgeError } from '../../errors/edge-error';
import { toProblemResponse } from '../../errors/problem';
import { requestId } from '.';

const app = new Hono<AppEnv>();
app.use(requestId());
app.get('/ok', (c) => c.text(c.var.requestId));
app.get('/fail', () => {
  throw new EdgeError('not_found');
});
app.onError(toProblemResponse);

describe('requestId()', () => {
  it('gives each request its own id, on success and on problems, ignoring an incoming one', async () => {
    const a = await app.request('/ok', { headers: { 'Request-Id': 'req_spoofed' } });
    const b = await app.request('/ok');
    expect(a.headers.get('Request-Id')).toMatch(/^req_[\w-]{16}$/);
    expect(a.headers.get('Request-Id')).toBe(await a.text());
    expect(a.headers.get('Request-Id')).not.toBe(b.headers.get('Request-Id'));
    const fail = await app.request('/fail');
    expect(((await fail.json()) as { instance: string }).instance).toBe(fail.headers.get('Request-Id'));
  });
});
