import { Hono } from 'hono';
import type { AppEnv } from '../app-env';
import type { AuthContext } from '../request/auth-context';
import type { Caller } from '../services/agents/agent-auth';
import { delegatePayment, toAcpError } from '../services/agents/delegate-service';

export const agenticCommerce = new Hono<AppEnv & { Variables: { refusedKey?: AuthContext } }>();

// The one route that answers in the Agentic Commerce Protocol's own error shape, so it catches its own failures
// instead of leaving them to the app's problem+json handler.
agenticCommerce.post('/delegate_payment', async (c) => {
  const echo = c.req.header('Request-Id');
  const headers: Record<string, string> = { 'Cache-Control': 'no-store', 'Request-Id': echo ?? c.var.requestId };
  let caller: Caller = { kind: 'none' };
  try {
    const { result, replayed } = await delegatePayment(c.env, c.req.raw, c.var.requestId, (who) => {
      caller = who;
    });
    return c.json(result, 201, { ...headers, ...(replayed ? { 'Idempotent-Replayed': 'true' } : {}) });
  } catch (error) {
    const failure = toAcpError(error);
    // A merchant's key on this route is audited in its trail like any key in the wrong place.
    const who = caller as Caller;
    if (who.kind === 'merchant') {
      c.set('refusedKey', who.auth);
      c.set('problemCode', 'wrong_key_type');
    } else if (failure.status === 401) {
      c.set('problemCode', 'unauthorized');
    }
    return c.json(failure.body, failure.status as 400, { ...headers, ...failure.headers });
  }
});
