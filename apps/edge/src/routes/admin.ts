import { MAX_BODY_BYTES } from '@tessera/protocol';
import { Hono } from 'hono';
import type { AppEnv } from '../app-env';
import { EdgeError } from '../errors/edge-error';
import { bodyLimit } from '../middleware/body-limit';
import { type OperatorContext, operatorAuth } from '../middleware/operator-auth';
import { requireJson } from '../middleware/require-json';
import { parseJsonBytes } from '../request/parse-json';
import { createAgent, listAgents } from '../services/admin/agents';
import { issueKey, listKeys, revokeKey, rollKey } from '../services/admin/keys';
import { createMerchant, getMerchant, listMerchants, updateMerchant } from '../services/admin/merchants';
import { registryOf } from '../services/admin/registry-access';
import { retireKek, rotateDataKey, rotationStatus, startRotation } from '../services/admin/rotation';
import { merchantStats } from '../services/admin/stats';
import { parseEventQuery, toAuditEvent } from '../services/events/events-service';

type AdminEnv = AppEnv & { Variables: { operator: OperatorContext; body: Uint8Array } };

export const admin = new Hono<AdminEnv>();

const noStore = { 'Cache-Control': 'no-store' };
const json = [requireJson(), bodyLimit({ maxBytes: MAX_BODY_BYTES })] as const;
/** A POST whose body may be empty (roll, revoke): `{}` then. */
const optionalBody = (bytes: Uint8Array | undefined) =>
  bytes === undefined || bytes.length === 0 ? {} : parseJsonBytes(bytes);

// Every call is authenticated first, so refusals are recorded with what is known of the caller (its key id
// when the key was real, otherwise nothing of it).
admin.use('*', async (c, next) => {
  try {
    await next();
  } finally {
    const code = c.get('problemCode');
    if (code !== undefined && c.res.status < 500) {
      const audit = c.get('operator')?.audit ?? {
        keyId: 'unknown',
        clientIp: c.req.header('CF-Connecting-IP') ?? null,
        requestId: c.var.requestId,
      };
      c.executionCtx.waitUntil(
        registryOf(c.env)
          .recordRefusal(audit, code)
          .catch(() => {}),
      );
    }
  }
});
admin.use('*', operatorAuth());

admin.get('/merchants', async (c) => c.json(await listMerchants(c.env), 200, noStore));
admin.post('/merchants', ...json, async (c) =>
  c.json(await createMerchant(c.env, parseJsonBytes(c.var.body), c.var.operator.audit), 201, noStore),
);
admin.get('/merchants/:id', async (c) => c.json(await getMerchant(c.env, c.req.param('id')), 200, noStore));
admin.patch('/merchants/:id', ...json, async (c) =>
  c.json(
    await updateMerchant(c.env, c.req.param('id'), parseJsonBytes(c.var.body), c.var.operator.audit),
    200,
    noStore,
  ),
);
admin.get('/merchants/:id/keys', async (c) => c.json(await listKeys(c.env, c.req.param('id')), 200, noStore));
admin.get('/merchants/:id/stats', async (c) =>
  c.json(await merchantStats(c.env, c.req.param('id'), c.req.query()), 200, noStore),
);
admin.post('/merchants/:id/keys', ...json, async (c) =>
  c.json(await issueKey(c.env, c.req.param('id'), parseJsonBytes(c.var.body), c.var.operator.audit), 201, noStore),
);
admin.post('/merchants/:id/keys/:keyId/roll', bodyLimit({ maxBytes: MAX_BODY_BYTES }), async (c) => {
  const body = optionalBody(c.var.body);
  const rolled = await rollKey(c.env, c.req.param('id'), c.req.param('keyId'), body, c.var.operator.audit);
  return c.json(rolled, 201, noStore);
});
admin.post('/merchants/:id/keys/:keyId/revoke', async (c) =>
  c.json(await revokeKey(c.env, c.req.param('id'), c.req.param('keyId'), c.var.operator.audit), 200, noStore),
);
admin.get('/agents', async (c) => c.json(await listAgents(c.env), 200, noStore));
admin.post('/agents', ...json, async (c) =>
  c.json(await createAgent(c.env, parseJsonBytes(c.var.body), c.var.operator.audit), 201, noStore),
);
admin.post('/merchants/:id/data-key/rotate', async (c) =>
  c.json(await rotateDataKey(c.env, c.req.param('id'), c.var.operator.audit), 201, noStore),
);
admin.get('/rotate', async (c) => c.json(await rotationStatus(c.env), 200, noStore));
admin.post('/rotate', ...json, async (c) =>
  c.json(await startRotation(c.env, parseJsonBytes(c.var.body), c.var.operator.audit), 202, noStore),
);
admin.post('/rotate/retire', ...json, async (c) =>
  c.json(await retireKek(c.env, parseJsonBytes(c.var.body)), 200, noStore),
);
admin.get('/events', async (c) => {
  const page = await registryOf(c.env).events(parseEventQuery(c.req.query()));
  if (!page.ok) throw new EdgeError(page.code, { param: 'after' });
  const list = {
    object: 'list',
    data: page.events.map(toAuditEvent),
    head: page.head,
    ...(page.next ? { next: page.next } : {}),
  };
  return c.json(list, 200, noStore);
});
