import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tessera } from '../../test/support/cli';
import { json, problem, startStandIn } from '../../test/support/stand-in';

// `apply`'s confirmation, against a stand-in edge with no merchants: a person answers the prompt on a terminal.

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function emptyEdge() {
  const standIn = await startStandIn((request, response) => {
    if (request.method === 'GET') return json(response, 200, { object: 'list', data: [] });
    if (request.path === '/v1/admin/merchants') {
      return json(response, 201, { object: 'merchant', ...JSON.parse(request.body) });
    }
    problem(response, 404, 'not_found');
  });
  close = standIn.close;
  const dir = mkdtempSync(join(tmpdir(), 'tessera-cli-prompt-'));
  writeFileSync(
    join(dir, 'tessera.config.json'),
    JSON.stringify({ merchants: [{ id: 'shop', name: 'Shop', origins: ['https://shop.example'], forwardHosts: [] }] }),
  );
  const apply = (typed: string) =>
    tessera(['apply', 'tessera.config.json'], { env: { TESSERA_EDGE: standIn.origin }, cwd: dir, tty: true, typed });
  return { standIn, apply };
}

describe('apply on a terminal', () => {
  it('shows the plan and applies it once the person says yes', async () => {
    const { standIn, apply } = await emptyEdge();
    const ran = await apply('y');
    expect(ran.code).toBe(0);
    expect(ran.stdout).toContain('+ merchant shop');
    expect(ran.stdout).toContain('Apply these changes?');
    expect(ran.stdout).toContain('Applied 1 change.');
    expect(standIn.received.filter((r) => r.method === 'POST').map((r) => JSON.parse(r.body))).toEqual([
      { id: 'shop', name: 'Shop', origins: ['https://shop.example'], forwardHosts: [] },
    ]);
  });

  it('applies nothing when the person says no (the default)', async () => {
    const { standIn, apply } = await emptyEdge();
    const ran = await apply('\r');
    expect(ran.code).toBe(1);
    expect(ran.stderr).toContain('Nothing was applied: confirm the plan, or pass --yes. (confirmation_required)');
    expect(standIn.received.filter((r) => r.method === 'POST')).toEqual([]);
  });
});
