import { Hono } from 'hono';
import type { AppEnv } from '../app-env';
import { serveElement } from '../elements/serve-element';
import { getConfig } from '../keys/config';

export const elements = new Hono<AppEnv>();

elements.get('/*', (c) => serveElement(c.env, () => getConfig(c.env), c.req.raw));
