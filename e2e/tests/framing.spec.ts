import type { Frame, Page } from '@playwright/test';
import { cardFrame } from './support/card-frame';
import { EDGE, OTHER_MERCHANT_PORT, UNLISTED_PORT } from './support/origins';
import { expect, test } from './support/test';

// Hostile pages are served by a real loopback server (e2e/servers/hostile-server.mjs), not by request routing.
const framePage = (port: number, key: string, parent?: string) =>
  `http://localhost:${port}/frame?key=${key}${parent ? `&parent=${encodeURIComponent(parent)}` : ''}`;
const FIELD_PAGE = `${EDGE}/elements/v1/card.html`;
// What Chromium writes to the console when frame-ancestors refuses a frame.
const FRAMING_REFUSED = /^Framing '[^']*' violates the following Content Security Policy directive: "frame-ancestors /;

/**
 * Opens a hostile page and returns its one iframe's frame once the page, and so that iframe, has loaded: whatever
 * the frame shows by then is what the edge and the browser let it show, not a frame that has not rendered yet.
 */
async function openFramingPage(page: Page, url: string): Promise<{ frame: Frame; console: string[] }> {
  const console: string[] = [];
  page.on('console', (message) => console.push(message.text()));
  await page.goto(url, { waitUntil: 'load' });
  const children = page.mainFrame().childFrames();
  expect(children).toHaveLength(1);
  return { frame: children[0] as Frame, console };
}

test('the field page renders inside an origin its key allows (control for the refusals below)', async ({ page }) => {
  const { frame, console } = await openFramingPage(page, framePage(OTHER_MERCHANT_PORT, 'pk_test_other_local'));
  expect(frame.url().startsWith(FIELD_PAGE)).toBe(true);
  await expect(frame.getByLabel('Card number')).toBeVisible();
  await expect(cardFrame(page).getByLabel('Card number')).toBeVisible();
  expect(console.filter((line) => FRAMING_REFUSED.test(line))).toEqual([]);
});

test("a page that lies about its origin cannot frame another merchant's fields", async ({ page }) => {
  const served = page.waitForResponse((r) => r.url().startsWith(FIELD_PAGE));
  const { frame, console } = await openFramingPage(
    page,
    framePage(OTHER_MERCHANT_PORT, 'pk_test_demo_local', 'http://localhost:5173'),
  );
  const response = await served;
  // The edge answers (the named parent is one the key allows), but frame-ancestors name only origins the key
  // allows, never the page that really frames it.
  expect(response.status()).toBe(200);
  const csp = (await response.allHeaders())['content-security-policy'] ?? '';
  expect(csp).toMatch(/frame-ancestors [^;]*http:\/\/localhost:5173/);
  expect(csp).not.toContain(`localhost:${OTHER_MERCHANT_PORT}`);
  // The browser refused the frame: it says so, and the iframe loaded its error page instead of the field page.
  await expect.poll(() => console.filter((line) => FRAMING_REFUSED.test(line))).toHaveLength(1);
  // The frame's URL turns to the error page a moment after the console says so.
  await expect.poll(() => frame.url()).toMatch(/^chrome-error:\/\//);
  expect(await frame.locator('tessera-card-field, input').count()).toBe(0);
});

test('the edge refuses to serve fields to a parent origin the key does not allow', async ({ page }) => {
  const served = page.waitForResponse((r) => r.url().startsWith(FIELD_PAGE));
  const { frame, console } = await openFramingPage(page, framePage(UNLISTED_PORT, 'pk_test_demo_local'));
  const response = await served;
  expect(response.status()).toBe(403);
  // The edge answered its short human page, never JSON, and framed nowhere: the refused page cannot show even that
  // inside the page that asked. The browser says so, and the iframe holds its own error page.
  const headers = await response.allHeaders();
  expect(headers['content-type']).toBe('text/html; charset=utf-8');
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  // The frame navigated away from it, so the page is read again from here.
  expect(await (await fetch(response.url())).text()).toContain('origin_not_allowed');
  await expect.poll(() => console.filter((line) => FRAMING_REFUSED.test(line))).toHaveLength(1);
  // The frame's URL turns to the error page a moment after the console says so.
  await expect.poll(() => frame.url()).toMatch(/^chrome-error:\/\//);
  expect(await frame.locator('tessera-card-field, input').count()).toBe(0);
});
