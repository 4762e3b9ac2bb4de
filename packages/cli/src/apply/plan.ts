import type { Agent, Limits, Merchant } from '../api/admin-types';
import type { MerchantEntry, TesseraConfig } from './config-file';

/** One field a change sets: what it is at the edge (absent for something new) and what it becomes. */
export interface FieldChange {
  from?: unknown;
  to: unknown;
}

/** One change `apply` makes: `{ kind, action, id, fields }`, the shape `--json` prints. */
export type Change =
  | { kind: 'agent'; action: 'create'; id: string; fields: Record<string, FieldChange> }
  | { kind: 'merchant'; action: 'create' | 'update'; id: string; fields: Record<string, FieldChange> };

export interface Plan {
  /** In the order they are applied: agent platforms first, since merchants name them. */
  changes: Change[];
  /** What the configuration asks that the operator API cannot do (rename an agent platform, lower a vault's shards). */
  warnings: string[];
}

/** What the edge has now. */
export interface Current {
  merchants: Merchant[];
  agents: Agent[];
}

/** Order does not matter in these lists: the edge checks membership. */
const sameSet = (a: readonly string[], b: readonly string[]) => {
  const x = [...new Set(a)].sort();
  const y = [...new Set(b)].sort();
  return x.length === y.length && x.every((value, i) => value === y[i]);
};

/** The limits the configuration gives that differ from the edge's; limits it leaves out are left as they are. */
function limitChanges(current: Limits, wanted: Limits): { from: Limits; to: Limits } | undefined {
  const from: Limits = {};
  const to: Limits = {};
  for (const [name, value] of Object.entries(wanted) as [keyof Limits, number | undefined][]) {
    if (value === undefined || current[name] === value) continue;
    if (current[name] !== undefined) from[name] = current[name];
    to[name] = value;
  }
  return Object.keys(to).length === 0 ? undefined : { from, to };
}

function merchantChanges(entry: MerchantEntry, merchant: Merchant, warnings: string[]): Record<string, FieldChange> {
  const fields: Record<string, FieldChange> = {};
  if (entry.name !== merchant.name) fields.name = { from: merchant.name, to: entry.name };
  if (!sameSet(entry.origins, merchant.origins)) fields.origins = { from: merchant.origins, to: entry.origins };
  if (!sameSet(entry.forwardHosts, merchant.forwardHosts)) {
    fields.forwardHosts = { from: merchant.forwardHosts, to: entry.forwardHosts };
  }
  if (entry.agents !== undefined && !sameSet(entry.agents, merchant.agents)) {
    fields.agents = { from: merchant.agents, to: entry.agents };
  }
  const limits = entry.limits === undefined ? undefined : limitChanges(merchant.limits, entry.limits);
  if (limits !== undefined) fields.limits = limits;
  const shards = entry.vaultShards;
  if (shards !== undefined && shards > merchant.vaultShards) {
    fields.vaultShards = { from: merchant.vaultShards, to: shards };
  } else if (shards !== undefined && shards < merchant.vaultShards) {
    warnings.push(
      `merchant ${entry.id}'s vault has ${merchant.vaultShards} shards at the edge, not ${shards}: a vault's shards can only be raised, so they are left as they are.`,
    );
  }
  return fields;
}

/**
 * What it takes to bring the edge to the configuration: agent platforms and merchants it lacks are created, and a
 * merchant's fields that differ are updated. What the configuration leaves out is left alone (merchants, agents,
 * limits, a merchant's `agents` and `vaultShards`), so a plan computed right after applying is empty.
 */
export function planChanges(config: TesseraConfig, current: Current): Plan {
  const changes: Change[] = [];
  const warnings: string[] = [];
  const agents = new Map(current.agents.map((agent) => [agent.id, agent]));
  for (const entry of config.agents ?? []) {
    const agent = agents.get(entry.id);
    if (agent === undefined) {
      changes.push({ kind: 'agent', action: 'create', id: entry.id, fields: { name: { to: entry.name } } });
    } else if (agent.name !== entry.name) {
      warnings.push(
        `agent ${entry.id} is named "${agent.name}" at the edge, not "${entry.name}": the operator API cannot rename an agent platform, so it is left as it is.`,
      );
    }
  }
  const merchants = new Map(current.merchants.map((merchant) => [merchant.id, merchant]));
  for (const entry of config.merchants) {
    const merchant = merchants.get(entry.id);
    if (merchant === undefined) {
      const fields: Record<string, FieldChange> = {
        name: { to: entry.name },
        origins: { to: entry.origins },
        forwardHosts: { to: entry.forwardHosts },
      };
      if (entry.agents !== undefined) fields.agents = { to: entry.agents };
      if (entry.limits !== undefined) fields.limits = { to: entry.limits };
      if (entry.vaultShards !== undefined) fields.vaultShards = { to: entry.vaultShards };
      changes.push({ kind: 'merchant', action: 'create', id: entry.id, fields });
      continue;
    }
    const fields = merchantChanges(entry, merchant, warnings);
    if (Object.keys(fields).length > 0) changes.push({ kind: 'merchant', action: 'update', id: entry.id, fields });
  }
  return { changes, warnings };
}

/** The values a change sets, by field: the body of the operator API call that makes it. */
export const valuesOf = (change: Change): Record<string, unknown> =>
  Object.fromEntries(Object.entries(change.fields).map(([name, field]) => [name, field.to]));
