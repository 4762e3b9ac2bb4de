import type { Agent } from '../../config/config';
import { getEffectiveConfig, getFreshConfig } from '../../config/effective-config';
import { fromHex, sha256Hex, toBase64Url } from '../../lib/encoding';
import { ISSUED_KEY, keyIdOf } from '../../middleware/auth';
import type { AuthContext } from '../../request/auth-context';

/** Who called with a key that may name an agent platform or a merchant. */
export type Caller =
  | { kind: 'agent'; agent: Agent; keyId: string }
  | { kind: 'merchant'; auth: AuthContext }
  | { kind: 'none' };

const MAX_KEY_LENGTH = 256;

/** Finds the owner of a bearer key by its SHA-256: an agent platform, a merchant, or nobody. */
export async function callerOf(env: Env, key: string | undefined): Promise<Caller> {
  if (key === undefined || key.length > MAX_KEY_LENGTH) return { kind: 'none' };
  const hash = await sha256Hex(key);
  let config = await getEffectiveConfig(env);
  if (!config.agentKeys.has(hash) && !config.apiKeys.has(hash) && ISSUED_KEY.test(key)) {
    config = await getFreshConfig(env);
  }
  const agent = config.agentKeys.get(hash);
  if (agent !== undefined) return { kind: 'agent', agent, keyId: keyIdOf(hash) };
  const merchantKey = config.apiKeys.get(hash);
  if (merchantKey === undefined) return { kind: 'none' };
  return {
    kind: 'merchant',
    auth: {
      merchant: merchantKey.merchant,
      keyType: merchantKey.type,
      keyId: keyIdOf(hash),
      keyHash: toBase64Url(fromHex(hash)),
    },
  };
}
