import { describe, expect, it } from 'vitest';
import { call, DEMO_PK, DEMO_SK, expectProblem, OTHER_PK } from '../../test/support/edge';
import { checkEdgeLogs } from '../../test/support/logs';

// The field page's URL carries a publishable key and the parent origin in its query: the access log keeps the
// route pattern only (invariant 1 covers keys in logs too).
checkEdgeLogs((line) => {
  for (const value of [DEMO_PK, DEMO_SK, OTHER_PK, 'key=', 'parent=', 'localhost']) expect(line).not.toContain(value);
});

// The assets binding serves test/fixtures/elements (see vitest.config.ts), a stand-in for the Vite build.
const page = (query: string) => call(`/elements/v1/card.html?${query}`);
const demoPage = () => page(`key=${DEMO_PK}&parent=${encodeURIComponent('http://localhost:5173')}`);

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

  it('uses a fresh nonce for every response', async () => {
    const a = cspOf(await demoPage()).get('script-src')?.[0];
    const b = cspOf(await demoPage()).get('script-src')?.[0];
    expect(a).not.toBe(b);
  });

  it('takes frame-ancestors from the key configuration, never a parent the key does not allow', async () => {
    // `other`'s key with `demo`'s origin as parent: refused, and nothing of the request lands in a header.
    const res = await page(`key=${OTHER_PK}&parent=${encodeURIComponent('http://localhost:5173')}`);
    await expectProblem(res, 'forbidden_origin', { param: 'parent' });
    expect(res.headers.get('Content-Security-Policy')).toBeNull();
    const ok = await page(`key=${OTHER_PK}&parent=${encodeURIComponent('http://localhost:5199')}`);
    expect(cspOf(ok).get('frame-ancestors')).toEqual(['http://localhost:5199']);
    // Each configured origin of the key gets a page framed by itself alone.
    const second = await page(`key=${DEMO_PK}&parent=${encodeURIComponent('http://127.0.0.1:5173')}`);
    expect(cspOf(second).get('frame-ancestors')).toEqual(['http://127.0.0.1:5173']);
  });

  it('refuses a missing or unknown key (401)', async () => {
    await expectProblem(await page('parent=http%3A%2F%2Flocalhost%3A5173'), 'unauthorized', { param: 'key' });
    await expectProblem(await page('key=pk_test_nobody&parent=http%3A%2F%2Flocalhost%3A5173'), 'unauthorized');
  });

  it('refuses a secret key in the URL (403 wrong_key_type)', async () => {
    await expectProblem(await page(`key=${DEMO_SK}&parent=http%3A%2F%2Flocalhost%3A5173`), 'wrong_key_type');
  });

  it('refuses a parent origin the key does not allow, or none (403 forbidden_origin)', async () => {
    for (const parent of ['http://localhost:5198', 'http://localhost:5173/', 'null', '*']) {
      const res = await page(`key=${DEMO_PK}&parent=${encodeURIComponent(parent)}`);
      await expectProblem(res, 'forbidden_origin', { param: 'parent' });
    }
    await expectProblem(await page(`key=${DEMO_PK}`), 'forbidden_origin');
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
