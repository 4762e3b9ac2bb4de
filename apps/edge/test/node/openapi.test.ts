import { readFileSync, writeFileSync } from 'node:fs';
import type { VaultTokenObject } from '@tessera/protocol';
import * as v from 'valibot';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { app } from '../../src/app';
import { AcpErrorSchema, VaultTokenSchema } from '../../src/openapi/agent-schemas';
import { openApiDocument } from '../../src/openapi/document';
import { type AcpError, acp } from '../../src/services/agents/acp-error';
import { toVaultTokenObject, type VaultTokenRow } from '../../src/vault/agent-tokens/store';

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

describe('the agent commerce schemas', () => {
  const row: VaultTokenRow = {
    id: 'vt_AAAAAAAAAAAAAAAAAAAAAA',
    token_id: 'tok_AAAAAAAAAAAAAAAAAAAAAA',
    agent_id: 'agent',
    merchant_id: 'demo',
    max_amount: 2000,
    currency: 'usd',
    checkout_session_id: 'csn_1',
    expires_at: 1_900_000_000,
    status: 'active',
    deactivated_reason: null,
    created_at: 1_800_000_000,
    brand: 'visa',
    last4: '4242',
    metadata: '{}',
  };

  it('VaultToken is the protocol type, and takes what the vault answers, active or spent', () => {
    type Schema = v.InferOutput<typeof VaultTokenSchema>;
    expectTypeOf<keyof VaultTokenObject>().toEqualTypeOf<keyof Schema>();
    expectTypeOf<keyof VaultTokenObject['allowance']>().toEqualTypeOf<keyof Schema['allowance']>();
    expectTypeOf<keyof VaultTokenObject['card']>().toEqualTypeOf<keyof Schema['card']>();
    for (const status of ['consumed', 'revoked', 'expired'] as const) {
      const token = toVaultTokenObject({ ...row, status, deactivated_reason: status });
      expect(v.safeParse(VaultTokenSchema, token).issues).toBeUndefined();
    }
    expect(v.safeParse(VaultTokenSchema, toVaultTokenObject(row)).issues).toBeUndefined();
  });

  it('AcpError takes every error the ACP route can answer', () => {
    const makers = Object.values(acp) as unknown as ((...args: string[]) => AcpError)[];
    expect(makers.length).toBeGreaterThan(10);
    for (const make of makers) {
      const { body } = make('payment_method.number', 'A message.');
      expect(v.safeParse(AcpErrorSchema, body).issues, body.code).toBeUndefined();
    }
  });

  it("resolves every $ref of the document, the ACP spec's schemas included", () => {
    const document = openApiDocument() as { components: { schemas: Record<string, unknown> } };
    const refs = JSON.stringify(document).match(/"\$ref":"[^"]+"/g) ?? [];
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      const [, path] = ref.match(/"\$ref":"#\/components\/schemas\/(\w+)"/) ?? [];
      expect(path, ref).toBeDefined();
      expect(document.components.schemas).toHaveProperty(path!);
    }
    expect(document.components.schemas).toHaveProperty('AcpDelegatePaymentRequest.additionalProperties', false);
  });
});
