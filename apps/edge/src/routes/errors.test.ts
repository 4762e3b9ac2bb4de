import { env } from 'cloudflare:workers';
import { describe, expect, it, vi } from 'vitest';
import { call, DEMO_PK, DEMO_SK, expectNothingWritten, expectProblem } from '../../test/support/edge';
import worker from '../index';

describe('errors are problems', () => {
  it('an unknown route is a 404 problem with a request id', async () => {
    const res = await expectNothingWritten(() => call('/v1/nothing-here'));
    const problem = await expectProblem(res, 'not_found');
    expect(problem.instance).toBe(res.headers.get('Request-Id'));
    expect(problem.type).toBe('urn:tessera:error:not_found');
    await expectProblem(await call('/'), 'not_found');
  });

  it('a known path with another method is a 405 problem with Allow', async () => {
    const put = await call('/v1/tokens', { method: 'PUT', headers: { Authorization: `Bearer ${DEMO_SK}` } });
    await expectProblem(put, 'method_not_allowed');
    expect(put.headers.get('Allow')?.split(', ').sort()).toEqual(['DELETE', 'GET', 'HEAD', 'POST']);
    const patch = await call('/v1/tokens/tok_aaaaaaaaaaaaaaaaaaaaaa', { method: 'PATCH' });
    await expectProblem(patch, 'method_not_allowed');
    expect(patch.headers.get('Allow')?.split(', ').sort()).toEqual(['DELETE', 'GET', 'HEAD']);
  });

  it('a broken configuration fails closed: a generic 500, and a log line without the secret', async () => {
    const lines: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      lines.push(args.map(String).join(' '));
    });
    const keks = JSON.stringify([{ kid: 'kek_broken', key: 'c2VjcmV0LXRoYXQtbXVzdC1ub3QtYmUtbG9nZ2Vk' }]);
    const broken = { ...env, TESSERA_KEKS: keks };
    const res = await worker.fetch(
      new Request('https://edge.test/v1/keys/seal', { headers: { Authorization: `Bearer ${DEMO_PK}` } }),
      broken,
      {} as ExecutionContext,
    );
    spy.mockRestore();
    const problem = await expectProblem(res, 'internal_error');
    expect(problem.detail).toBeUndefined();
    expect(lines.some((l) => l.includes('"secret":"TESSERA_KEKS"') && l.includes('0.key'))).toBe(true);
    for (const line of lines) expect(line).not.toContain('c2VjcmV0');
  });
});
