import { Hono } from 'hono';
import type { AppEnv } from '../app-env';

export const health = new Hono<AppEnv>();

health.get('/healthz', (c) => c.json({ ok: true }, 200, { 'Cache-Control': 'no-store' }));
