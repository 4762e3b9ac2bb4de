import { toBase64Url } from '../encoding';

/** A fresh CSP nonce: 128 random bits, base64url. */
export const newNonce = (): string => toBase64Url(crypto.getRandomValues(new Uint8Array(16)));

/**
 * The field page's Content-Security-Policy. Scripts run only by nonce (and what they load, `strict-dynamic`),
 * the page talks only to the edge, and it may be framed only by the key's configured origins: these come from
 * the edge's configuration, never from the request, so a page cannot claim to be allowed.
 */
export function fieldPageCsp(nonce: string, frameAncestors: readonly string[]): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}' 'strict-dynamic'`,
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    // An empty list would allow any ancestor; 'none' keeps a merchant without origins unframeable.
    `frame-ancestors ${frameAncestors.length > 0 ? frameAncestors.join(' ') : "'none'"}`,
  ].join('; ');
}

/** Headers of every field page response. */
export function fieldPageHeaders(nonce: string, frameAncestors: readonly string[]): Headers {
  return new Headers({
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': fieldPageCsp(nonce, frameAncestors),
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
