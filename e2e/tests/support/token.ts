import { expect, type Locator, type Page } from '@playwright/test';
import { MERCHANT_SERVER } from './origins';

/** An event as the merchant server lists it. */
export interface ReceivedWebhook {
  id: string;
  type: string;
  created: number;
  verified: boolean;
}

/** The line the checkout page shows once the merchant server has received and verified a webhook of `type`. */
export function shownWebhook(page: Page, type: string): Locator {
  return page.getByText(`webhook ${type} verified`, { exact: true });
}

/** The webhooks the merchant server received and verified for `token` (its `GET /api/webhooks?token=`). */
export async function receivedWebhooks(token: string): Promise<ReceivedWebhook[]> {
  const response = await fetch(`${MERCHANT_SERVER}/api/webhooks?token=${token}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { data: ReceivedWebhook[] }).data;
}

/**
 * Waits for the token the checkout page shows after a payment, and returns its id. Every payment is also a real
 * webhook delivery: the page must show "webhook token.created verified", which it reads from the merchant server,
 * and the server must hold that event, verified, for this very token.
 */
export async function shownToken(page: Page): Promise<string> {
  const shown = page.getByText(/tok_[\w-]{16,}/);
  await expect(shown).toBeVisible();
  const token = ((await shown.textContent()) ?? '').match(/tok_[\w-]+/)?.[0];
  expect(token, 'the page shows a token id').toBeDefined();
  await expect(shownWebhook(page, 'token.created')).toBeVisible();
  const received = await receivedWebhooks(token ?? '');
  expect(received.filter((event) => event.type === 'token.created')).toEqual([
    { id: expect.stringMatching(/^evt_/), type: 'token.created', created: expect.any(Number), verified: true },
  ]);
  return token ?? '';
}
