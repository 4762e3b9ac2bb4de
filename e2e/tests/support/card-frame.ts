import { expect, type Frame, type FrameLocator, type Page } from '@playwright/test';

/** The card element's iframe on a page, located by where it comes from. */
export function cardFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe[src*="/elements/v1/card.html"]');
}

/** The checkout's card field page itself (edge origin), once its fields have rendered. */
export async function fieldPageFrame(page: Page): Promise<Frame> {
  await page.goto('/');
  await expect(cardFrame(page).getByLabel('Card number')).toBeVisible();
  const frame = page.frames().find((f) => f.url().includes('/elements/v1/card.html'));
  if (!frame) throw new Error('the checkout has no card field page');
  return frame;
}

/** Types a card the way a shopper does: key by key, into each labelled input. */
export async function typeCard(page: Page, card: { number: string; expiry: string; cvc: string }): Promise<void> {
  const frame = cardFrame(page);
  await frame.getByLabel('Card number').pressSequentially(card.number);
  await frame.getByLabel('Expiration date').pressSequentially(card.expiry);
  await frame.getByLabel('Security code').pressSequentially(card.cvc);
}
