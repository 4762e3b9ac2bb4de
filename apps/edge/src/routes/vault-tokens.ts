import { Hono } from 'hono';
import type { AppEnv } from '../app-env';
import type { AuthContext } from '../request/auth-context';
import { vaultTokenAction } from '../services/agents/vault-token-service';

export const vaultTokens = new Hono<AppEnv & { Variables: { refusedKey?: AuthContext } }>();

vaultTokens.get('/:id', async (c) => {
  const token = await vaultTokenAction(c.env, c.req.raw, c.var.requestId, c.req.param('id'), 'read', (auth) =>
    c.set('refusedKey', auth),
  );
  return c.json(token, 200, { 'Cache-Control': 'no-store' });
});

vaultTokens.post('/:id/revoke', async (c) => {
  const token = await vaultTokenAction(c.env, c.req.raw, c.var.requestId, c.req.param('id'), 'revoke', (auth) =>
    c.set('refusedKey', auth),
  );
  return c.json(token, 200, { 'Cache-Control': 'no-store' });
});
