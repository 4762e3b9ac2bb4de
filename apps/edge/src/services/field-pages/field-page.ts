import { fieldPageCsp } from '@tessera/protocol';
import { toBase64Url } from '../../lib/encoding';

/** A fresh CSP nonce: 128 random bits, base64url. */
export const newNonce = (): string => toBase64Url(crypto.getRandomValues(new Uint8Array(16)));

/** Headers of every field page response. */
export function fieldPageHeaders(nonce: string, frameAncestors: readonly string[]): Headers {
  return new Headers({
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': fieldPageCsp({ nonce, frameAncestors }),
    'X-Content-Type-Options': 'nosniff',
    // The page's URL holds the publishable key and the parent origin; no request from it needs to tell anyone.
    'Referrer-Policy': 'no-referrer',
    // The nonce is per response: a cached copy would replay it.
    'Cache-Control': 'no-store',
  });
}

/** Adds the nonce to every script, style and stylesheet or module-preload link of an HTML response. */
export function addNonces(html: Response, nonce: string): Response {
  const setNonce = {
    element(element: Element) {
      element.setAttribute('nonce', nonce);
    },
  };
  return new HTMLRewriter()
    .on('script', setNonce)
    .on('style', setNonce)
    .on('link[rel~="stylesheet"]', setNonce)
    .on('link[rel~="modulepreload"]', setNonce)
    .transform(html);
}
