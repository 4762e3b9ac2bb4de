import { describe, expect, it } from 'vitest';
import { call, expectProblem } from '../../test/support/edge';

// The assets binding serves test/fixtures/assets: js/v1 holds stand-ins of what scripts/assets.mjs writes.
describe('GET /js/v1/*', () => {
  it('serves the SDK to any page: CORS for Subresource Integrity, nosniff, checked often under its plain name', async () => {
    for (const name of ['tessera.js', 'tessera-card.js']) {
      const res = await call(`/js/v1/${name}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('Content-Type')).toBe('text/javascript; charset=utf-8');
      expect(res.headers.get('Access-Control-Allow-Origin')).toBe('*');
      expect(res.headers.get('Cross-Origin-Resource-Policy')).toBe('cross-origin');
      expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
      expect(res.headers.get('Cache-Control')).toBe('public, max-age=300');
      expect(await res.text()).toContain('fixture');
    }
  });

  it('serves the hashed copies for good, and the manifest that publishes their integrity', async () => {
    const manifest = await call('/js/v1/manifest.json');
    expect(manifest.headers.get('Content-Type')).toBe('application/json; charset=utf-8');
    expect(manifest.headers.get('Access-Control-Allow-Origin')).toBe('*');
    const { files } = (await manifest.json()) as { files: Record<string, { url: string; integrity: string }> };
    for (const file of Object.values(files)) {
      const res = await call(file.url);
      expect(res.status).toBe(200);
      expect(res.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
    }
  });

  it('answers 304 to a revalidation', async () => {
    const first = await call('/js/v1/tessera.js');
    const etag = first.headers.get('ETag');
    expect(etag).not.toBeNull();
    const again = await call('/js/v1/tessera.js', { headers: { 'If-None-Match': etag ?? '' } });
    expect(again.status).toBe(304);
    expect(again.headers.get('Access-Control-Allow-Origin')).toBe('*');
  });

  it('answers 404 problems for anything else', async () => {
    for (const path of [
      '/js/v1/',
      '/js/v1/other.js',
      '/js/v1/tessera.12345.js',
      '/js/v1/tessera.js.map',
      '/js/v2/tessera.js',
      '/js/v1/..%2Ftessera.js',
      '/js/v1/tessera.0123456789abcdef.js/x',
    ]) {
      await expectProblem(await call(path), 'not_found');
    }
  });
});
