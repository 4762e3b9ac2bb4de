import { MAX_BODY_BYTES } from '@tessera/protocol';
import { Hono } from 'hono';
import type { AppEnv } from '../app-env';
import { isDevelopment } from '../config/config';
import { auth } from '../middleware/auth';
import { bodyLimit } from '../middleware/body-limit';
import { requireJson } from '../middleware/require-json';
import { auditContext } from '../request/audit-context';
import { parseJsonBytes } from '../request/parse-json';
import {
  createEndpoint,
  deleteEndpoint,
  getEndpoint,
  listDeliveries,
  listEndpoints,
  retryDelivery,
  rotateSecret,
} from '../services/webhooks/webhook-service';

export const webhookEndpoints = new Hono<AppEnv>();

const noStore = { 'Cache-Control': 'no-store' };

webhookEndpoints.post(
  '/',
  requireJson(),
  bodyLimit({ maxBytes: MAX_BODY_BYTES }),
  auth({ keyType: 'secret' }),
  async (c) => {
    const body = parseJsonBytes(c.var.body);
    const audit = auditContext(c.var.auth, c.req.raw, c.var.requestId);
    const endpoint = await createEndpoint(c.env, c.var.auth.merchant, body, audit, isDevelopment(c.env));
    return c.json(endpoint, 201, noStore);
  },
);

webhookEndpoints.get('/', auth({ keyType: 'secret' }), async (c) =>
  c.json(await listEndpoints(c.env, c.var.auth.merchant), 200, noStore),
);

webhookEndpoints.get('/:id', auth({ keyType: 'secret' }), async (c) =>
  c.json(await getEndpoint(c.env, c.var.auth.merchant, c.req.param('id')), 200, noStore),
);

webhookEndpoints.delete('/:id', auth({ keyType: 'secret' }), async (c) => {
  const audit = auditContext(c.var.auth, c.req.raw, c.var.requestId);
  return c.json(await deleteEndpoint(c.env, c.var.auth.merchant, c.req.param('id'), audit), 200, noStore);
});

webhookEndpoints.post('/:id/rotate', auth({ keyType: 'secret' }), async (c) => {
  const audit = auditContext(c.var.auth, c.req.raw, c.var.requestId);
  return c.json(await rotateSecret(c.env, c.var.auth.merchant, c.req.param('id'), audit), 200, noStore);
});

webhookEndpoints.get('/:id/deliveries', auth({ keyType: 'secret' }), async (c) =>
  c.json(await listDeliveries(c.env, c.var.auth.merchant, c.req.param('id'), c.req.query()), 200, noStore),
);

webhookEndpoints.post('/:id/deliveries/:eventId/retry', auth({ keyType: 'secret' }), async (c) =>
  c.json(await retryDelivery(c.env, c.var.auth.merchant, c.req.param('id'), c.req.param('eventId')), 202, noStore),
);
