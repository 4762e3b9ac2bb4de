import { describe, expect, it } from 'vitest';
import type { Agent, IssuedKey, Merchant } from '../../src/api/admin-types';
import { cli, edge, eventsStatus, freshId } from '../support/edge';

describe('merchants', () => {
  it('creates, shows, updates and lists a merchant; --json answers the edge’s objects', async () => {
    const id = freshId('cli-shop');
    const created = await cli([
      'merchants',
      'create',
      '--id',
      id,
      '--name',
      'CLI shop',
      '--origin',
      'http://localhost:5177',
      '--forward-host',
      'pay.example',
      '--limit',
      'maxCardsPerClient=4',
      '--json',
    ]);
    expect(created.code).toBe(0);
    expect(created.json<Merchant>()).toMatchObject({
      id,
      object: 'merchant',
      name: 'CLI shop',
      origins: ['http://localhost:5177'],
      forwardHosts: ['pay.example'],
      agents: [],
      limits: { maxCardsPerClient: 4 },
      vaultShards: 1,
      status: 'active',
      source: 'registry',
    });

    const updated = await cli([
      'merchants',
      'update',
      id,
      '--name',
      'CLI shop 2',
      '--forward-host',
      'pay.example:8443',
    ]);
    expect(updated.code).toBe(0);
    expect(updated.stdout).toContain(`Updated ${id}.`);
    expect(updated.stdout).toMatch(/forward hosts\s+pay\.example:8443/);

    const shown = await cli(['merchants', 'show', id, '--json']);
    expect(shown.json()).toMatchObject({ name: 'CLI shop 2', forwardHosts: ['pay.example:8443'] });

    const list = await cli(['merchants', 'list', '--json']);
    const data = list.json<{ object: string; data: Merchant[] }>();
    expect(data.object).toBe('list');
    expect(data.data.map((m) => m.id)).toEqual(expect.arrayContaining([edge().seeded.id, id]));
    const table = await cli(['merchants', 'list']);
    expect(table.stdout).toMatch(
      new RegExp(`^${id}\\s+CLI shop 2\\s+active\\s+registry\\s+1\\s+http://localhost:5177$`, 'm'),
    );
  });

  it('creates a merchant with vault shards, raises them, and passes the edge’s refusal to lower them', async () => {
    const id = freshId('sharded-shop');
    const created = await cli([
      'merchants',
      'create',
      '--id',
      id,
      '--name',
      'Sharded',
      '--vault-shards',
      '2',
      '--json',
    ]);
    expect(created.code).toBe(0);
    expect(created.json<Merchant>()).toMatchObject({ id, vaultShards: 2 });
    const shown = await cli(['merchants', 'show', id]);
    expect(shown.stdout).toMatch(/^ {2}vault shards\s+2$/m);
    expect((await cli(['merchants', 'list'])).stdout).toMatch(
      new RegExp(`^${id}\\s+Sharded\\s+active\\s+registry\\s+2\\s+-$`, 'm'),
    );

    const raised = await cli(['merchants', 'update', id, '--vault-shards', '4']);
    expect(raised.code).toBe(0);
    expect(raised.stdout).toContain(`Updated ${id}.`);
    expect(raised.stdout).toMatch(/^ {2}vault shards\s+4$/m);

    // Lower than it has: the edge refuses, and says why, in its own words.
    const lowered = await cli(['merchants', 'update', id, '--vault-shards', '3']);
    expect(lowered.code).toBe(1);
    expect(lowered.stderr).toMatch(
      /^tessera: The request is malformed or has invalid fields\. A vault's shards can only be raised \(it has 4\)\. \(400 invalid_request, param vaultShards, request req_[\w-]+\)\n$/,
    );
    const loweredJson = await cli(['merchants', 'update', id, '--vault-shards', '1', '--json']);
    expect(loweredJson.code).toBe(1);
    expect(loweredJson.json()).toMatchObject({
      error: {
        code: 'invalid_request',
        status: 400,
        detail: "A vault's shards can only be raised (it has 4).",
        param: 'vaultShards',
      },
    });
    // Past the edge's most: its refusal too.
    const tooMany = await cli(['merchants', 'update', id, '--vault-shards', '65', '--json']);
    expect(tooMany.json()).toMatchObject({ error: { code: 'invalid_request', param: 'vaultShards' } });

    // Not a whole number: refused here, before the edge is asked.
    for (const value of ['2.5', 'four', '-1', '']) {
      const bad = await cli(['merchants', 'update', id, '--vault-shards', value]);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toBe(
        `tessera: The command line is not valid. --vault-shards ${value}: the number of shards is a whole number, such as 4 (usage)\n`,
      );
    }
    const badCreate = await cli(['merchants', 'create', '--name', 'x', '--vault-shards', '1e3', '--json']);
    expect(badCreate.json()).toMatchObject({
      error: { code: 'usage', detail: expect.stringContaining('--vault-shards 1e3') },
    });

    expect((await cli(['merchants', 'show', id, '--json'])).json()).toMatchObject({ vaultShards: 4 });
  });

  it('suspends a merchant: its keys are refused from the next request, and work again once resumed', async () => {
    const id = freshId('suspended-shop');
    await cli(['merchants', 'create', '--id', id, '--name', 'Suspended', '--origin', 'http://localhost:5177']);
    const sk = (await cli(['keys', 'issue', id, '--type', 'secret', '--json'])).json<IssuedKey>().key;
    expect(await eventsStatus(sk)).toEqual({ status: 200 });

    const suspended = await cli(['merchants', 'suspend', id, '--json']);
    expect(suspended.json()).toMatchObject({ id, status: 'suspended' });
    expect(await eventsStatus(sk)).toEqual({ status: 403, code: 'merchant_suspended' });

    const resumed = await cli(['merchants', 'resume', id]);
    expect(resumed.stdout).toBe(`Resumed ${id}: its keys work again.\n`);
    expect(await eventsStatus(sk)).toEqual({ status: 200 });
  });

  it('suspends a merchant from the edge’s secrets too', async () => {
    const { seeded } = edge();
    expect((await cli(['merchants', 'suspend', seeded.id])).code).toBe(0);
    expect(await eventsStatus(seeded.secretKey)).toEqual({ status: 403, code: 'merchant_suspended' });
    expect((await cli(['merchants', 'resume', seeded.id])).code).toBe(0);
    expect(await eventsStatus(seeded.secretKey)).toEqual({ status: 200 });
  });

  it('passes the edge’s refusals through: not an origin, a forward host with a path, an unknown merchant', async () => {
    const badOrigin = await cli(['merchants', 'create', '--name', 'x', '--origin', 'http://localhost:5177/', '--json']);
    expect(badOrigin.code).toBe(1);
    expect(badOrigin.json()).toMatchObject({ error: { code: 'invalid_request', status: 400, param: 'origins' } });
    const badHost = await cli(['merchants', 'create', '--name', 'x', '--forward-host', 'pay.example/charge']);
    expect(badHost.code).toBe(1);
    expect(badHost.stderr).toContain('(400 invalid_request, param forwardHosts');
    const unknown = await cli(['merchants', 'suspend', 'no-such-shop']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No such object. (404 not_found');
    const exists = await cli(['merchants', 'create', '--id', edge().seeded.id, '--name', 'x']);
    expect(exists.stderr).toContain('(409 merchant_exists, param id');
  });
});

describe('agents', () => {
  it('creates an agent platform with its ak_ key shown once, and lists it without the key', async () => {
    const id = freshId('cli-agent');
    const created = await cli(['agents', 'create', '--id', id, '--name', 'CLI agent', '--json']);
    expect(created.code).toBe(0);
    const agent = created.json<Agent & { key: string; keyId: string }>();
    expect(agent).toMatchObject({ id, object: 'agent', name: 'CLI agent', key: expect.stringMatching(/^ak_test_/) });
    expect(created.stderr).toContain('Store this key now');
    const list = await cli(['agents', 'list', '--json']);
    expect(list.json<{ data: Agent[] }>().data).toContainEqual({ id, object: 'agent', name: 'CLI agent' });
    expect(list.stdout).not.toContain(agent.key);
    expect((await cli(['agents', 'create', '--id', id, '--name', 'again'])).stderr).toContain('409 agent_exists');
  });
});
