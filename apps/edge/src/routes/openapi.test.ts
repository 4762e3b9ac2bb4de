import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { call, createToken, DEMO_PK, DEMO_SK, deleteTokenCall, getToken, sealKeys } from '../../test/support/edge';
import { forwardCall, peerId, peerUrl } from '../../test/support/forward';
import { openApiDocument } from '../openapi/document';
import {
  CreatedTokenSchema,
  DeletedTokenSchema,
  ForwardResponseSchema,
  HealthSchema,
  SealKeySetSchema,
  TokenSchema,
} from '../openapi/response-schemas';

// The document the edge serves, and the edge's real answers held to the schemas the document is made of. Every
// problem answer of every route test is held to ProblemSchema by expectProblem (test/support/edge.ts).

const expectShape = async (res: Response, schema: v.GenericSchema) => {
  expect(res.status).toBe(200);
  const body: unknown = await res.json();
  const result = v.safeParse(schema, body);
  expect(result.issues?.map((issue) => `${v.getDotPath(issue)}: ${issue.message}`) ?? []).toEqual([]);
  return body;
};

describe('GET /v1/openapi.json', () => {
  it('serves the OpenAPI 3.1 document without a key', async () => {
    const res = await call('/v1/openapi.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('application/json');
    expect(await res.json()).toEqual(openApiDocument());
  });
});

describe('answers match the document', () => {
  it('healthz, seal keys, create, read, forward and delete', async () => {
    await expectShape(await call('/healthz'), HealthSchema);
    await expectShape(
      await call('/v1/keys/seal', { headers: { Authorization: `Bearer ${DEMO_PK}` } }),
      SealKeySetSchema,
    );
    expect((await sealKeys()).length).toBeGreaterThan(0);
    const token = (await expectShape(await createToken(), CreatedTokenSchema)) as { id: string };
    await expectShape(await getToken(token.id), TokenSchema);
    const forward = {
      token: token.id,
      request: { url: peerUrl(`/echo/${peerId()}`), method: 'POST', body: 'n={{card.number}}' },
    };
    await expectShape(await forwardCall(forward, { sk: DEMO_SK }), ForwardResponseSchema);
    await expectShape(await deleteTokenCall(token.id), DeletedTokenSchema);
  });
});
