import { Hono } from 'hono';
import type { AppEnv } from '../app-env';
import { serveSdkFile } from '../services/sdk/serve-sdk';

export const sdk = new Hono<AppEnv>();

sdk.get('/*', (c) => serveSdkFile(c.env, c.req.raw));
