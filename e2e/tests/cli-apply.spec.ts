import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { cardFrame, typeCard } from './support/card-frame';
import { EDGE } from './support/origins';
import { expect, test } from './support/test';

// The operator CLI's Done-when: `pnpm tessera apply` creates a third merchant on a new origin; a page on that origin
// pays with the merchant's new publishable key; its new secret key reads the token, and the other merchants' cannot.
// The CLI runs as an operator runs it, from the repository root, against the demo's edge and its local operator key.

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const THIRD_PORT = 5177;
const THIRD_ORIGIN = `http://localhost:${THIRD_PORT}`;

const run = promisify(execFile);

/** `pnpm -s tessera <args> --json` (-s: without pnpm's banner on stdout), parsed. */
async function tessera<T = Record<string, unknown>>(...args: string[]): Promise<T> {
  const { stdout } = await run('pnpm', ['-s', 'tessera', ...args, '--json'], {
    cwd: ROOT,
    env: { ...process.env, TESSERA_EDGE: EDGE },
  });
  return JSON.parse(stdout) as T;
}

let checkout: ChildProcess | undefined;

test.beforeAll(async () => {
  // The third merchant's own checkout page: a real loopback server on its new origin.
  checkout = spawn(
    process.execPath,
    [fileURLToPath(new URL('../servers/checkout-server.mjs', import.meta.url)), `${THIRD_PORT}`],
    {
      stdio: 'ignore',
      env: { ...process.env, TESSERA_EDGE: EDGE },
    },
  );
  await expect.poll(async () => (await fetch(`${THIRD_ORIGIN}/healthz`).catch(() => null))?.status).toBe(200);
});

test.afterAll(() => {
  checkout?.kill();
});

test('pnpm tessera apply creates a merchant whose new keys pay on its new origin, and only its key reads the token', async ({
  page,
}) => {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-e2e-cli-'));
  const file = join(dir, 'tessera.config.json');
  writeFileSync(
    file,
    JSON.stringify({
      merchants: [{ id: 'third', name: 'Third shop', origins: [THIRD_ORIGIN], forwardHosts: [] }],
    }),
  );

  const applied = await tessera<{ changes: { kind: string; action: string; id: string }[]; applied: boolean }>(
    'apply',
    file,
    '--yes',
  );
  expect(applied.applied).toBe(true);
  expect(applied.changes.map((c) => [c.kind, c.action, c.id])).toEqual([['merchant', 'create', 'third']]);
  // Applying the same file again changes nothing.
  expect(await tessera('apply', file, '--yes')).toEqual({ changes: [], applied: false });

  const pk = (await tessera<{ key: string }>('keys', 'issue', 'third', '--type', 'publishable')).key;
  const sk = (await tessera<{ key: string }>('keys', 'issue', 'third', '--type', 'secret')).key;
  expect(pk).toMatch(/^pk_test_third_\w+$/);
  expect(sk).toMatch(/^sk_test_third_\w+$/);

  // The shopper pays on the third merchant's page; the card goes from the edge's frame to the edge.
  await page.goto(`${THIRD_ORIGIN}/?key=${pk}`);
  await typeCard(page, { number: '4242424242424242', expiry: '1234', cvc: '123' });
  await expect(cardFrame(page).getByLabel('Card number')).toHaveValue('4242 4242 4242 4242');
  await page.getByRole('button', { name: 'Pay' }).click();
  const shown = page.locator('#result');
  await expect(shown).toHaveText(/^tok_[\w-]+ visa •••• 4242$/);
  const token = ((await shown.textContent()) ?? '').split(' ')[0] ?? '';

  const read = (key: string) => fetch(`${EDGE}/v1/tokens/${token}`, { headers: { authorization: `Bearer ${key}` } });
  const mine = await read(sk);
  expect(mine.status).toBe(200);
  expect(await mine.json()).toMatchObject({
    id: token,
    card: { brand: 'visa', last4: '4242', expMonth: 12, expYear: 2034 },
  });
  for (const other of [
    process.env.TESSERA_DEMO_SK || 'sk_test_demo_local',
    process.env.TESSERA_OTHER_SK || 'sk_test_other_local',
  ]) {
    const theirs = await read(other);
    expect(theirs.status).toBe(404);
    expect(await theirs.json()).toMatchObject({ code: 'not_found' });
  }

  // The operator console lists it, beside the configured merchants.
  await page.goto('http://localhost:5180/');
  await page.getByLabel('Operator key').fill(process.env.TESSERA_OPERATOR_KEY || 'op_test_local');
  await page.getByRole('button', { name: 'Sign in' }).click();
  const merchants = page.getByRole('table', { name: 'Merchants' });
  await expect(merchants.getByRole('rowheader', { name: 'third', exact: true })).toBeVisible();
  await expect(merchants.getByRole('rowheader', { name: 'demo', exact: true })).toBeVisible();
});
