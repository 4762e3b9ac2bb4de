import { MAX_BODY_BYTES } from '@tessera/protocol';
import { Hono } from 'hono';
import type { AppEnv } from '../app-env';
import { getEffectiveConfig } from '../config/effective-config';
import { type AuthContext, auth } from '../middleware/auth';
import { bodyLimit } from '../middleware/body-limit';
import { idempotencyKey } from '../middleware/idempotency-key';
import { cardFailureLimit, clientAddress, rateLimit } from '../middleware/rate-limit';
import { requireJson } from '../middleware/require-json';
import { sameOrigin } from '../middleware/same-origin';
import { auditContext } from '../request/audit-context';
import {
  createToken,
  deleteByFingerprint,
  deleteToken,
  readToken,
  tokensByFingerprint,
} from '../services/tokens/token-service';

export const tokens = new Hono<AppEnv>();

// The order of the checks is the contract: the client's limits (before anything is read), media type, size, key,
// origin, the key's limit, then the body itself.
tokens.post(
  '/',
  cardFailureLimit({ limiter: 'FAILURES_PER_CLIENT', periodSeconds: 60 }),
  rateLimit({ limiter: 'CREATE_PER_CLIENT', periodSeconds: 10, key: clientAddress }),
  requireJson(),
  bodyLimit({ maxBytes: MAX_BODY_BYTES }),
  auth({ keyType: 'publishable' }),
  sameOrigin(),
  // Counted only once key and origin passed, so requests that fail them cannot spend the merchant's budget.
  rateLimit({ limiter: 'CREATE_PER_KEY', periodSeconds: 10, key: (c) => (c.var.auth as AuthContext).keyId }),
  idempotencyKey(),
  async (c) => {
    const { token, replayed } = await createToken(c.env, await getEffectiveConfig(c.env), {
      merchant: c.var.auth.merchant,
      keyHash: c.var.auth.keyHash,
      body: c.var.body,
      idempotency: c.var.idempotency,
      audit: auditContext(c.var.auth, c.req.raw, c.var.requestId),
    });
    return c.json(token, 200, { 'Cache-Control': 'no-store', ...(replayed ? { 'Idempotent-Replayed': 'true' } : {}) });
  },
);

tokens.get('/', auth({ keyType: 'secret' }), async (c) => {
  const list = await tokensByFingerprint(
    c.env,
    c.var.auth.merchant,
    c.req.query('fingerprint'),
    auditContext(c.var.auth, c.req.raw, c.var.requestId),
  );
  return c.json(list, 200, { 'Cache-Control': 'no-store' });
});

tokens.delete('/', auth({ keyType: 'secret' }), async (c) => {
  const list = await deleteByFingerprint(
    c.env,
    c.var.auth.merchant,
    c.req.query('fingerprint'),
    auditContext(c.var.auth, c.req.raw, c.var.requestId),
  );
  return c.json(list, 200, { 'Cache-Control': 'no-store' });
});

tokens.get('/:id', auth({ keyType: 'secret' }), async (c) => {
  const token = await readToken(
    c.env,
    c.var.auth.merchant,
    c.req.param('id'),
    auditContext(c.var.auth, c.req.raw, c.var.requestId),
  );
  return c.json(token, 200, { 'Cache-Control': 'no-store' });
});

tokens.delete('/:id', auth({ keyType: 'secret' }), async (c) => {
  const deleted = await deleteToken(
    c.env,
    c.var.auth.merchant,
    c.req.param('id'),
    auditContext(c.var.auth, c.req.raw, c.var.requestId),
  );
  return c.json(deleted, 200, { 'Cache-Control': 'no-store' });
});
