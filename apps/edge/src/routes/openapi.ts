import { Hono } from 'hono';
import type { AppEnv } from '../app-env';
import { openApiDocument } from '../openapi/document';

export const openapi = new Hono<AppEnv>();

// Built once per isolate: it depends on nothing but the code.
let document: string | undefined;

openapi.get('/openapi.json', (c) => {
  document ??= JSON.stringify(openApiDocument());
  return c.body(document, 200, { 'Content-Type': 'application/json', 'Cache-Control': 'public, max-age=300' });
});
