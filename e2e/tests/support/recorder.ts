import type { Page } from '@playwright/test';
import { MERCHANT } from './origins';

/**
 * Records everything the merchant page's own JavaScript realm can see: every message event, every fetch,
 * XHR and beacon body, every console line. Runs as an init script in every frame but records only in
 * frames of the merchant origin, so the field page itself (edge origin) is not watched.
 */
function installRecorder(merchantOrigin: string): void {
  if (location.origin !== merchantOrigin) return;
  const seen: string[] = [];
  Object.defineProperty(window, '__tesseraSeen', { value: seen });
  const note = (kind: string, value: unknown) => {
    let text: string;
    try {
      text = typeof value === 'string' ? value : JSON.stringify(value);
    } catch {
      text = String(value);
    }
    seen.push(`${kind}: ${text}`);
  };
  window.addEventListener('message', (e) => note('message', e.data), true);
  const fetch0 = window.fetch.bind(window);
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    note('fetch', `${String(input instanceof Request ? input.url : input)} ${String(init?.body ?? '')}`);
    return fetch0(input, init);
  };
  const send0 = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.send = function send(body?: Document | XMLHttpRequestBodyInit | null) {
    note('xhr', String(body ?? ''));
    return send0.call(this, body);
  };
  const beacon0 = navigator.sendBeacon?.bind(navigator);
  if (beacon0) {
    navigator.sendBeacon = (url, data) => {
      note('beacon', `${String(url)} ${String(data ?? '')}`);
      return beacon0(url, data);
    };
  }
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    const original = console[level].bind(console);
    console[level] = (...args: unknown[]) => {
      note(`console.${level}`, args.map(String).join(' '));
      original(...args);
    };
  }
}

export async function recordMerchantRealm(page: Page): Promise<void> {
  await page.addInitScript(installRecorder, MERCHANT);
}

/** What the merchant realm saw, plus its DOM text, markup and input values at the time of the call. */
export async function merchantRealmSnapshot(page: Page): Promise<string[]> {
  return page.mainFrame().evaluate(() => {
    const seen = [...((window as unknown as { __tesseraSeen?: string[] }).__tesseraSeen ?? [])];
    // biome-ignore lint/performance/useDomNodeTextContent: what a shopper (and a script reading the page) sees
    seen.push(`dom-text: ${document.body.innerText}`);
    seen.push(`dom-html: ${document.documentElement.outerHTML}`);
    for (const input of document.querySelectorAll('input, textarea')) {
      seen.push(`input-value: ${(input as HTMLInputElement).value}`);
    }
    seen.push(`storage: ${JSON.stringify({ ...localStorage })} ${JSON.stringify({ ...sessionStorage })}`);
    seen.push(`cookie: ${document.cookie}`);
    return seen;
  });
}

/**
 * Every way a card number or security code could be written in text the merchant realm holds. A code is a number of
 * its own: not inside a longer number or a decimal (`123.45 kB`, a build's size in the demo's log), not inside a
 * word or a hash (`sha384`), and not a measure (`123ms`, `123KB`), which a letter right after it makes. A 3-digit
 * code can still equal a number a log prints on its own (`"ms":123`): tests that scan whole logs are surer with a
 * 4-digit code.
 */
export function cardSecrets(number: string, cvc: string): RegExp[] {
  const spaced = number.replace(/(\d{4})(?=\d)/g, '$1 ');
  const digitsWithSeparators = number.split('').join('[\\s-]?');
  return [
    new RegExp(digitsWithSeparators),
    new RegExp(spaced),
    new RegExp(`(?<![\\d\\p{L}.])${cvc}(?![\\d\\p{L}]|\\.\\d)`, 'u'),
  ];
}

/** The lines (cut to 80 characters) that hold any of `secrets`. */
export function findLeaks(lines: readonly string[], secrets: readonly RegExp[]): string[] {
  return lines.filter((line) => secrets.some((s) => s.test(line))).map((line) => line.slice(0, 80));
}
