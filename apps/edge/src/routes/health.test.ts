import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';

describe('GET /healthz', () => {
  it('answers ok', async () => {
    const res = await exports.default.fetch('http://edge.test/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
    expect(res.headers.get('Request-Id')).toMatch(/^req_/);
  });
});
