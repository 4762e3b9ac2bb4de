import { describe, expect, it } from 'vitest';
import type { Merchant } from '../api/admin-types';
import { parseConfig } from './config-file';
import { planChanges } from './plan';

const merchant = (fields: Partial<Merchant> = {}): Merchant => ({
  id: 'shop',
  object: 'merchant',
  name: 'Shop',
  origins: ['https://shop.example', 'https://www.shop.example'],
  forwardHosts: ['pay.example'],
  agents: [],
  limits: { windowSeconds: 3600, maxCardsPerClient: 5, maxAllowanceSeconds: 604800 },
  vaultShards: 1,
  status: 'active',
  source: 'registry',
  ...fields,
});

const config = (entry: Record<string, unknown> = {}, agents?: unknown[]) =>
  parseConfig({
    merchants: [
      {
        id: 'shop',
        name: 'Shop',
        origins: ['https://www.shop.example', 'https://shop.example'],
        forwardHosts: ['pay.example'],
        ...entry,
      },
    ],
    ...(agents === undefined ? {} : { agents }),
  });

describe('planChanges', () => {
  it('creates what the edge lacks: agent platforms first, since merchants name them', () => {
    const plan = planChanges(
      config({ agents: ['bot'], limits: { maxCardsPerClient: 3 } }, [{ id: 'bot', name: 'Bot' }]),
      {
        merchants: [],
        agents: [],
      },
    );
    expect(plan.changes).toEqual([
      { kind: 'agent', action: 'create', id: 'bot', fields: { name: { to: 'Bot' } } },
      {
        kind: 'merchant',
        action: 'create',
        id: 'shop',
        fields: {
          name: { to: 'Shop' },
          origins: { to: ['https://www.shop.example', 'https://shop.example'] },
          forwardHosts: { to: ['pay.example'] },
          agents: { to: ['bot'] },
          limits: { to: { maxCardsPerClient: 3 } },
        },
      },
    ]);
  });

  it('plans nothing when the edge matches, whatever the order of its lists', () => {
    expect(planChanges(config(), { merchants: [merchant()], agents: [] })).toEqual({ changes: [], warnings: [] });
  });

  it('updates only the fields that differ, with what each was', () => {
    const plan = planChanges(
      config({ name: 'Shop & Co', forwardHosts: [], limits: { maxCardsPerClient: 5, windowSeconds: 60 } }),
      {
        merchants: [merchant()],
        agents: [],
      },
    );
    expect(plan.changes).toEqual([
      {
        kind: 'merchant',
        action: 'update',
        id: 'shop',
        fields: {
          name: { from: 'Shop', to: 'Shop & Co' },
          forwardHosts: { from: ['pay.example'], to: [] },
          limits: { from: { windowSeconds: 3600 }, to: { windowSeconds: 60 } },
        },
      },
    ]);
  });

  it('leaves alone what the file leaves out: other merchants, a merchant’s agents and limits, its status', () => {
    const current = {
      merchants: [merchant({ agents: ['bot'], status: 'suspended' }), merchant({ id: 'other' })],
      agents: [{ id: 'bot', object: 'agent' as const, name: 'Bot' }],
    };
    expect(planChanges(config(), current).changes).toEqual([]);
  });

  it('creates with vault shards and raises them; a lower count is a warning, since they are only ever raised', () => {
    const none = { merchants: [], agents: [] };
    expect(planChanges(config({ vaultShards: 4 }), none).changes[0]?.fields.vaultShards).toEqual({ to: 4 });
    const raised = planChanges(config({ vaultShards: 4 }), { merchants: [merchant({ vaultShards: 2 })], agents: [] });
    expect(raised).toEqual({
      changes: [{ kind: 'merchant', action: 'update', id: 'shop', fields: { vaultShards: { from: 2, to: 4 } } }],
      warnings: [],
    });
    const same = planChanges(config({ vaultShards: 4 }), { merchants: [merchant({ vaultShards: 4 })], agents: [] });
    expect(same).toEqual({ changes: [], warnings: [] });
    const lower = planChanges(config({ vaultShards: 2 }), { merchants: [merchant({ vaultShards: 4 })], agents: [] });
    expect(lower.changes).toEqual([]);
    expect(lower.warnings).toEqual([
      "merchant shop's vault has 4 shards at the edge, not 2: a vault's shards can only be raised, so they are left as they are.",
    ]);
    // Left out: left as the edge has it.
    expect(planChanges(config(), { merchants: [merchant({ vaultShards: 8 })], agents: [] }).changes).toEqual([]);
  });

  it('warns about an agent platform named otherwise, which the operator API cannot rename', () => {
    const plan = planChanges(config({}, [{ id: 'bot', name: 'New name' }]), {
      merchants: [merchant()],
      agents: [{ id: 'bot', object: 'agent', name: 'Bot' }],
    });
    expect(plan.changes).toEqual([]);
    expect(plan.warnings).toEqual([expect.stringContaining('agent bot is named "Bot"')]);
  });
});
