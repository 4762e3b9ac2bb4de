import { isProblem } from './api';
import type { IntegrationErrorCode } from './errors';

/**
 * Where the SDK asks the edge, before mounting anything, whether a publishable key may show fields on the calling
 * page: `GET {edge}/v1/keys/check?key=pk_…`, a CORS request whose `Origin` the browser sets. The edge answers 204,
 * or a problem that says only which of the two is wrong; never which merchant the key belongs to.
 */
export const KEY_CHECK_PATH = '/v1/keys/check';

/** What a key check found: the key may embed on this origin, the setup to fix, or nothing definite. */
export type KeyCheckOutcome = 'allowed' | IntegrationErrorCode | 'unknown';

/**
 * Reads the edge's answer to a key check. Only a definite refusal of the key or the origin is a setup error;
 * anything else (rate limited, an edge error, an answer from something that is not the edge) is `unknown`, and
 * the SDK goes on: a check that cannot answer must not take payments down.
 *
 * @example
 * const outcome = keyCheckOutcome(response.status, response.status === 204 ? null : await response.json());
 */
export function keyCheckOutcome(status: number, body: unknown): KeyCheckOutcome {
  if (status === 204) return 'allowed';
  if (!isProblem(body) || body.status !== status) return 'unknown';
  if (status === 401 && body.code === 'unauthorized') return 'invalid_key';
  if (status === 403 && body.code === 'wrong_key_type') return 'invalid_key';
  if (status === 403 && body.code === 'forbidden_origin') return 'origin_not_allowed';
  return 'unknown';
}
