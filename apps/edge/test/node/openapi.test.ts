import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { app } from '../../src/app';
import { openApiDocument } from '../../src/openapi/document';

const committed = new URL('../../../../docs/openapi.json', import.meta.url);
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** `METHOD /path` of every route the app answers, in OpenAPI's path syntax. */
function appRoutes(): string[] {
  const routes = new Set<string>();
  for (const { method, path } of app.routes) {
    if (method === 'ALL') continue; // middleware
    const openApiPath = path.replace(/:(\w+)/g, '{$1}').replace(/\/\*$/, '/{path}');
    routes.add(`${method} ${openApiPath}`);
  }
  return [...routes].sort();
}

function documentRoutes(document: ReturnType<typeof openApiDocument>): string[] {
  const paths = document.paths as Record<string, Record<string, unknown>>;
  return Object.entries(paths)
    .flatMap(([path, operations]) =>
      METHODS.filter((m) => m in operations).map((method) => `${method.toUpperCase()} ${path}`),
    )
    .sort();
}

describe('the OpenAPI document', () => {
  it('describes exactly the routes the app has', () => {
    expect(documentRoutes(openApiDocument())).toEqual(appRoutes());
  });

  it('is committed as docs/openapi.json, as generated (pnpm --filter @tessera/edge openapi rewrites it)', () => {
    const generated = `${JSON.stringify(openApiDocument(), null, 2)}\n`;
    if (process.env.UPDATE_OPENAPI === '1') writeFileSync(committed, generated);
    expect(readFileSync(committed, 'utf8')).toBe(generated);
  });

  it('names a schema for every request body and every JSON answer', () => {
    const document = openApiDocument() as {
      paths: Record<string, Record<string, Record<string, unknown>>>;
      components: { schemas: Record<string, unknown> };
    };
    const { schemas } = document.components;
    for (const operations of Object.values(document.paths)) {
      for (const operation of Object.values(operations)) {
        const refs = JSON.stringify(operation).match(/#\/components\/schemas\/\w+/g) ?? [];
        for (const ref of refs) expect(schemas).toHaveProperty(ref.split('/').at(-1)!);
      }
    }
    expect(Object.keys(schemas)).toEqual(expect.arrayContaining(['CreateTokenRequest', 'ForwardRequest', 'Problem']));
  });
});
