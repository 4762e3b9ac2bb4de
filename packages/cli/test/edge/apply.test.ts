import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Change } from '../../src/apply/plan';
import { cli, freshId } from '../support/edge';

// `apply`, config as code, against the real edge: the plan, applying it, and a second apply that changes nothing.

const dir = mkdtempSync(join(tmpdir(), 'tessera-cli-apply-'));
let files = 0;
/** Writes a configuration file; answers its name, relative to `dir` (where the command is "typed"). */
function configFile(config: unknown): string {
  const name = `tessera-${++files}.config.json`;
  writeFileSync(join(dir, name), JSON.stringify(config, null, 2));
  return name;
}
const apply = (file: string, ...flags: string[]) => cli(['apply', file, ...flags], { cwd: dir });

interface Applied {
  changes: Change[];
  applied: boolean;
  agentKeys?: { agent: string; keyId: string; key: string }[];
}

describe('apply', () => {
  const shop = freshId('apply-shop');
  const agent = freshId('apply-agent');
  const config = {
    merchants: [
      {
        id: shop,
        name: 'Applied shop',
        origins: ['http://localhost:5177'],
        forwardHosts: ['pay.example:8443'],
        agents: [agent],
        limits: { maxCardsPerClient: 7 },
      },
      { id: 'seeded', name: 'seeded', origins: ['http://localhost:5173'], forwardHosts: ['localhost:4243'] },
    ],
    agents: [{ id: agent, name: 'Applied agent' }],
  };

  it('plans, applies, and then has nothing left to change', async () => {
    const file = configFile(config);

    const dryRun = await apply(file, '--dry-run', '--json');
    expect(dryRun.code).toBe(0);
    expect(dryRun.json<Applied>()).toEqual({
      applied: false,
      changes: [
        { kind: 'agent', action: 'create', id: agent, fields: { name: { to: 'Applied agent' } } },
        {
          kind: 'merchant',
          action: 'create',
          id: shop,
          fields: {
            name: { to: 'Applied shop' },
            origins: { to: ['http://localhost:5177'] },
            forwardHosts: { to: ['pay.example:8443'] },
            agents: { to: [agent] },
            limits: { to: { maxCardsPerClient: 7 } },
          },
        },
      ],
    });
    expect((await cli(['merchants', 'show', shop])).code).toBe(1);

    const applied = await apply(file, '--yes', '--json');
    expect(applied.code).toBe(0);
    const answer = applied.json<Applied>();
    expect(answer).toMatchObject({ applied: true, changes: dryRun.json<Applied>().changes });
    expect(answer.agentKeys).toEqual([{ agent, keyId: expect.any(String), key: expect.stringMatching(/^ak_test_/) }]);
    expect(applied.stderr).toContain('Store this key now');
    const merchant = (await cli(['merchants', 'show', shop, '--json'])).json();
    expect(merchant).toMatchObject({
      id: shop,
      origins: ['http://localhost:5177'],
      forwardHosts: ['pay.example:8443'],
      agents: [agent],
      limits: { maxCardsPerClient: 7 },
      status: 'active',
      source: 'registry',
    });

    const again = await apply(file, '--yes', '--json');
    expect(again.code).toBe(0);
    expect(again.json()).toEqual({ changes: [], applied: false });
    const human = await apply(file);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^No changes: http:\/\/127\.0\.0\.1:\d+ matches tessera-\d+\.config\.json\.\n$/);
  });

  it('updates only what changed, shows what it was, and asks before applying', async () => {
    const changed = structuredClone(config);
    const entry = changed.merchants[0] as (typeof changed.merchants)[0];
    entry.origins = ['http://localhost:5177', 'http://127.0.0.1:5177'];
    entry.limits = { maxCardsPerClient: 9 };
    const file = configFile(changed);

    // Nobody to confirm (no terminal) and no --yes: the plan, and nothing applied.
    const unconfirmed = await apply(file);
    expect(unconfirmed.code).toBe(1);
    expect(unconfirmed.stdout).toContain(`~ merchant ${shop}`);
    expect(unconfirmed.stdout).toContain(
      'origins  ["http://localhost:5177"] → ["http://localhost:5177","http://127.0.0.1:5177"]',
    );
    expect(unconfirmed.stdout).toContain('limits   {"maxCardsPerClient":7} → {"maxCardsPerClient":9}');
    expect(unconfirmed.stderr).toContain(
      'Nothing was applied: confirm the plan, or pass --yes. (confirmation_required)',
    );
    const json = await apply(file, '--json');
    expect(json.code).toBe(1);
    expect(json.json()).toMatchObject({ applied: false, error: { code: 'confirmation_required' } });

    const applied = await apply(file, '-y', '--json');
    expect(applied.json<Applied>().changes).toEqual([
      {
        kind: 'merchant',
        action: 'update',
        id: shop,
        fields: {
          origins: { from: ['http://localhost:5177'], to: ['http://localhost:5177', 'http://127.0.0.1:5177'] },
          limits: { from: { maxCardsPerClient: 7 }, to: { maxCardsPerClient: 9 } },
        },
      },
    ]);
    expect((await apply(file, '--yes', '--json')).json<Applied>().changes).toEqual([]);
  });

  it('creates a merchant with vault shards, raises them, and warns about a lower count, which it leaves', async () => {
    const id = freshId('apply-sharded');
    const entry = { id, name: 'Sharded', origins: [], forwardHosts: [], vaultShards: 2 };
    const created = await apply(configFile({ merchants: [entry] }), '--yes', '--json');
    expect(created.json<Applied>().changes[0]?.fields.vaultShards).toEqual({ to: 2 });
    expect((await cli(['merchants', 'show', id, '--json'])).json()).toMatchObject({ vaultShards: 2 });

    const raised = await apply(configFile({ merchants: [{ ...entry, vaultShards: 4 }] }), '--yes');
    expect(raised.code).toBe(0);
    expect(raised.stdout).toContain('vaultShards  2 → 4');
    expect((await cli(['merchants', 'show', id, '--json'])).json()).toMatchObject({ vaultShards: 4 });

    const lower = await apply(configFile({ merchants: [entry] }), '--yes', '--json');
    expect(lower.code).toBe(0);
    expect(lower.json()).toEqual({ changes: [], applied: false });
    expect(lower.stderr).toContain(`merchant ${id}'s vault has 4 shards at the edge, not 2`);
    expect((await cli(['merchants', 'show', id, '--json'])).json()).toMatchObject({ vaultShards: 4 });
  });

  it('refuses a file with an unknown field or a bad origin before changing anything', async () => {
    const before = (await cli(['merchants', 'list', '--json'])).json<{ data: unknown[] }>().data.length;
    const newShop = { id: freshId('never'), name: 'Never', origins: ['http://localhost:5178'], forwardHosts: [] };

    const unknown = await apply(configFile({ merchants: [{ ...newShop, webhook: 'https://x.example' }] }), '--yes');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(
      /tessera-\d+\.config\.json, merchants\[0\]\.webhook: an unknown field\. \(invalid_config, param merchants\[0\]\.webhook\)/,
    );

    const badOrigin = await apply(
      configFile({ merchants: [{ ...newShop, origins: ['http://localhost:5178/shop'] }] }),
      '--yes',
      '--json',
    );
    expect(badOrigin.code).toBe(1);
    expect(badOrigin.json()).toMatchObject({ error: { code: 'invalid_config', param: 'merchants[0].origins[0]' } });

    const badHost = await apply(
      configFile({ merchants: [{ ...newShop, forwardHosts: ['user:pw@pay.example'] }] }),
      '--yes',
      '--json',
    );
    expect(badHost.json()).toMatchObject({ error: { code: 'invalid_config', param: 'merchants[0].forwardHosts[0]' } });

    const missing = await apply('nowhere.json', '--json');
    expect(missing.json()).toMatchObject({ error: { code: 'config_unreadable' } });

    expect((await cli(['merchants', 'list', '--json'])).json<{ data: unknown[] }>().data).toHaveLength(before);
  });
});
