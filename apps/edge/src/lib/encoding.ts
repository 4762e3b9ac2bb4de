import { base64url } from 'jose';

const encoder = new TextEncoder();

export const utf8 = (text: string): Uint8Array => encoder.encode(text);

/** Strict UTF-8: invalid bytes throw instead of becoming U+FFFD. */
export const decodeUtf8 = (bytes: Uint8Array): string =>
  new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);

export const toBase64Url = (bytes: Uint8Array): string => base64url.encode(bytes);

export const fromBase64Url = (text: string): Uint8Array => base64url.decode(text);

/** Standard base64 with padding (what Standard Webhooks signatures and secrets use). */
export const toBase64 = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes));

export const toHex = (bytes: ArrayBuffer | Uint8Array): string =>
  Array.from(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join(
    '',
  );

/** Bytes of an even-length hex string (as `toHex` writes it). */
export const fromHex = (hex: string): Uint8Array =>
  Uint8Array.from(hex.match(/../g) ?? [], (byte) => Number.parseInt(byte, 16));

export const randomBytes = (length: number): Uint8Array => crypto.getRandomValues(new Uint8Array(length));

/** A random id with a type prefix, e.g. `tok_…`; base64url of `bytes` random bytes. */
export const randomId = (prefix: string, bytes: number): string => `${prefix}_${toBase64Url(randomBytes(bytes))}`;

export async function sha256Hex(data: Uint8Array | string): Promise<string> {
  const bytes = typeof data === 'string' ? utf8(data) : data;
  return toHex(await crypto.subtle.digest('SHA-256', bytes));
}
