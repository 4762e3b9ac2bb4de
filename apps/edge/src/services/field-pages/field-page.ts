import { fieldPageCsp } from '@tessera/protocol';
import { toBase64Url } from '../../lib/encoding';

/** A fresh CSP nonce: 128 random bits, base64url. */
export const newNonce = (): string => toBase64Url(crypto.getRandomValues(new Uint8Array(16)));

/** Every powerful feature, denied: the fields use none (autofill and clipboard need no permission). */
export const PERMISSIONS_POLICY = [
  'accelerometer',
  'autoplay',
  'camera',
  'display-capture',
  'encrypted-media',
  'fullscreen',
  'geolocation',
  'gyroscope',
  'hid',
  'identity-credentials-get',
  'magnetometer',
  'microphone',
  'midi',
  'payment',
  'publickey-credentials-create',
  'publickey-credentials-get',
  'screen-wake-lock',
  'serial',
  'usb',
  'xr-spatial-tracking',
]
  .map((feature) => `${feature}=()`)
  .join(', ');

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
    // Card fields need none of the browser's powerful features; a script that got in could not ask for them.
    'Permissions-Policy': PERMISSIONS_POLICY,
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
