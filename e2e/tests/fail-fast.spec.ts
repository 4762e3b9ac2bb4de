import { CLIENT_ERRORS } from '@tessera/protocol';
import { EDGE, UNLISTED_PORT } from './support/origins';
import { sdkManifest, type TesseraGlobal } from './support/sdk-manifest';
import { expect, test } from './support/test';

// A new merchant's mistakes, met as they would meet them: a page on an origin no key allows (a real loopback server,
// http://localhost:5198) loads the SDK from the edge with its integrity hash, as a page without a bundler does.
const sdkPage = (file: { url: string; integrity: string }, key?: string) =>
  `http://localhost:${UNLISTED_PORT}/sdk?file=${encodeURIComponent(file.url)}&integrity=${encodeURIComponent(file.integrity)}${key ? `&key=${key}` : ''}`;

interface Attempt {
  name?: string;
  code?: string;
  message?: string;
  ms: number;
}

test('loadTessera names a wrong key or an origin the key does not allow, well under a second', async ({ page }) => {
  const files = await sdkManifest();
  await page.goto(sdkPage(files['tessera.js']));
  await page.waitForFunction(() => 'Tessera' in window);
  const attempt = (key: string) =>
    page.evaluate(
      async ([key, edge]) => {
        const started = performance.now();
        const { loadTessera } = (window as unknown as { Tessera: TesseraGlobal }).Tessera;
        try {
          await loadTessera(key, { edge });
          return { ms: performance.now() - started };
        } catch (e) {
          const error = e as { name: string; code?: string; message: string };
          return { name: error.name, code: error.code, message: error.message, ms: performance.now() - started };
        }
      },
      [key, EDGE] as const,
    ) as Promise<Attempt>;

  const unknown = await attempt('pk_test_nobody_has_this_key');
  expect(unknown).toMatchObject({
    name: 'IntegrationError',
    code: 'invalid_key',
    message: CLIENT_ERRORS.invalid_key.message,
  });
  expect(unknown.ms).toBeLessThan(1000);
  const foreign = await attempt('pk_test_demo_local');
  expect(foreign).toMatchObject({
    name: 'IntegrationError',
    code: 'origin_not_allowed',
    message: CLIENT_ERRORS.origin_not_allowed.message,
  });
  expect(foreign.ms).toBeLessThan(1000);
  // Nothing was mounted: the page has no frame.
  expect(page.frames()).toHaveLength(1);
});

test('<tessera-card> on an origin its key does not allow says why at once and holds its form back', async ({
  page,
}) => {
  const files = await sdkManifest();
  const started = Date.now();
  await page.goto(sdkPage(files['tessera-card.js'], 'pk_test_demo_local'));
  const card = page.locator('tessera-card');
  await expect
    .poll(() => card.evaluate((el: HTMLElement & { validationMessage: string }) => el.validationMessage))
    .toBe(CLIENT_ERRORS.origin_not_allowed.message);
  expect(Date.now() - started).toBeLessThan(5000);
  expect(await page.locator('form').evaluate((form: HTMLFormElement) => form.checkValidity())).toBe(false);
  expect(page.frames()).toHaveLength(1);
});

test('a field page that cannot serve answers a short page in the shopper’s language, never JSON', async ({
  browser,
}) => {
  const context = await browser.newContext({ locale: 'de-DE' });
  const page = await context.newPage();
  const response = await page.goto(
    `${EDGE}/elements/v1/card.html?key=pk_test_nobody_has_this_key&parent=${encodeURIComponent('http://localhost:5173')}`,
  );
  expect(response?.status()).toBe(401);
  const headers = (await response?.allHeaders()) ?? {};
  expect(headers['content-type']).toBe('text/html; charset=utf-8');
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  await expect(page.getByRole('heading', { name: 'Kartenzahlung ist nicht verfügbar' })).toBeVisible();
  await expect(page.getByText('Code: invalid_key')).toBeVisible();
  const text = (await page.locator('body').textContent()) ?? '';
  expect(text).not.toContain('{');
  expect(text).not.toContain('pk_test');
  await context.close();
});
