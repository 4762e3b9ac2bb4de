import { MAX_BODY_BYTES } from '@tessera/protocol';
import { getEffectiveConfig } from '../../config/effective-config';
import { EdgeError } from '../../errors/edge-error';
import { sha256Hex } from '../../lib/encoding';
import { bearerKey } from '../../middleware/auth';
import { readLimited } from '../../middleware/body-limit';
import { allowed } from '../../middleware/rate-limit';
import { parseJsonBytes } from '../../request/parse-json';
import type { DelegatedPayment } from '../../vault/agent-ledger';
import { AcpError, acp, SUPPORTED_VERSIONS } from './acp-error';
import { type Caller, callerOf } from './agent-auth';
import { parseDelegateRequest } from './delegate-request';
import { checkSignature } from './request-signature';

/** What the route answers: the created vault token, and whether it is a replay. */
export interface Delegated {
  result: DelegatedPayment;
  replayed: boolean;
}

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/**
 * `POST /agentic_commerce/delegate_payment`, in the order of its checks: the key (an agent platform's), the
 * API-Version, the media type and size, the Idempotency-Key, the request's signature when the platform signs,
 * the platform's rate, the body (schema, card rules, allowance), then the platform's ledger, which vaults the
 * card once per key. Throws AcpError; `onCaller` learns who called, for the audit of a refused merchant key.
 */
export async function delegatePayment(
  env: Env,
  request: Request,
  requestId: string,
  onCaller: (caller: Caller) => void,
): Promise<Delegated> {
  const caller = await callerOf(env, bearerKey(request.headers.get('Authorization') ?? undefined));
  onCaller(caller);
  if (caller.kind === 'none') throw acp.unauthorized();
  if (caller.kind === 'merchant') throw acp.wrongKey();
  const { agent } = caller;

  if (!SUPPORTED_VERSIONS.includes(request.headers.get('API-Version') ?? '')) throw acp.version();
  const media = (request.headers.get('Content-Type') ?? '').split(';', 1)[0]?.trim().toLowerCase();
  if (media !== 'application/json') throw acp.mediaType();
  const key = request.headers.get('Idempotency-Key');
  if (key === null || !IDEMPOTENCY_KEY.test(key)) throw acp.keyRequired();

  let body: Uint8Array;
  try {
    body = await readLimited(request, MAX_BODY_BYTES);
  } catch {
    throw acp.tooLarge();
  }
  const now = Date.now();
  await checkSignature(
    agent,
    {
      signature: request.headers.get('Signature') ?? undefined,
      timestamp: request.headers.get('Timestamp') ?? undefined,
    },
    body,
    now,
  );
  if (!(await allowed(env, 'CREATE_PER_KEY', caller.keyId))) throw acp.rateLimited(10);

  let json: unknown;
  try {
    json = parseJsonBytes(body);
  } catch {
    throw acp.invalid('body', 'The request body is not valid JSON.');
  }
  const audit = { keyId: caller.keyId, clientIp: request.headers.get('CF-Connecting-IP'), requestId };
  const input = parseDelegateRequest(json, agent, await getEffectiveConfig(env), audit, new Date(now));

  const ledger = env.AGENTS.get(env.AGENTS.idFromName(agent.id));
  const outcome = await ledger.delegate(input, { key, bodyDigest: await sha256Hex(body) });
  if (outcome.kind === 'conflict') throw acp.conflict();
  if (outcome.kind === 'in_flight') throw acp.inFlight();
  return { result: outcome.result, replayed: outcome.kind === 'replay' };
}

/** Any failure as the spec's flat error: ours as they are, anything else a generic 500 that quotes nothing. */
export function toAcpError(error: unknown): AcpError {
  if (error instanceof AcpError) return error;
  if (error instanceof EdgeError && error.code === 'internal_error') return acp.internal();
  return acp.internal();
}
