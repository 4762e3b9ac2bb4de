import type { SealKeySet } from '@tessera/protocol';
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import type { AppEnv } from '../app-env';
import { getEffectiveConfig } from '../config/effective-config';
import { EdgeError } from '../errors/edge-error';
import { type AuthContext, auth, authenticate } from '../middleware/auth';
import { clientAddress, rateLimit } from '../middleware/rate-limit';
import { embeddingRefusal } from '../services/field-pages/embedding';

export const keys = new Hono<AppEnv & { Variables: { refusedKey?: AuthContext } }>();

// Field pages fetch this before sealing; a few minutes of caching spares a round trip per card, and rotation
// keeps the old key decrypting for longer than that.
keys.get('/seal', auth({ keyType: 'publishable' }), async (c) => {
  const config = await getEffectiveConfig(c.env);
  const body: SealKeySet = { keys: config.sealKeys.map((k) => k.publicJwk) };
  // Date: the edge's clock, by which a field page dates the cards it seals (their `iat`).
  return c.json(body, 200, { 'Cache-Control': 'private, max-age=300', Date: new Date().toUTCString() });
});

// Before anything mounts, the SDK asks whether its key may show field pages on its page: a simple CORS GET (no
// preflight), the key in the query and the page in the Origin its browser sets. The answer is 204, or a problem
// that says which of the two is wrong; never the merchant, never the origins the key allows. Limited per client
// before the key is looked at, so that asking which origins a key allows costs what guessing costs elsewhere.
keys.get(
  '/check',
  cors({ origin: '*', allowMethods: ['GET'] }),
  rateLimit({ limiter: 'KEY_CHECKS_PER_CLIENT', periodSeconds: 10, key: clientAddress }),
  async (c) => {
    const key = await authenticate(c.env, c.req.query('key'));
    const refusal = embeddingRefusal({ type: key.keyType, merchant: key.merchant }, c.req.header('Origin'));
    if (refusal !== undefined) {
      // A real key refused: its merchant's trail records it (middleware/audit-refusals), as for every route.
      c.set('refusedKey', key);
      throw new EdgeError(refusal);
    }
    return c.body(null, 204, { 'Cache-Control': 'no-store', Vary: 'Origin' });
  },
);
