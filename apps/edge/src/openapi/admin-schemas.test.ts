import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { call, expectProblem } from '../../test/support/edge';
import {
  AgentListSchema,
  ApiKeyListSchema,
  ApiKeySchema,
  CreatedAgentSchema,
  IssuedApiKeySchema,
  MerchantListSchema,
  MerchantSchema,
  MerchantStatsSchema,
  RetiredKekSchema,
  RolledApiKeySchema,
  RotationStatusSchema,
} from './admin-schemas';
import { EventListSchema } from './event-schemas';

// The operator API's real answers held to the schemas the OpenAPI document is made of (as routes/openapi.test.ts
// does for the merchant routes), so the document cannot drift from what /v1/admin sends.

const admin = (path: string, init: { method?: string; body?: unknown } = {}) =>
  call(`/v1/admin${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: {
      Authorization: 'Bearer op_test_local',
      ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });

async function expectShape<S extends v.GenericSchema>(res: Response, status: number, schema: S) {
  expect(res.status).toBe(status);
  expect(res.headers.get('Cache-Control')).toBe('no-store');
  const body: unknown = await res.json();
  const result = v.safeParse(schema, body);
  expect(result.issues?.map((issue) => `${v.getDotPath(issue)}: ${issue.message}`) ?? []).toEqual([]);
  return body as v.InferOutput<S>;
}

describe('operator answers match the document', () => {
  it('merchants, keys (issued, listed, rolled, revoked), stats, agents and the trail', async () => {
    const id = `schema-${crypto.randomUUID().slice(0, 8)}`;
    const body = { id, name: 'A shop', origins: ['https://shop.example'], forwardHosts: ['pay.example:8443'] };
    await expectShape(await admin('/merchants', { body }), 201, MerchantSchema);
    await expectShape(await admin('/merchants'), 200, MerchantListSchema);
    await expectShape(await admin('/merchants/demo'), 200, MerchantSchema);
    await expectShape(
      await admin(`/merchants/${id}`, { method: 'PATCH', body: { limits: { windowSeconds: 60 } } }),
      200,
      MerchantSchema,
    );

    const secret = await expectShape(
      await admin(`/merchants/${id}/keys`, { body: { type: 'secret' } }),
      201,
      IssuedApiKeySchema,
    );
    await expectShape(
      await admin(`/merchants/${id}/keys`, { body: { type: 'publishable', expiresAt: 4_000_000_000 } }),
      201,
      IssuedApiKeySchema,
    );
    const rolled = await expectShape(
      await admin(`/merchants/${id}/keys/${secret.id}/roll`, { body: { expiresIn: 60 } }),
      201,
      RolledApiKeySchema,
    );
    expect(rolled.previous).toMatchObject({ id: secret.id, rolledTo: rolled.id });
    await expectShape(await admin(`/merchants/${id}/keys/${rolled.id}/revoke`, { body: {} }), 200, ApiKeySchema);
    const listed = await expectShape(await admin(`/merchants/${id}/keys`), 200, ApiKeyListSchema);
    expect(listed.data.map((key) => key.status).sort()).toEqual(['active', 'active', 'revoked']);
    // Keys configured in the secret: no last four, no creation time.
    await expectShape(await admin('/merchants/demo/keys'), 200, ApiKeyListSchema);
    const stats = await expectShape(await admin(`/merchants/${id}/stats?hours=3`), 200, MerchantStatsSchema);
    expect(stats.buckets).toHaveLength(3);

    await expectShape(await admin('/agents', { body: { name: 'An agent' } }), 201, CreatedAgentSchema);
    await expectShape(await admin('/agents'), 200, AgentListSchema);
    await expectShape(await admin('/events?limit=200'), 200, EventListSchema);
  });

  it('the KEK rotation: its status before and after, and the retire check', async () => {
    await expectShape(await admin('/rotate'), 200, RotationStatusSchema);
    await expectShape(await admin('/rotate', { body: { kek: 'kek_next' } }), 202, RotationStatusSchema);
    const state = async () => ((await (await admin('/rotate')).json()) as { state: string }).state;
    await expect.poll(state, { timeout: 10_000 }).toBe('done');
    await expectShape(await admin('/rotate'), 200, RotationStatusSchema);
    await expectShape(await admin('/rotate/retire', { body: { kek: 'kek_unlisted' } }), 200, RetiredKekSchema);
    await expectProblem(await admin('/rotate/retire', { body: { kek: 'kek_next' } }), 'kek_in_use');
  });
});
