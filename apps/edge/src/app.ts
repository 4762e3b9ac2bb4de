import { Hono } from 'hono';
import { methodNotAllowed } from 'hono/method-not-allowed';
import type { AppEnv } from './app-env';
import { methodNotAllowedProblem, notFoundProblem, toProblemResponse } from './errors/problem';
import { accessLog } from './middleware/access-log';
import { auditRefusals } from './middleware/audit-refusals';
import { noSniff } from './middleware/no-sniff';
import { requestId } from './middleware/request-id';
import { agenticCommerce } from './routes/agentic-commerce';
import { elements } from './routes/elements';
import { events } from './routes/events';
import { forward } from './routes/forward';
import { health } from './routes/health';
import { keys } from './routes/keys';
import { openapi } from './routes/openapi';
import { sdk } from './routes/sdk';
import { tokens } from './routes/tokens';
import { vaultTokens } from './routes/vault-tokens';
import { webhookEndpoints } from './routes/webhook-endpoints';

/** The edge's HTTP app: middleware and routes, wired. */
export const app = new Hono<AppEnv>();

app.use(accessLog(), requestId(), noSniff(), auditRefusals());
app.use(methodNotAllowed({ app, onMethodNotAllowed: methodNotAllowedProblem }));
app.route('/', health);
app.route('/v1', openapi);
app.route('/v1/keys', keys);
app.route('/v1/tokens', tokens);
app.route('/v1/forward', forward);
app.route('/v1/events', events);
app.route('/v1/vault_tokens', vaultTokens);
app.route('/v1/webhook_endpoints', webhookEndpoints);
app.route('/elements/v1', elements);
app.route('/js/v1', sdk);
app.route('/agentic_commerce', agenticCommerce);
app.notFound(notFoundProblem);
app.onError(toProblemResponse);
