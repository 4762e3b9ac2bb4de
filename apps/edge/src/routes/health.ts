import { Hono } from 'hono';
import type { AppEnv } from '../app-env';
import { getConfig } from '../config/config';

export const health = new Hono<AppEnv>();

// Live only when the configuration parses: a broken secret fails every keyed request, so a health check that
// stayed green through it would hide the outage. The answer says which part, never why (the log line does).
health.get('/healthz', async (c) => {
  const configured = await getConfig(c.env).then(
    () => true,
    () => false,
  );
  const headers = { 'Cache-Control': 'no-store' };
  return configured ? c.json({ ok: true }, 200, headers) : c.json({ ok: false, config: 'invalid' }, 503, headers);
});
