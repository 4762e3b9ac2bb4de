import { describe, expect, it } from 'vitest';
import { call, DEMO_PK, DEMO_SK, postToken } from '../../../test/support/edge';

describe('noSniff()', () => {
  it('marks every answer nosniff: successes, problems, unknown routes and wrong methods', async () => {
    const answers = [
      await call('/healthz'),
      await call('/v1/keys/seal', { headers: { Authorization: `Bearer ${DEMO_PK}` } }),
      await call('/v1/tokens/tok_aaaaaaaaaaaaaaaaaaaaaa', { headers: { Authorization: `Bearer ${DEMO_SK}` } }),
      await postToken('{'),
      await call('/nowhere'),
      await call('/healthz', { method: 'DELETE' }),
      await call('/v1/openapi.json'),
    ];
    expect(answers.map((r) => r.headers.get('X-Content-Type-Options'))).toEqual(Array(answers.length).fill('nosniff'));
    expect(answers.map((r) => r.status)).toEqual([200, 200, 404, 400, 404, 405, 200]);
  });
});
