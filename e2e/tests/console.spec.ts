import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from '@playwright/test';
import { EDGE } from './support/origins';
import { sealAndPostCard } from './support/seal-in-page';
import { expect, test } from './support/test';

// The operator console (apps/console) on its own origin, against the real edge: sign-in with the operator key
// kept in memory only, merchants and their keys, roll and revoke, the activity chart, KEK rotation and the
// operator trail; axe-clean throughout. Keys are rolled and revoked only on a merchant made here, so no other
// test sees a change.

const CONSOLE = 'http://localhost:5180';
const OPERATOR = 'op_test_local';

/** The operator API called from the test, as an operator's script would. */
async function admin<T>(path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${EDGE}/v1/admin${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      Authorization: `Bearer ${OPERATOR}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  expect(response.ok, `${path} answered ${response.status}`).toBe(true);
  return (await response.json()) as T;
}

type Issued = { id: string; key: string };

/** A merchant of this test's own, with a publishable and a secret key. */
async function newMerchant() {
  const id = `console-${Date.now().toString(36)}`;
  await admin(`/merchants`, { id, name: 'Console test shop', origins: ['http://localhost:5177'], forwardHosts: [] });
  const pk = await admin<Issued>(`/merchants/${id}/keys`, { type: 'publishable' });
  const sk = await admin<Issued>(`/merchants/${id}/keys`, { type: 'secret' });
  return { id, pk, sk };
}

/** One token for the merchant, made as a field page makes it: sealed, from a page on the edge's origin. */
async function tokenize(browser: Browser, pk: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${EDGE}/healthz`);
  const answer = await page.evaluate(sealAndPostCard, {
    key: pk,
    card: { number: '4242424242424242', expMonth: 12, expYear: new Date().getFullYear() + 2, cvc: '123' },
  });
  expect(answer.status).toBe(200);
  await context.close();
}

const readEvents = (sk: string, query = '') =>
  fetch(`${EDGE}/v1/events?limit=1${query}`, { headers: { Authorization: `Bearer ${sk}` } });

