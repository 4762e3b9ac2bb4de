import type { ApiErrorCode } from '@tessera/protocol';
import type { Context, MiddlewareHandler } from 'hono';
import { EdgeError } from '../../errors/edge-error';
import { judgedClient } from '../../lib/client-address';
import { logEvent } from '../../lib/log';

type Limiter =
  | 'CREATE_PER_CLIENT'
  | 'CREATE_PER_KEY'
  | 'FAILURES_PER_CLIENT'
  | 'AUDITED_REFUSALS_PER_CLIENT'
  | 'KEY_CHECKS_PER_CLIENT';
type AnyContext = Context<{ Bindings: Env; Variables: Record<string, unknown> }>;

/**
 * The client address as Cloudflare saw it, when it is one to judge: absent where no Cloudflare edge stands in
 * front, and loopback (what local workerd names every client) counts as absent too (lib/client-address.ts).
 */
export const clientAddress = (c: { req: { header(name: string): string | undefined } }): string | undefined =>
  judgedClient(c.req.header('CF-Connecting-IP')) ?? undefined;

/**
 * Whether the binding lets one more request of `subject` through. A failing binding lets it through: the limits
 * guard against floods, and the vault's own rules still stand; a limiter outage must not take payments down, nor
 * turn a refusal already made into a 500.
 */
export async function allowed(env: Env, limiter: Limiter, subject: string): Promise<boolean> {
  try {
    return (await env[limiter].limit({ key: `${limiter}:${subject}` })).success;
  } catch (error) {
    logEvent('warn', 'rate limiter failed', { error: error instanceof Error ? error.name : typeof error });
    return true;
  }
}

const limited = (retryAfter: number) =>
  new EdgeError('rate_limited', { headers: { 'Retry-After': String(retryAfter) } });

export interface RateLimitOptions {
  /** The Workers Rate Limiting binding (wrangler.jsonc `ratelimits`) to count with. */
  limiter: Limiter;
  /** Its period, as configured: what `Retry-After` says. */
  periodSeconds: 10 | 60;
  /** What a request counts against; undefined lets it through uncounted. */
  key: (c: AnyContext) => string | undefined;
}

/**
 * Counts each request against a Workers Rate Limiting binding and answers `429 rate_limited` with `Retry-After`
 * past its limit. The binding costs no Durable Object round trip, so a flood is refused before any vault sees it.
 */
export function rateLimit(options: RateLimitOptions): MiddlewareHandler {
  if (options.periodSeconds !== 10 && options.periodSeconds !== 60) {
    throw new RangeError('rateLimit(): periodSeconds is 10 or 60, as the binding is configured');
  }
  const { limiter, periodSeconds, key } = options;
  return async function rateLimitMiddleware(c, next) {
    const subject = key(c as AnyContext);
    if (subject !== undefined && !(await allowed(c.env as Env, limiter, subject))) throw limited(periodSeconds);
    await next();
  };
}

/** The card-rule refusals that say a client is guessing. */
const CARD_FAILURES: ReadonlySet<ApiErrorCode> = new Set([
  'invalid_card_number',
  'invalid_expiry',
  'invalid_cvc',
  'invalid_sealed_card',
]);

export interface CardFailureLimitOptions {
  /** The binding that counts failures (only failures are charged to it). */
  limiter: Limiter;
  periodSeconds: 10 | 60;
}

/**
 * Charges each card-rule refusal to the client's address; once the binding says the client passed its limit,
 * the client's creates are refused (429) for the rest of the period without being looked at. The binding has no
 * way to ask without counting, so this isolate remembers who is refused; another isolate learns it at that
 * client's next failure there.
 */
export function cardFailureLimit(options: CardFailureLimitOptions): MiddlewareHandler {
  const { limiter, periodSeconds } = options;
  const refusedUntil = new Map<string, number>();
  return async function cardFailureLimitMiddleware(c, next) {
    const client = clientAddress(c);
    const now = Date.now();
    if (client !== undefined) {
      const until = refusedUntil.get(client);
      if (until !== undefined && until > now) throw limited(Math.ceil((until - now) / 1000));
      if (until !== undefined) refusedUntil.delete(client);
    }
    await next();
    const code = (c as AnyContext).get('problemCode') as ApiErrorCode | undefined;
    if (client === undefined || code === undefined || !CARD_FAILURES.has(code)) return;
    if (!(await allowed(c.env as Env, limiter, client))) {
      refusedUntil.set(client, now + periodSeconds * 1000);
      // Bounded: a flood of addresses cannot grow it past what one period holds.
      if (refusedUntil.size > 100_000) refusedUntil.delete(refusedUntil.keys().next().value as string);
    }
  };
}
