import { Hono } from 'hono';
import type { AppEnv } from '../app-env';
import { auth } from '../middleware/auth';
import { exportEvents, listEvents, verifyEvents } from '../services/events/events-service';

export const events = new Hono<AppEnv>();

events.get('/', auth({ keyType: 'secret' }), async (c) =>
  c.json(await listEvents(c.env, c.var.auth.merchant, c.req.query()), 200, { 'Cache-Control': 'no-store' }),
);

events.get('/verify', auth({ keyType: 'secret' }), async (c) =>
  c.json(await verifyEvents(c.env, c.var.auth.merchant, c.req.query()), 200, { 'Cache-Control': 'no-store' }),
);

events.get('/export', auth({ keyType: 'secret' }), (c) => {
  const stream = exportEvents(c.env, c.var.auth.merchant, c.req.query());
  return new Response(stream, {
    headers: {
      'Content-Type': 'application/x-ndjson; charset=utf-8',
      'Content-Disposition': 'attachment; filename="tessera-events.ndjson"',
      'Cache-Control': 'no-store',
    },
  });
});
