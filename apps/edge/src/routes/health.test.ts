import { createExecutionContext } from 'cloudflare:test';
import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import worker from '../index';

describe('GET /healthz', () => {
  it('answers ok', async () => {
    const res = await exports.default.fetch('http://edge.test/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
    expect(res.headers.get('Request-Id')).toMatch(/^req_/);
  });

  it('answers 503 when the configuration does not parse, naming no value', async () => {
    const broken = { ...env, TESSERA_MERCHANTS: '[{"id":"demo","allowedOrigins":["not an origin"]}]' };
    const res = await worker.fetch(new Request('http://edge.test/healthz'), broken, createExecutionContext());
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ ok: false, config: 'invalid' });
  });
});
