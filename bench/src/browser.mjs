// Chromium for the browser benchmarks, launched as every test here launches it (scripts/chromium.mjs), names
// resolving to loopback only (garbage collection goes through CDP, so no extra flags).
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath, loopbackOnlyArg } from '../../scripts/chromium.mjs';

export function launch() {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [...chromiumArgs, loopbackOnlyArg],
  });
}

/** A fresh page on the bench merchant page, once its script has loaded the SDK. @param {import('playwright-core').Browser} browser @param {string} url */
export async function openMerchantPage(browser, url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  // Errors of the page and its frames, to explain a series that fails (e.g. a field page that does not load).
  const problems = [];
  const note = (text) => problems.length < 20 && problems.push(text.slice(0, 200));
  page.on('console', (m) => m.type() === 'error' && note(`console: ${m.text()}`));
  page.on('pageerror', (e) => note(`pageerror: ${e.message}`));
  page.on('response', (r) => r.status() >= 400 && note(`HTTP ${r.status()} ${new URL(r.url()).pathname}`));
  await page.goto(url);
  await page.waitForFunction(() => window.benchReady === true, null, { timeout: 15000 });
  return { context, page, problems };
}

/** @param {number[]} xs @param {number} q */
export function quantile(xs, q) {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  return Number(s[Math.min(s.length - 1, Math.floor(q * s.length))].toFixed(1));
}
