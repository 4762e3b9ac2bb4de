import type { SealKeySet } from '@tessera/protocol';
import { Hono } from 'hono';
import type { AppEnv } from '../app-env';
import { getConfig } from '../config/config';
import { auth } from '../middleware/auth';

export const keys = new Hono<AppEnv>();

// Field pages fetch this before sealing; a few minutes of caching spares a round trip per card, and rotation
// keeps the old key decrypting for longer than that.
keys.get('/seal', auth({ keyType: 'publishable' }), async (c) => {
  const config = await getConfig(c.env);
  const body: SealKeySet = { keys: config.sealKeys.map((k) => k.publicJwk) };
  // Date: the edge's clock, by which a field page dates the cards it seals (their `iat`).
  return c.json(body, 200, { 'Cache-Control': 'private, max-age=300', Date: new Date().toUTCString() });
});
