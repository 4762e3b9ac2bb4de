import { Hono } from 'hono';
import type { AppEnv } from '../app-env';
import { getConfig } from '../config/config';
import { serveElement } from '../services/field-pages/serve-element';

export const elements = new Hono<AppEnv>();

elements.get('/*', (c) => serveElement(c.env, () => getConfig(c.env), c.req.raw));
