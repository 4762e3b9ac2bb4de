import { afterEach, describe, expect, it } from 'vitest';
import { tessera } from '../test/support/cli';
import { problem, startStandIn } from '../test/support/stand-in';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

describe('the command line', () => {
  it('answers a usage mistake with exit code 2, plainly or as { error } with --json', async () => {
    const plain = await tessera(['merchants', 'show']);
    expect(plain.code).toBe(2);
    expect(plain.stderr).toBe("tessera: The command line is not valid. missing required argument 'id' (usage)\n");
    const json = await tessera(['keys', 'issue', 'shop', '--type', 'both', '--json']);
    expect(json.code).toBe(2);
    expect(json.json()).toEqual({
      error: { code: 'usage', message: 'The command line is not valid.', detail: '--type both: publishable or secret' },
    });
    expect((await tessera(['merchants', 'list', '--edge', 'ftp://edge.example'])).code).toBe(2);
    expect((await tessera(['nonsense'])).code).toBe(2);
  });

  it('prints help and exits 0', async () => {
    const ran = await tessera(['apply', '--help']);
    expect(ran.code).toBe(0);
    expect(ran.stdout).toContain('Usage: tessera apply [options] <file>');
  });

  it('passes an edge problem through with its status, code and param, and never echoes the key', async () => {
    const standIn = await startStandIn((request, response) =>
      problem(response, 400, 'invalid_request', {
        detail: `nope ${request.authorization?.slice(7)}`,
        param: 'origins',
        instance: 'req_123',
      }),
    );
    close = standIn.close;
    const env = { TESSERA_EDGE: standIn.origin, TESSERA_OPERATOR_KEY: 'op_test_secret' };
    const ran = await tessera(['merchants', 'create', '--name', 'x', '--origin', 'https://x.example/'], { env });
    expect(ran.code).toBe(1);
    expect(ran.stderr).toBe(
      'tessera: Title of invalid_request. nope [redacted] (400 invalid_request, param origins, request req_123)\n',
    );
    const json = await tessera(['merchants', 'update', 'shop', '--name', 'y', '--json'], { env });
    expect(json.json()).toEqual({
      error: {
        code: 'invalid_request',
        status: 400,
        message: 'Title of invalid_request.',
        detail: 'nope [redacted]',
        param: 'origins',
        requestId: 'req_123',
      },
    });
    expect(standIn.received.map((r) => [r.method, r.path, JSON.parse(r.body)])).toEqual([
      ['POST', '/v1/admin/merchants', { name: 'x', origins: ['https://x.example/'], forwardHosts: [] }],
      ['PATCH', '/v1/admin/merchants/shop', { name: 'y' }],
    ]);
  });

  it('sends --vault-shards as a number, and refuses one that is not a whole number without asking the edge', async () => {
    const standIn = await startStandIn((request, response) =>
      problem(response, 400, 'invalid_request', { param: 'vaultShards', detail: `seen ${request.body}` }),
    );
    close = standIn.close;
    const env = { TESSERA_EDGE: standIn.origin };
    const bad = await tessera(['merchants', 'update', 'shop', '--vault-shards', '2.5'], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--vault-shards 2.5: the number of shards is a whole number, such as 4 (usage)');
    expect(standIn.received).toEqual([]);
    await tessera(['merchants', 'update', 'shop', '--vault-shards', '8'], { env });
    await tessera(['merchants', 'create', '--name', 'x', '--vault-shards', '2'], { env });
    expect(standIn.received.map((r) => [r.method, r.path, JSON.parse(r.body)])).toEqual([
      ['PATCH', '/v1/admin/merchants/shop', { vaultShards: 8 }],
      ['POST', '/v1/admin/merchants', { name: 'x', origins: [], forwardHosts: [], vaultShards: 2 }],
    ]);
  });

  it('says when the edge cannot be reached, and when it answers something that is not the API', async () => {
    const down = await tessera(['agents', 'list', '--json'], { env: { TESSERA_EDGE: 'http://127.0.0.1:9' } });
    expect(down.code).toBe(1);
    expect(down.json()).toMatchObject({ error: { code: 'edge_unreachable' } });
    const standIn = await startStandIn((_request, response) => response.end('<html>a proxy</html>'));
    close = standIn.close;
    const odd = await tessera(['agents', 'list'], { env: { TESSERA_EDGE: standIn.origin } });
    expect(odd.code).toBe(1);
    expect(odd.stderr).toContain('(200 invalid_response)');
  });
});