async function expectAxeClean(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** Nothing of the key, or anything else, in the console origin's storage or cookies. */
async function expectNothingStored(page: Page) {
  const stored = await page.evaluate(async () => ({
    local: localStorage.length,
    session: sessionStorage.length,
    databases: (await indexedDB.databases()).length,
    cookie: document.cookie,
    url: location.href,
  }));
  expect(stored).toEqual({ local: 0, session: 0, databases: 0, cookie: '', url: `${CONSOLE}/` });
  expect(await page.context().cookies()).toEqual([]);
}

async function signIn(page: Page, key = OPERATOR) {
  await page.getByLabel('Operator key').fill(key);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Every request the console page makes, and every CSP or Trusted Types complaint it logs. */
function watch(page: Page) {
  const origins = new Set<string>();
  const complaints: string[] = [];
  page.on('request', (request) => origins.add(new URL(request.url()).origin));
  page.on('console', (message) => {
    if (/Content Security Policy|Trusted Type/i.test(message.text())) complaints.push(message.text());
  });
  return { origins, complaints };
}

test('signs in with the operator key, kept in memory only, on its own origin, axe-clean', async ({ page }) => {
  const seen = watch(page);
  await page.goto(CONSOLE);
  await expect(page.getByRole('heading', { name: 'Tessera operator console' })).toBeVisible();
  await expectAxeClean(page);

  await signIn(page, 'op_test_nope');
  await expect(page.getByRole('alert').filter({ hasText: 'refused this key' })).toBeVisible();
  await signIn(page, 'sk_test_demo_local');
  await expect(page.getByRole('alert').filter({ hasText: 'only an operator key' })).toBeVisible();

  await signIn(page);
  const merchants = page.getByRole('table', { name: 'Merchants' });
  await expect(merchants.getByRole('rowheader', { name: 'demo', exact: true })).toBeVisible();
  await expect(merchants.getByRole('rowheader', { name: 'other', exact: true })).toBeVisible();
  await expectNothingStored(page);

  // KEK rotation: its progress where the edge has the route, "Not available" where it has not.
  await expect(page.getByText(/Not available|No rotation has been started|Rewrapping every merchant/)).toBeVisible();

  await page.getByRole('button', { name: 'Manage demo' }).click();
  await expect(page.getByRole('heading', { name: /Merchant demo/ })).toBeFocused();
  const keys = page.getByRole('table', { name: 'API keys of demo' });
  await expect(keys.getByRole('row')).toHaveCount(3); // the header, the configured pk_ and sk_
  await expect(keys.getByText('pk_…')).toBeVisible();
  await expect(keys.getByText('sk_…')).toBeVisible();
  await expect(page.getByRole('img', { name: /^Activity of demo over the last 24 hours: / })).toBeVisible();
  await page.getByText('The numbers, hour by hour').click();
  await expect(page.getByRole('table', { name: 'Activity of demo per hour' }).getByRole('row')).toHaveCount(25);
  await expect(page.getByRole('table', { name: 'Operator trail, newest first' })).toBeVisible();
  await expectAxeClean(page);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByLabel('Operator key')).toBeFocused();
  await expect(page.getByLabel('Operator key')).toHaveValue('');
  await expectNothingStored(page);
  // The browser only ever spoke to the console's origin, which passes /v1/admin/* on to the edge.
  expect([...seen.origins]).toEqual([CONSOLE]);
  expect(seen.complaints).toEqual([]);
});

test('rolls and revokes the keys of a merchant made for the test; its chart and the trail show it', async ({
  page,
  browser,
}) => {
  const shop = await newMerchant();
  await tokenize(browser, shop.pk.key);
  // A cursor that is none of its events: refused, and kept in its trail as `request.refused`.
  expect((await readEvents(shop.sk.key, '&after=evt_AAAAAAAAAAAAAAAAAAAAAA')).status).toBe(400);

  const seen = watch(page);
  await page.goto(CONSOLE);
  await signIn(page);
  await page.getByRole('button', { name: `Manage ${shop.id}` }).click();

  const totals = page.getByRole('list', { name: 'Totals over the window' });
  await expect(async () => {
    await page.getByRole('button', { name: 'Refresh the activity' }).click();
    await expect(totals).toContainText('Tokenizations: 1', { timeout: 1000 });
    await expect(totals).toContainText('Failures: 1', { timeout: 1000 });
  }).toPass();
  await expect(totals).toContainText('Rate limited (429): 0');

  // Roll the secret key, the old one working one more hour.
  const keys = page.getByRole('table', { name: `API keys of ${shop.id}` });
  await keys.getByRole('button', { name: `Roll ${shop.sk.id}` }).click();
  await keys.getByLabel('Old key keeps working').selectOption({ label: '1 hour' });
  await keys.getByRole('button', { name: `Roll now ${shop.sk.id}` }).click();
  const issued = page.getByRole('status').filter({ hasText: 'Shown this once' });
  await expect(issued).toBeFocused();
  const newKey = (await issued.locator('code.secret').textContent()) ?? '';
  expect(newKey).toMatch(/^sk_test_console_[0-9a-z]+_[0-9a-f]{32}$/);
  expect(newKey).not.toBe(shop.sk.key);
  await expect(issued).toContainText(`The old key ${shop.sk.id} keeps working until`);
  expect((await readEvents(newKey)).status).toBe(200);
  expect((await readEvents(shop.sk.key)).status).toBe(200);
  await expect(keys.getByRole('row')).toHaveCount(4);
  await expectAxeClean(page);
  await expectNothingStored(page);

  await issued.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByText(newKey)).toHaveCount(0);

  // Revoke the publishable key: refused from its next request on.
  await keys.getByRole('button', { name: `Revoke ${shop.pk.id}` }).click();
  await keys.getByRole('button', { name: `Revoke now ${shop.pk.id}` }).click();
  await expect(keys.getByRole('row', { name: new RegExp(shop.pk.id) })).toContainText('revoked');
  const seal = await fetch(`${EDGE}/v1/keys/seal`, { headers: { Authorization: `Bearer ${shop.pk.key}` } });
  expect(seal.status).toBe(401);

  const trail = page.getByRole('table', { name: 'Operator trail, newest first' });
  await expect(trail.getByRole('row').filter({ hasText: 'admin.key_revoked' }).first()).toBeVisible();
  await expect(trail.getByRole('row').filter({ hasText: 'admin.key_rolled' }).first()).toBeVisible();
  await expectAxeClean(page);
  expect([...seen.origins]).toEqual([CONSOLE]);
  expect(seen.complaints).toEqual([]);
});

