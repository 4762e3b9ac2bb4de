// Signs a delivery the way the edge does (issue 8 contract, Standard Webhooks): for each secret, base64 of
// HMAC-SHA256(base64-decode(secret after whsec_), `${id}.${timestamp}.${body}`), as `v1,<base64>`, space separated.
// Written from the contract with node:crypto alone, so that neither verifier under test checks itself.
import { createHmac } from 'node:crypto';

export function signLikeTheEdge(secrets: string[], id: string, timestamp: number, body: string | Uint8Array) {
  const content = Buffer.concat([Buffer.from(`${id}.${timestamp}.`), Buffer.from(body)]);
  const signature = secrets
    .map((secret) => {
      const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
      return `v1,${createHmac('sha256', key).update(content).digest('base64')}`;
    })
    .join(' ');
  return { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': signature };
}
