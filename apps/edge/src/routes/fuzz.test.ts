import { exports } from 'cloudflare:workers';
import { API_ERRORS, PROBLEM_CONTENT_TYPE } from '@tessera/protocol';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEMO_PK, DEMO_SK, EDGE, fieldPageHeaders, seal, validCard } from '../../test/support/edge';

// Generated requests against every route: methods, paths, headers and bodies, well-formed or not. Whatever
// comes in, the edge answers 2xx/3xx or a 4xx problem with a catalog code: never a 5xx, and never a run of the
// generated digits back (a card number in a body must not be echoed by any answer, even refusing it).

const ROUTES = [
  '/v1/tokens',
  '/v1/tokens/tok_aaaaaaaaaaaaaaaaaaaaaa',
  '/v1/forward',
  '/v1/keys/seal',
  '/v1/openapi.json',
  '/healthz',
  '/v1/keys/check',
  '/elements/v1/card.html',
  '/elements/v1/assets/nothing.js',
  '/js/v1/tessera.js',
];

/** Long digit runs: the stand-ins for card numbers that no answer may repeat. */
const digitRun = fc.stringMatching(/^[1-9][0-9]{12,18}$/);

const path = fc.oneof(
  fc.constantFrom(...ROUTES),
  fc.constantFrom(...ROUTES).chain((route) => digitRun.map((digits) => `${route}/${digits}`)),
  fc.constantFrom(...ROUTES).chain((route) => fc.webQueryParameters().map((query) => `${route}?${query}`)),
  fc.webPath(),
);

const jsonValue = fc.jsonValue({ maxDepth: 3 });
const body = fc.oneof(
  fc.constant(undefined),
  digitRun.map((digits) => JSON.stringify({ sealed: digits, expiresAt: digits })),
  digitRun.map((digits) => JSON.stringify({ token: `tok_${digits}`, request: { url: `https://x.test/${digits}` } })),
  fc.record({ sealed: fc.string(), expiresAt: fc.oneof(fc.integer(), fc.string()) }).map((v) => JSON.stringify(v)),
  jsonValue.map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 300 }),
  fc.uint8Array({ maxLength: 300 }),
);

const header = fc.oneof(
  fc.constant({}),
  fc.constant(fieldPageHeaders()),
  fc.constant({ Authorization: `Bearer ${DEMO_SK}`, 'Content-Type': 'application/json' }),
  fc.record(
    {
      Authorization: fc.oneof(
        fc.constant(`Bearer ${DEMO_PK}`),
        fc.constant(`Bearer ${DEMO_SK}`),
        fc.string({ maxLength: 40 }).map((s) => `Bearer ${s}`),
      ),
      'Content-Type': fc.constantFrom('application/json', 'text/plain', 'application/json; charset=utf-8', ''),
      Origin: fc.constantFrom(EDGE, 'https://evil.test', 'null'),
      'Sec-Fetch-Site': fc.constantFrom('same-origin', 'cross-site', 'none'),
      'Idempotency-Key': fc.string({ maxLength: 300 }),
      'Content-Length': fc.nat().map(String),
    },
    { requiredKeys: [] },
  ),
);

const method = fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS');

const digitsIn = (value: unknown): string[] => (typeof value === 'string' ? (value.match(/[0-9]{12,19}/g) ?? []) : []);

/** Sends one generated request; header values the platform refuses to carry are dropped, as a client's would be. */
async function send(m: string, p: string, h: Record<string, string>, b: string | Uint8Array | undefined) {
  const headers = new Headers();
  for (const [name, value] of Object.entries(h)) {
    try {
      headers.set(name, value);
    } catch {
      // Not a valid header value: no client could send it.
    }
  }
  const withBody = b !== undefined && m !== 'GET' && m !== 'HEAD';
  return exports.default.fetch(
    new Request(`${EDGE}${p.startsWith('/') ? p : `/${p}`}`, { method: m, headers, ...(withBody ? { body: b } : {}) }),
  );
}

describe('generated requests against every route', () => {
  it('never get a 5xx, a problem outside the catalog, or their digits back', async () => {
    await fc.assert(
      fc.asyncProperty(method, path, header, body, async (m, p, h, b) => {
        const res = await send(m, p, h, b);
        const text = await res.text();
        expect(res.status).toBeLessThan(500);
        if (m === 'HEAD') return; // no body to read
        // The field page is the one refusal a shopper sees: a short page in their language instead of a problem.
        // As send() builds the URL: a path such as `//` is not a URL relative to the edge, but is a path on it.
        const fieldPage =
          m === 'GET' && new URL(`${EDGE}${p.startsWith('/') ? p : `/${p}`}`).pathname === '/elements/v1/card.html';
        if (res.status >= 400 && fieldPage) {
          expect(res.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
          expect(text).toMatch(/: [a-z_]+<\/small>/);
        } else if (res.status >= 400) {
          expect(res.headers.get('Content-Type')).toBe(PROBLEM_CONTENT_TYPE);
          const code = (JSON.parse(text) as { code: string }).code;
          expect(Object.hasOwn(API_ERRORS, code)).toBe(true);
        }
        // Served documents (the OpenAPI document, field page assets, the SDK) are the edge's own text, not an echo.
        if (p.startsWith('/v1/openapi.json') || (res.ok && (p.startsWith('/elements/') || p.startsWith('/js/')))) {
          return;
        }
        const sent = [...digitsIn(p), ...digitsIn(typeof b === 'string' ? b : undefined)];
        for (const digits of sent) expect(text).not.toContain(digits);
      }),
      { numRuns: 300 },
    );
  });

  it('never get a 5xx for generated cards sealed the way a field page seals them', async () => {
    const card = fc.record({
      number: fc.oneof(digitRun, fc.string({ maxLength: 25 })),
      expMonth: fc.oneof(fc.integer({ min: -2, max: 14 }), fc.string({ maxLength: 3 })),
      expYear: fc.oneof(fc.integer({ min: 1990, max: 2100 }), fc.constant(null)),
      cvc: fc.oneof(fc.stringMatching(/^[0-9]{2,5}$/), fc.string({ maxLength: 6 })),
      name: fc.option(fc.string({ maxLength: 120 }), { nil: undefined }),
      postalCode: fc.option(fc.string({ maxLength: 20 }), { nil: undefined }),
    });
    await fc.assert(
      fc.asyncProperty(card, async (c) => {
        const plain = Object.fromEntries(Object.entries({ ...validCard(), ...c }).filter(([, v]) => v !== undefined));
        const res = await send('POST', '/v1/tokens', fieldPageHeaders(), JSON.stringify({ sealed: await seal(plain) }));
        const text = await res.text();
        expect([200, 400]).toContain(res.status);
        for (const digits of digitsIn(c.number)) expect(text).not.toContain(digits);
      }),
      { numRuns: 150 },
    );
  });
});
