import { expect, test } from '@playwright/test';
import { cardFrame } from './support/card-frame';
import { EDGE, OTHER_MERCHANT_PORT, UNLISTED_PORT } from './support/origins';

// Hostile pages are served by a real loopback server (e2e/servers/hostile-server.mjs), not by request routing.
const framePage = (port: number, key: string, parent?: string) =>
  `http://localhost:${port}/frame?key=${key}${parent ? `&parent=${encodeURIComponent(parent)}` : ''}`;

test('the field page renders inside an origin its key allows (control for the refusals below)', async ({ page }) => {
  await page.goto(framePage(OTHER_MERCHANT_PORT, 'pk_test_other_local'));
  await expect(cardFrame(page).getByLabel('Card number')).toBeVisible();
});

test("a page that lies about its origin cannot frame another merchant's fields", async ({ page }) => {
  const served = page.waitForResponse((r) => r.url().startsWith(`${EDGE}/elements/v1/card.html`));
  await page.goto(framePage(OTHER_MERCHANT_PORT, 'pk_test_demo_local', 'http://localhost:5173'), { waitUntil: 'load' });
  const response = await served;
  // The edge answers, but its frame-ancestors come from the key's configuration, not from the request.
  const csp = (await response.allHeaders())['content-security-policy'] ?? '';
  expect(csp).toMatch(/frame-ancestors [^;]*http:\/\/localhost:5173/);
  expect(csp).not.toContain(`localhost:${OTHER_MERCHANT_PORT}`);
  await expect(cardFrame(page).getByLabel('Card number')).toHaveCount(0);
});

test('the edge refuses to serve fields to a parent origin the key does not allow', async ({ page }) => {
  const served = page.waitForResponse((r) => r.url().startsWith(`${EDGE}/elements/v1/card.html`));
  await page.goto(framePage(UNLISTED_PORT, 'pk_test_demo_local'), { waitUntil: 'load' });
  expect((await served).status()).toBe(403);
  await expect(cardFrame(page).getByLabel('Card number')).toHaveCount(0);
});
