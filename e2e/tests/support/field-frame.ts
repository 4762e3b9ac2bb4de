import { expect, type Frame, type Page } from '@playwright/test';
import { EDGE } from './origins';

const FIELD_PAGE = `${EDGE}/elements/v1/card.html`;

/**
 * The page's card field frame, found among its frames by address: no selector reaches into a closed shadow root,
 * but the browser still lists every frame of the page.
 */
export async function fieldFrame(page: Page): Promise<Frame> {
  const find = () => page.frames().find((frame) => frame.url().startsWith(FIELD_PAGE));
  await expect.poll(() => find() !== undefined, { message: 'the page should frame the card field page' }).toBe(true);
  const frame = find() as Frame;
  await expect(frame.getByLabel('Card number')).toBeVisible();
  return frame;
}

/** Everything the merchant page's own frame sends and logs, for the spy (the field frame's own traffic aside). */
export function mainFrameTraffic(page: Page): string[] {
  const traffic: string[] = [];
  page.on('request', (r) => {
    if (r.frame() === page.mainFrame()) traffic.push(`${r.method()} ${r.url()} ${r.postData() ?? ''}`);
  });
  page.on('console', (m) => traffic.push(`console ${m.text()}`));
  return traffic;
}
