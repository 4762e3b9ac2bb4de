import { describe, expect, it } from 'vitest';
import { call, DEMO_PK, DEMO_SK, expectProblem, OTHER_PK } from '../../test/support/edge';
import { checkEdgeLogs } from '../../test/support/logs';

// The field page's URL carries a publishable key and the parent origin in its query: the access log keeps the
// route pattern only (invariant 1 covers keys in logs too).
checkEdgeLogs((line) => {
  for (const value of [DEMO_PK, DEMO_SK, OTHER_PK, 'key=', 'parent=', 'localhost']) expect(line).not.toContain(value);
});

// The assets binding serves test/fixtures/assets (see vitest.config.ts), a stand-in for the assembled build.
const page = (query: string) => call(`/elements/v1/card.html?${query}`);
const demoPage = () => page(`key=${DEMO_PK}&parent=${encodeURIComponent('http://localhost:5173')}`);

/** The human page card.html answers when it cannot serve the fields; returns its HTML. */
async function expectErrorPage(res: Response, status: number, code: string, secrets: string[] = []): Promise<string> {
  const html = await res.text();
  expect(res.status).toBe(status);
  expect(res.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
  expect(html).toMatch(/^<!doctype html>/);
  expect(html).toContain(`: ${code}</small>`);
  expect(html).not.toContain('"code"');
  for (const secret of secrets) expect(html).not.toContain(secret);
  return html;
}

const cspOf = (res: Response) =>
  new Map(
    (res.headers.get('Content-Security-Policy') ?? '').split(';').map((d) => {
      const [name = '', ...values] = d.trim().split(/\s+/);
      return [name, values] as const;
    }),
  );

describe('GET /elements/v1/card.html', () => {
  it('serves the field page under a strict CSP framed only by the named parent, one of the key configuration', async () => {
    const res = await demoPage();
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
    const csp = cspOf(res);
    const nonce = /^'nonce-([\w-]{22})'$/.exec(csp.get('script-src')?.[0] ?? '')?.[1];
    expect(nonce).toBeDefined();
    expect(csp.get('script-src')).toEqual([`'nonce-${nonce}'`, "'strict-dynamic'"]);
    expect(csp.get('style-src')).toEqual(["'self'", `'nonce-${nonce}'`]);
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    // The appearance's web fonts come from the allow-listed font hosts only.
    expect(csp.get('font-src')).toEqual(["'self'", 'https://fonts.gstatic.com', 'https://fonts.bunny.net']);
    // Narrowed to the parent the URL names, which is one of the key's configured origins (checked below).
    expect(csp.get('frame-ancestors')).toEqual(['http://localhost:5173']);
    expect(csp.get('require-trusted-types-for')).toEqual(["'script'"]);
    expect(csp.get('trusted-types')).toEqual(['lit-html', 'tessera-liner']);
    expect(res.headers.get('Permissions-Policy')).toMatch(/^(?:[a-z-]+=\(\)(?:, |$))+$/);
    for (const feature of ['camera', 'microphone', 'geolocation', 'payment', 'usb']) {
      expect(res.headers.get('Permissions-Policy')).toContain(`${feature}=()`);
    }
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(res.headers.get('Referrer-Policy')).toBe('no-referrer');
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    expect(res.headers.get('ETag')).toBeNull();

    const html = await res.text();
    const tags = html.match(/<(script|style|link)\b[^>]*>/g) ?? [];
    expect(tags).toHaveLength(5);
    for (const tag of tags) expect(tag).toContain(`nonce="${nonce}"`);
  });

  it('uses a fresh nonce for every response, in its CSP and on every tag of its page', async () => {
    const nonces: string[] = [];
    // The isolate rewrites the page once and reuses it: each response must still hold its own nonce only.
    for (let i = 0; i < 3; i++) {
      const res = await demoPage();
      const nonce = /^'nonce-([\w-]{22})'$/.exec(cspOf(res).get('script-src')?.[0] ?? '')?.[1] ?? '';
      const inPage = [...(await res.text()).matchAll(/\snonce="([^"]*)"/g)].map((m) => m[1]);
      expect(inPage).toEqual(Array(5).fill(nonce));
      nonces.push(nonce);
    }
    expect(new Set(nonces).size).toBe(3);
  });

  it('answers a split field (?type=) with the split page, under the same headers, each page its own', async () => {
    const query = `key=${DEMO_PK}&parent=${encodeURIComponent('http://localhost:5173')}`;
    // Alternating: the isolate keeps each page apart, never one for the other.
    for (const type of ['cardNumber', '', 'cardCvc', '']) {
      const res = await page(type === '' ? query : `${query}&type=${type}`);
      expect(res.status).toBe(200);
      const nonce = /^'nonce-([\w-]{22})'$/.exec(cspOf(res).get('script-src')?.[0] ?? '')?.[1];
      expect(cspOf(res).get('frame-ancestors')).toEqual(['http://localhost:5173']);
      expect(res.headers.get('Cache-Control')).toBe('no-store');
      const html = await res.text();
      expect(html).toContain(type === '' ? '<title>Card</title>' : '<title>Split field</title>');
      const tags = html.match(/<(script|style|link)\b[^>]*>/g) ?? [];
      expect(tags).toHaveLength(type === '' ? 5 : 2);
      for (const tag of tags) expect(tag).toContain(`nonce="${nonce}"`);
    }
    // The key and parent are checked first, whatever the type.
    const refused = await page(`key=pk_test_nobody&parent=${encodeURIComponent('http://localhost:5173')}&type=cardCvc`);
    await expectErrorPage(refused, 401, 'invalid_key');
  });

  it('takes frame-ancestors from the key configuration, never a parent the key does not allow', async () => {
    // `other`'s key with `demo`'s origin as parent: refused, and nothing of the request lands in a header.
    const res = await page(`key=${OTHER_PK}&parent=${encodeURIComponent('http://localhost:5173')}`);
    await expectErrorPage(res, 403, 'origin_not_allowed');
    expect(cspOf(res).get('frame-ancestors')).toEqual(["'none'"]);
    const ok = await page(`key=${OTHER_PK}&parent=${encodeURIComponent('http://localhost:5199')}`);
    expect(cspOf(ok).get('frame-ancestors')).toEqual(['http://localhost:5199']);
    // Each configured origin of the key gets a page framed by itself alone.
    const second = await page(`key=${DEMO_PK}&parent=${encodeURIComponent('http://127.0.0.1:5173')}`);
    expect(cspOf(second).get('frame-ancestors')).toEqual(['http://127.0.0.1:5173']);
  });

  it('refuses a missing or unknown key (401)', async () => {
    await expectErrorPage(await page('parent=http%3A%2F%2Flocalhost%3A5173'), 401, 'invalid_key');
    await expectErrorPage(await page('key=pk_test_nobody&parent=http%3A%2F%2Flocalhost%3A5173'), 401, 'invalid_key');
  });

  it('refuses a secret key in the URL (403 wrong_key_type)', async () => {
    const res = await page(`key=${DEMO_SK}&parent=http%3A%2F%2Flocalhost%3A5173`);
    await expectErrorPage(res, 403, 'invalid_key', [DEMO_SK]);
  });

  it('refuses a parent origin the key does not allow, or none (403 forbidden_origin)', async () => {
    for (const parent of ['http://localhost:5198', 'http://localhost:5173/', 'null', '*']) {
      const res = await page(`key=${DEMO_PK}&parent=${encodeURIComponent(parent)}`);
      await expectErrorPage(res, 403, 'origin_not_allowed', [DEMO_PK, 'localhost']);
    }
    await expectErrorPage(await page(`key=${DEMO_PK}`), 403, 'origin_not_allowed');
  });
});

describe('GET /elements/v1/card.html that cannot serve the fields', () => {
  it('answers a short page under the field pages’ headers, framed nowhere, with no script and no JSON', async () => {
    const res = await page(`key=pk_test_nobody&parent=${encodeURIComponent('http://localhost:5173')}`);
    const html = await expectErrorPage(res, 401, 'invalid_key', ['pk_test_nobody', 'localhost']);
    const csp = cspOf(res);
    const nonce = /^'nonce-([\w-]{22})'$/.exec(csp.get('script-src')?.[0] ?? '')?.[1];
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(res.headers.get('Referrer-Policy')).toBe('no-referrer');
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    expect(res.headers.get('Vary')).toBe('Accept-Language');
    expect(html).not.toMatch(/<script|<link|<iframe|<form|<input|\son\w+=/i);
    expect(html.match(/<style nonce="([\w-]+)">/)?.[1]).toBe(nonce);
    expect(html).toContain('<h1>Card payment is unavailable</h1>');
  });

  it.each([
    ['de-CH, de;q=0.9, en;q=0.8', 'de', 'Kartenzahlung ist nicht verfügbar'],
    ['en;q=0.5, fr', 'fr', 'Le paiement par carte est indisponible'],
    ['ja', 'ja', 'カード決済はご利用いただけません'],
    ['tlh, *;q=0.1', 'en', 'Card payment is unavailable'],
  ])('speaks the shopper’s language: Accept-Language %j', async (acceptLanguage, lang, title) => {
    const res = await call(`/elements/v1/card.html?key=${DEMO_PK}&parent=${encodeURIComponent('http://x.test')}`, {
      headers: { 'Accept-Language': acceptLanguage },
    });
    const html = await expectErrorPage(res, 403, 'origin_not_allowed');
    expect(html).toContain(`<html lang="${lang}">`);
    expect(html).toContain(`<h1>${title}</h1>`);
  });

  it('leaves every other path under the base to problems', async () => {
    await expectProblem(await call('/elements/v1/x/card.html'), 'not_found');
  });
});

describe('GET /elements/v1/* assets', () => {
  it('serves hashed assets with nosniff and an immutable cache', async () => {
    const res = await call('/elements/v1/assets/card-Fx7Q2a.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toMatch(/javascript/);
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(res.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
    expect(await res.text()).toContain('field page script');
  });

  it('answers 404 problems for missing assets, other HTML, paths outside the base and traversal', async () => {
    for (const path of [
      '/elements/v1/assets/missing.js',
      '/elements/v1/other.html',
      // Only card.html?type=… answers with it, under the field page's headers.
      '/elements/v1/split.html',
      '/elements/v1/',
      '/elements/v2/card.html',
      '/card.html',
      '/elements/v1/assets/..%2f..%2fcard.html',
    ]) {
      await expectProblem(await call(path), 'not_found');
    }
  });

  it('answers 405 to other methods', async () => {
    const res = await call('/elements/v1/assets/card-Fx7Q2a.js', { method: 'POST' });
    await expectProblem(res, 'method_not_allowed');
    expect(res.headers.get('Allow')).toContain('GET');
  });
});
