import { cardFrame } from './support/card-frame';
import { merchantRealmSnapshot, recordMerchantRealm } from './support/recorder';
import { expect, test } from './support/test';
import { shownToken } from './support/token';

// The checkout's style and language menus (index.html): the card element is restyled and relocalized in place, with
// no new frame, through elements.update(); the field page fetches the locale file and names itself in the language.

const frameTitle = (page: import('@playwright/test').Page) =>
  page.locator('iframe[src*="/elements/v1/card.html"]').getAttribute('title');

test('the card speaks the language picked, right to left for Arabic, and pays in it', async ({ page }) => {
  await recordMerchantRealm(page);
  await page.goto('/');
  const card = cardFrame(page);
  await expect(card.getByLabel('Card number')).toBeVisible();
  const src = await page.locator('iframe[src*="/elements/v1/card.html"]').getAttribute('src');

  await page.getByLabel('Language').selectOption('es');
  await expect(card.getByLabel('Número de tarjeta')).toBeVisible();
  await expect.poll(() => frameTitle(page)).toBe('Marco seguro para el pago con tarjeta');
  await expect(card.locator('html')).toHaveAttribute('lang', 'es');
  // The same frame, words swapped in place: one iframe, with the channel id of its first mount.
  await expect(page.locator('iframe')).toHaveCount(1);
  expect(await page.locator('iframe[src*="/elements/v1/card.html"]').getAttribute('src')).toBe(src);
  // The address keeps the choice for a reload.
  expect(new URL(page.url()).searchParams.get('locale')).toBe('es');

  // An error in the language, from the frame, shown by the page.
  await card.getByLabel('Número de tarjeta').pressSequentially('4242424242424242');
  await card.getByLabel('Fecha de caducidad').pressSequentially('1234');
  await card.getByLabel('Código de seguridad').pressSequentially('12');
  await page.getByRole('button', { name: 'Pay' }).click();
  await expect(page.getByRole('alert')).toHaveText('El código de seguridad de la tarjeta está incompleto.');

  await page.getByLabel('Language').selectOption('ar');
  await expect(card.getByLabel('رمز الأمان')).toBeVisible();
  await expect(card.locator('html')).toHaveAttribute('dir', 'rtl');
  // Digits stay left to right, and what was typed stays typed.
  await expect(card.getByLabel('رقم البطاقة')).toHaveValue('4242 4242 4242 4242');
  await expect(card.getByLabel('رقم البطاقة')).toHaveCSS('direction', 'ltr');
  await card.getByLabel('رمز الأمان').press('End');
  await card.getByLabel('رمز الأمان').pressSequentially('3');
  await page.getByRole('button', { name: 'Pay' }).click();
  await shownToken(page);

  // The demo's options are all valid: the SDK had nothing to warn about.
  const seen = await merchantRealmSnapshot(page);
  expect(seen.filter((line) => line.startsWith('console.warn'))).toEqual([]);
});

test('the styles picked restyle the same frame: night, flat, the shop’s own', async ({ page }) => {
  await page.goto('/?look=night');
  const card = cardFrame(page);
  const box = card.locator('tessera-card-field').locator('[part="base"]');
  await expect(box).toHaveCSS('background-color', 'rgb(48, 49, 61)');
  await expect(page.locator('body')).toHaveAttribute('data-look', 'night');
  await page.getByLabel('Style').selectOption('flat');
  await expect(box).toHaveCSS('background-color', 'rgb(241, 243, 245)');
  await page.getByLabel('Style').selectOption('shop');
  await expect(box).toHaveCSS('border-top-left-radius', '10px');
  await expect(page.locator('iframe')).toHaveCount(1);
});

test('an unknown locale is a console warning naming the option, and the fields stay in English', async ({ page }) => {
  await recordMerchantRealm(page);
  await page.goto('/?locale=tlh');
  await expect(cardFrame(page).getByLabel('Card number')).toBeVisible();
  await expect
    .poll(async () => (await merchantRealmSnapshot(page)).filter((line) => line.startsWith('console.warn')))
    .toEqual([
      expect.stringMatching(/^console\.warn: Tessera: the option locale must be one of en, es, .*default applies/),
    ]);
});
