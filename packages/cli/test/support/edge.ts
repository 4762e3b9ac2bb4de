// What the edge tests share: the running edge (from edge-setup.ts) and the CLI pointed at it.
import { inject } from 'vitest';
import { type Ran, type RunOptions, tessera } from './cli';

export function edge() {
  const provided = inject('edge');
  if ('error' in provided) throw new Error(`the edge did not start: ${provided.error}`);
  return provided;
}

/** The CLI against the tests' edge, with their operator key (from the environment, as an operator would set it). */
export function cli(argv: string[], options: RunOptions = {}): Promise<Ran> {
  const { origin, operatorKey } = edge();
  return tessera(argv, {
    ...options,
    env: { TESSERA_EDGE: origin, TESSERA_OPERATOR_KEY: operatorKey, ...options.env },
  });
}

/** A fresh merchant id, so that tests never meet each other's merchants. */
export const freshId = (prefix: string) => `${prefix}-${crypto.randomUUID().slice(0, 8)}`;

/** How the edge answers a merchant key on a secret-key route (`GET /v1/events`): 200, 401, 403. */
export async function eventsStatus(key: string): Promise<{ status: number; code?: string }> {
  const response = await fetch(`${edge().origin}/v1/events?limit=1`, { headers: { authorization: `Bearer ${key}` } });
  const body = (await response.json()) as { code?: string };
  return response.ok
    ? { status: response.status }
    : { status: response.status, ...(body.code ? { code: body.code } : {}) };
}
