// base64url, as the field page's URL, the sealed card's JWE and the SDK write it.

/** `btoa`, which every runtime this runs in has (browsers, workerd, Node); the package's own build declares none. */
declare function btoa(data: string): string;

/** base64url without padding (RFC 4648 §5, as JOSE uses it: RFC 7515 §2). */
export function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}
