import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from '../../app-env';
import { toProblemResponse } from '../../errors/problem';
import { sha256Hex } from '../../lib/encoding';
import { bodyLimit } from '../body-limit';
import { idempotencyKey } from '.';

const app = new Hono<AppEnv>();
app.post('/', bodyLimit({ maxBytes: 64 }), idempotencyKey(), (c) => c.json({ idempotency: c.var.idempotency ?? null }));
app.onError(toProblemResponse);

const post = (body: string, key?: string) =>
  app.request('/', { method: 'POST', body, headers: key === undefined ? {} : { 'Idempotency-Key': key } });

describe('idempotencyKey()', () => {
  it('passes no idempotency when the header is absent', async () => {
    expect(await (await post('{}')).json()).toEqual({ idempotency: null });
  });

  it('pairs the key with the SHA-256 of the exact body bytes', async () => {
    const res = await post('{"a": 1}', 'order-42');
    expect(await res.json()).toEqual({ idempotency: { key: 'order-42', bodyDigest: await sha256Hex('{"a": 1}') } });
    const other = (await (await post('{"a":1}', 'order-42')).json()) as { idempotency: { bodyDigest: string } };
    expect(other.idempotency.bodyDigest).not.toBe(await sha256Hex('{"a": 1}'));
  });

  it('refuses an empty, over-long or non-visible-ASCII key with 400 naming the header, not its value', async () => {
    for (const key of ['', 'x'.repeat(256), 'has space', 'tab\there', 'del\x7f']) {
      const res = await post('{}', key);
      expect(res.status).toBe(400);
      const problem = (await res.json()) as { code: string; param: string };
      expect(problem).toMatchObject({ code: 'invalid_request', param: 'Idempotency-Key' });
      if (key.length > 0) expect(JSON.stringify(problem)).not.toContain(key);
    }
    expect((await post('{}', 'x'.repeat(255))).status).toBe(200);
  });
});
