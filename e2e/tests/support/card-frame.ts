import type { FrameLocator, Page } from '@playwright/test';

/** The card element's iframe on a page, located by where it comes from. */
export function cardFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe[src*="/elements/v1/card.html"]');
}

/** Types a card the way a shopper does: key by key, into each labelled input. */
export async function typeCard(page: Page, card: { number: string; expiry: string; cvc: string }): Promise<void> {
  const frame = cardFrame(page);
  await frame.getByLabel('Card number').pressSequentially(card.number);
  await frame.getByLabel('Expiration date').pressSequentially(card.expiry);
  await frame.getByLabel('Security code').pressSequentially(card.cvc);
}
