import { EDGE } from './support/origins';
import { expect, test } from './support/test';

// The SDK sizes a field's iframe before the field page reports its height. For a one-row field in the default
// appearance (every split field, a combined card wide enough for one row) the two agree, so the frame is laid out at
// its height once: no resize after ready, no layout shift on the merchant page.

test('split fields in the default appearance keep the height their frames were given', async ({ page }) => {
  // Each field page notes its viewport's heights from its first script on (init scripts run in every frame).
  await page.addInitScript(() => {
    if (!location.pathname.endsWith('/elements/v1/card.html')) return;
    const heights: number[] = [];
    Object.assign(window, { __heights: heights });
    const note = () => {
      if (innerHeight > 0 && heights.at(-1) !== innerHeight) heights.push(innerHeight);
    };
    // Every rendering update for two seconds: a resize event is not sent for a frame's first size.
    const until = performance.now() + 2000;
    const watch = () => {
      note();
      if (performance.now() < until) requestAnimationFrame(watch);
    };
    watch();
    addEventListener('resize', note);
  });
  await page.goto('/split.html?look=default');
  const frames = () => page.frames().filter((f) => f.url().startsWith(`${EDGE}/elements/v1/card.html`));
  await expect.poll(() => frames().length).toBe(3);
  for (const frame of frames()) await expect(frame.locator('input')).toBeVisible();
  // Past each field's first rendering updates and the page's answer to its height report.
  await page.waitForTimeout(1000);

  for (const frame of frames()) {
    const content = await frame.evaluate(() => document.documentElement.getBoundingClientRect().height);
    const heights = await frame.evaluate(() => (window as unknown as { __heights: number[] }).__heights);
    expect(heights).toEqual([content]);
  }
});