test('raises a merchant’s vault shards from its page, never lowers them, and the edge has the new count', async ({
  page,
}) => {
  const id = `shards-${Date.now().toString(36)}`;
  await admin('/merchants', { id, name: 'Sharded shop', origins: [], forwardHosts: [], vaultShards: 2 });
  const seen = watch(page);
  await page.goto(CONSOLE);
  await signIn(page);
  await page.getByRole('button', { name: `Manage ${id}` }).click();

  const shards = page.getByRole('region', { name: 'Vault shards' });
  await expect(shards).toContainText(`The vault of ${id} is split into 2 shards.`);
  await expect(shards).toContainText('never lowered again, and raising it moves no token');
  const input = shards.getByLabel('Shards', { exact: true });
  await expect(input).toHaveValue('2');
  await expect(input).toHaveAttribute('min', '2');

  // Lower: refused on the page, the edge not asked.
  await input.fill('1');
  await shards.getByRole('button', { name: `Raise the vault shards of ${id}` }).click();
  await expect(shards.getByRole('alert')).toHaveText('A vault’s shards can only be raised: it has 2 shards.');

  // Raised behind the page's back to 4: the edge refuses 3, and the page says so in the edge's words.
  const behind = await fetch(`${EDGE}/v1/admin/merchants/${id}`, {
    method: 'PATCH',
    headers: { Authorization: `Bearer ${OPERATOR}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ vaultShards: 4 }),
  });
  expect(behind.status).toBe(200);
  await input.fill('3');
  await shards.getByRole('button', { name: `Raise the vault shards of ${id}` }).click();
  await shards.getByRole('button', { name: 'Raise now to 3 shards' }).click();
  await expect(shards.getByRole('alert')).toHaveText("A vault's shards can only be raised (it has 4).");
  // …and reads the merchant again: the page now has the edge's count.
  await expect(shards).toContainText(`The vault of ${id} is split into 4 shards.`);
  await expect(input).toHaveAttribute('min', '4');

  await input.fill('8');
  await shards.getByRole('button', { name: `Raise the vault shards of ${id}` }).click();
  await expect(shards).toContainText('From 4 shards to 8 shards? It cannot be lowered again.');
  await expect(shards.getByRole('button', { name: 'Raise now to 8 shards' })).toBeFocused();
  await expectAxeClean(page);
  await shards.getByRole('button', { name: 'Raise now to 8 shards' }).click();
  await expect(shards.getByRole('status')).toHaveText(
    'Raised to 8 shards: new tokens spread over all of them, and no token moved.',
  );
  await expect(shards).toContainText(`The vault of ${id} is split into 8 shards.`);
  await expect(input).toHaveAttribute('min', '8');
  await expect(input).toHaveValue('8');
  expect(await admin<{ vaultShards: number }>(`/merchants/${id}`)).toMatchObject({ vaultShards: 8 });

  const trail = page.getByRole('table', { name: 'Operator trail, newest first' });
  await expect(trail.getByRole('row').filter({ hasText: 'admin.merchant_updated' }).first()).toBeVisible();
  await expectAxeClean(page);
  await expectNothingStored(page);
  expect([...seen.origins]).toEqual([CONSOLE]);
  expect(seen.complaints).toEqual([]);
});
