import { MAX_BODY_BYTES } from '@tessera/protocol';
import { Hono } from 'hono';
import type { AppEnv } from '../app-env';
import { isDevelopment } from '../config/config';
import { auth } from '../middleware/auth';
import { bodyLimit } from '../middleware/body-limit';
import { idempotencyKey } from '../middleware/idempotency-key';
import { requireJson } from '../middleware/require-json';
import { auditContext } from '../request/audit-context';
import { forwardRequest } from '../services/forward/forward-service';

export const forward = new Hono<AppEnv>();

// The same order of checks as POST /v1/tokens: media type, size, key, then the body itself.
forward.post(
  '/',
  requireJson(),
  bodyLimit({ maxBytes: MAX_BODY_BYTES }),
  auth({ keyType: 'secret' }),
  idempotencyKey(),
  async (c) => {
    const { response, replayed } = await forwardRequest(c.env, {
      merchant: c.var.auth.merchant,
      body: c.var.body,
      idempotency: c.var.idempotency,
      audit: auditContext(c.var.auth, c.req.raw, c.var.requestId),
      development: isDevelopment(c.env),
    });
    return c.json(response, 200, {
      'Cache-Control': 'no-store',
      ...(replayed ? { 'Idempotent-Replayed': 'true' } : {}),
    });
  },
);
