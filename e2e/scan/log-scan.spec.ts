import { existsSync, readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { CONSOLE_LOG_FILE, LOG_FILE } from '../tests/support/origins';

// After the whole e2e run (this project depends on the browser one): every line any process wrote (the edge in
// workerd, the merchant server, the mock processor, the page server) and every browser console line of every page
// and frame, scanned for card data. Any Luhn-valid run of 12-19 digits, spaced or dashed or not, fails, and so does
// a CVC value written as one. A run must stand on its own: digits inside an identifier or a hash (the hex of
// `key_05f4809191866888`) are not a card number, and one random digit string in ten passes Luhn, so scanning them
// fails runs by chance. A number glued to letters would be missed; nothing here logs one that way.

const DIGIT_RUN = /(?<![\p{L}\p{N}_]-?)\d(?:[ -]?\d){11,18}(?!-?[\p{L}\p{N}_])/gu;
const CVC_VALUE = /\bcvc\b["']?\s*[:=]\s*["']?\d{3,4}\b/gi;

function luhn(digits: string): boolean {
  let sum = 0;
  for (const [i, d] of [...digits].reverse().entries()) {
    const n = Number(d) * (i % 2 === 1 ? 2 : 1);
    sum += n > 9 ? n - 9 : n;
  }
  return sum % 10 === 0;
}

/** `file:line: what` for each card-like value; the value itself is cut to its first six and last four. */
export function cardData(name: string, text: string): string[] {
  const found: string[] = [];
  for (const [i, line] of text.split('\n').entries()) {
    for (const match of line.matchAll(DIGIT_RUN)) {
      const digits = match[0].replace(/\D/g, '');
      if (digits.length >= 12 && luhn(digits))
        found.push(`${name}:${i + 1}: ${digits.slice(0, 6)}…${digits.slice(-4)}`);
    }
    for (const match of line.matchAll(CVC_VALUE))
      found.push(`${name}:${i + 1}: a CVC value (${match[0].length} chars)`);
  }
  return found;
}

test('no process and no browser console wrote a card number or a CVC during the run', () => {
  expect(existsSync(LOG_FILE)).toBe(true);
  const logs = readFileSync(LOG_FILE, 'utf8');
  const console = existsSync(CONSOLE_LOG_FILE) ? readFileSync(CONSOLE_LOG_FILE, 'utf8') : '';
  // A scan of an empty log proves nothing: the run must have logged its requests and payments.
  expect(logs).toContain('"message":"request"');
  expect(logs.split('\n').length).toBeGreaterThan(50);
  expect([...cardData('demo log', logs), ...cardData('browser console', console)]).toEqual([]);
});

test('the scan finds what it looks for (a planted number, spaced; a CVC value), not digits inside an id', () => {
  const planted = ['424242', '4242424242'].join('');
  expect(cardData('x', `{"n":"${planted.replace(/(\d{4})/g, '$1 ').trim()}"}`)).toHaveLength(1);
  expect(cardData('x', `card=${planted}&exp=12`)).toHaveLength(1);
  // 4809191866888 passes Luhn; here it is part of a key's hex id, as a CI run once logged it.
  expect(cardData('x', 'POST /v1/admin/merchants/m/keys/key_05f4809191866888/revoke 200 OK (21ms)')).toEqual([]);
  expect(cardData('x', `hash ${planted}${planted} ${planted}-ab`)).toEqual([]);
  expect(cardData('x', 'body {"cvc":"123"}')).toHaveLength(1);
  expect(cardData('x', '{"ms":12,"status":200,"requestId":"req_abc"}')).toEqual([]);
});
