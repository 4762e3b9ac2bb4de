import { fieldFrame } from './support/field-frame';
import { EDGE, OTHER_MERCHANT_PORT } from './support/origins';
import { sdkManifest, type TesseraGlobal } from './support/sdk-manifest';
import { expect, test } from './support/test';

// The SDK from the edge, like js.stripe.com: a page without a bundler (the `other` merchant's origin,
// http://localhost:5199, a real loopback server) loads the hashed file the manifest names, with its SRI hash.
const sdkPage = (file: { url: string; integrity: string }, key?: string) =>
  `http://localhost:${OTHER_MERCHANT_PORT}/sdk?file=${encodeURIComponent(file.url)}&integrity=${encodeURIComponent(file.integrity)}${key ? `&key=${key}` : ''}`;

test('the edge serves the SDK at /js/v1 with its hashed, immutable copy and SRI hash in the manifest', async () => {
  const files = await sdkManifest();
  for (const [name, file] of Object.entries(files)) {
    const current = await fetch(`${EDGE}/js/v1/${name}`);
    const hashed = await fetch(`${EDGE}${file.url}`);
    expect(hashed.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(hashed.headers.get('access-control-allow-origin')).toBe('*');
    const bytes = new Uint8Array(await hashed.arrayBuffer());
    expect(new Uint8Array(await current.arrayBuffer())).toEqual(bytes);
    const digest = Buffer.from(await crypto.subtle.digest('SHA-384', bytes)).toString('base64');
    expect(file.integrity).toBe(`sha384-${digest}`);
  }
});

test('a page loads the SDK with integrity and mounts the fields; a wrong hash keeps the script out', async ({
  page,
}) => {
  const files = await sdkManifest();
  await page.goto(sdkPage(files['tessera.js']));
  await page.evaluate(
    async ([edge]) => {
      const { loadTessera } = (window as unknown as { Tessera: TesseraGlobal }).Tessera;
      const tessera = await loadTessera('pk_test_other_local', { edge });
      tessera.elements().create('card').mount('#card');
    },
    [EDGE] as const,
  );
  await fieldFrame(page);

  const blocked: string[] = [];
  page.on('console', (message) => blocked.push(message.text()));
  const tampered = { ...files['tessera.js'], integrity: `sha384-${'A'.repeat(64)}` };
  await page.goto(sdkPage(tampered));
  expect(await page.evaluate(() => 'Tessera' in window)).toBe(false);
  expect(blocked.some((line) => /integrity/i.test(line))).toBe(true);
});

test('<tessera-card> from the edge’s script puts a token, and only a token, in its form', async ({ page }) => {
  const files = await sdkManifest();
  await page.goto(sdkPage(files['tessera-card.js'], 'pk_test_other_local'));
  const frame = await fieldFrame(page);
  await frame.getByLabel('Card number').pressSequentially('4242424242424242');
  await frame.getByLabel('Expiration date').pressSequentially('1234');
  await frame.getByLabel('Security code').pressSequentially('123');
  // The form has no action: the browser submits it to this page's address, with the token as its one field.
  const submitted = page.waitForRequest((request) => new URL(request.url()).searchParams.has('tessera_token'));
  await page.getByRole('button', { name: 'Pay' }).click();
  const url = new URL((await submitted).url());
  expect([...url.searchParams.keys()]).toEqual(['tessera_token']);
  expect(url.searchParams.get('tessera_token')).toMatch(/^tok_[\w-]+$/);
});
