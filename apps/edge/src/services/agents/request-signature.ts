import type { Agent } from '../../config/config';
import { fromBase64Url, utf8 } from '../../lib/encoding';
import { acp } from './acp-error';

/** How far an agent platform's `Timestamp` may be from the edge's clock. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/**
 * ACP's optional `Signature` and `Timestamp` headers, required once the agent platform has signing keys
 * configured: `Signature` is base64url ECDSA P-256 / SHA-256 (IEEE P1363, as WebCrypto signs) over
 * `${Timestamp}.${body}`, `Timestamp` an ISO 8601 time within 5 minutes of the edge's. A platform without keys
 * sends unsigned requests, and headers it sends anyway are not checked.
 */
export async function checkSignature(
  agent: Agent,
  headers: { signature: string | undefined; timestamp: string | undefined },
  body: Uint8Array,
  nowMs: number,
): Promise<void> {
  if (agent.signingKeys.length === 0) return;
  const { signature, timestamp } = headers;
  if (signature === undefined || timestamp === undefined) {
    throw acp.signature('This agent platform signs its requests: Signature and Timestamp are required.');
  }
  const at = Date.parse(timestamp);
  if (!Number.isFinite(at) || Math.abs(nowMs - at) > SIGNATURE_TOLERANCE_SECONDS * 1000) {
    throw acp.signature('The Timestamp is not within 5 minutes of now.');
  }
  let bytes: Uint8Array;
  try {
    bytes = fromBase64Url(signature);
  } catch {
    throw acp.signature('The Signature is not base64url.');
  }
  const signed = new Uint8Array([...utf8(`${timestamp}.`), ...body]);
  for (const key of agent.signingKeys) {
    if (await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, bytes, signed)) return;
  }
  throw acp.signature('The Signature does not verify.');
}
