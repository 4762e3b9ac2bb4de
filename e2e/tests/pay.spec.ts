import { cardFrame, typeCard } from './support/card-frame';
import { logMark, logOf } from './support/demo-log';
import { EDGE, MERCHANT_SERVER } from './support/origins';
import { expect, test } from './support/test';
import { receivedWebhooks, shownToken } from './support/token';

test('a card typed into the edge iframe becomes a vaulted token that the merchant page shows', async ({ page }) => {
  const creates: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url() === `${EDGE}/v1/tokens`) creates.push(r.frame().url());
  });
  await page.goto('/');
  const frame = cardFrame(page);
  await typeCard(page, { number: '4242424242424242', expiry: '1234', cvc: '123' });
  await expect(frame.getByLabel('Card number')).toHaveValue('4242 4242 4242 4242');
  await expect(frame.getByLabel('Expiration date')).toHaveValue('12 / 34');

  await page.getByRole('button', { name: 'Pay' }).click();
  const token = await shownToken(page);
  await expect(page.getByText(/Visa\s*•+\s*4242/)).toBeVisible();

  // The card went from the field page, same-origin, to the edge: never from the merchant page.
  expect(creates).toHaveLength(1);
  expect(new URL(creates[0] ?? '').origin).toBe(EDGE);

  // The token is real: the merchant's secret key reads its masked metadata; the other merchant's gets 404.
  const mine = await fetch(`${EDGE}/v1/tokens/${token}`, { headers: { authorization: 'Bearer sk_test_demo_local' } });
  expect(mine.status).toBe(200);
  const body = await mine.text();
  expect(JSON.parse(body)).toMatchObject({
    id: token,
    card: { brand: 'visa', last4: '4242', expMonth: 12, expYear: 2034 },
  });
  expect(body).not.toContain('4242424242424242');
  const theirs = await fetch(`${EDGE}/v1/tokens/${token}`, {
    headers: { authorization: 'Bearer sk_test_other_local' },
  });
  expect(theirs.status).toBe(404);
  expect(theirs.headers.get('content-type')).toContain('application/problem+json');
});

test('the edge’s token.created webhook reaches the merchant server, signed, once, and the page shows it', async ({
  page,
}) => {
  const mark = logMark();
  await page.goto('/');
  await typeCard(page, { number: '5555555555554444', expiry: '1035', cvc: '321' });
  await page.getByRole('button', { name: 'Pay' }).click();
  const token = await shownToken(page); // waits for "webhook token.created verified" on the page
  const [created] = await receivedWebhooks(token);
  expect(created).toMatchObject({ type: 'token.created', verified: true });
  const id = created?.id ?? '';
  await logOf(mark, `webhook token.created ${id} verified for ${token}`);

  // The edge's side of the same delivery: one endpoint for the demo server (a restart replaces it), and this event
  // delivered to it with a 2xx.
  const secretKey = { authorization: 'Bearer sk_test_demo_local' };
  const endpoints = await (await fetch(`${EDGE}/v1/webhook_endpoints`, { headers: secretKey })).json();
  const ours = endpoints.data.filter((e: { url: string }) => e.url === `${MERCHANT_SERVER}/webhooks`);
  expect(ours).toHaveLength(1);
  expect(ours[0]).not.toHaveProperty('secret');
  const deliveries = await (
    await fetch(`${EDGE}/v1/webhook_endpoints/${ours[0].id}/deliveries`, { headers: secretKey })
  ).json();
  expect(deliveries.data.find((d: { id: string }) => d.id === id)).toMatchObject({
    type: 'token.created',
    status: 'delivered',
    lastStatus: 200,
    attempts: 1,
  });
});
