/**
 * A 128-bit random id in hex: channel ids and request ids. `getRandomValues` (unlike `randomUUID`) works on
 * pages that are not a secure context, such as a merchant's http page on a LAN address in development.
 */
export function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let out = '';
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0');
  return out;
}
