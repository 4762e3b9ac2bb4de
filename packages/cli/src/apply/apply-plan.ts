import type { AdminClient } from '../api/admin-client';
import type { MerchantPatch, NewMerchant } from '../api/admin-types';
import { CliError } from '../errors/cli-error';
import { type Change, valuesOf } from './plan';

/** An agent platform's key, made by an `apply` that created the platform: shown once. */
export interface CreatedAgentKey {
  agent: string;
  keyId: string;
  key: string;
}

/**
 * Makes the plan's changes in order. A refusal stops it there, saying how many were made: applying the file again
 * plans only what is still missing.
 */
export async function applyPlan(admin: AdminClient, changes: Change[]): Promise<CreatedAgentKey[]> {
  const keys: CreatedAgentKey[] = [];
  for (const [index, change] of changes.entries()) {
    const values = valuesOf(change);
    try {
      if (change.kind === 'agent') {
        const created = await admin.agents.create({ id: change.id, name: String(values.name) });
        keys.push({ agent: created.id, keyId: created.keyId, key: created.key });
      } else if (change.action === 'create') {
        await admin.merchants.create({ id: change.id, ...values } as unknown as NewMerchant);
      } else {
        await admin.merchants.update(change.id, values as MerchantPatch);
      }
    } catch (error) {
      if (!(error instanceof CliError)) throw error;
      throw new CliError({
        code: error.code,
        status: error.status,
        title: error.title,
        detail: `${error.detail === undefined ? '' : `${error.detail} `}(${change.action} ${change.kind} ${change.id}; ${index} of ${changes.length} changes made before it.)`,
        param: error.param,
        requestId: error.requestId,
      });
    }
  }
  return keys;
}
