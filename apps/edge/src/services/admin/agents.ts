import { isDevelopment } from '../../config/config';
import { forgetRegistrySnapshot, getEffectiveConfig } from '../../config/effective-config';
import { EdgeError } from '../../errors/edge-error';
import { randomBytes, toHex } from '../../lib/encoding';
import type { AuditContext } from '../../vault/types';
import { NewAgentSchema, parseBody } from './admin-input';
import { registryOf } from './registry-access';

/** `GET /v1/admin/agents`: every agent platform, configured or created here; never their keys. */
export async function listAgents(env: Env) {
  const config = await getEffectiveConfig(env);
  const data = [...config.agents.values()]
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((agent) => ({ id: agent.id, object: 'agent', name: agent.name }));
  return { object: 'list', data } as const;
}

/** `POST /v1/admin/agents`: a new agent platform and its `ak_` key, shown once. */
export async function createAgent(env: Env, body: unknown, audit: AuditContext) {
  const input = parseBody(NewAgentSchema, body);
  const id = input.id ?? `a-${toHex(randomBytes(6))}`;
  if ((await getEffectiveConfig(env)).agents.has(id)) throw new EdgeError('agent_exists', { param: 'id' });
  const issued = await registryOf(env).createAgent(id, input.name, isDevelopment(env) ? 'test' : 'live', audit);
  if (issued === null) throw new EdgeError('agent_exists', { param: 'id' });
  forgetRegistrySnapshot();
  return { id, object: 'agent', name: input.name, key: issued.key, keyId: issued.row.id } as const;
}
