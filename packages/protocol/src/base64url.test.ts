import { describe, expect, it } from 'vitest';
import { base64url } from './base64url';

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

describe('base64url()', () => {
  it.each([
    ['', ''],
    ['f', 'Zg'],
    ['fo', 'Zm8'],
    ['foo', 'Zm9v'],
    ['foob', 'Zm9vYg'],
    ['fooba', 'Zm9vYmE'],
    ['foobar', 'Zm9vYmFy'],
  ])('writes the RFC 4648 vector %j as %j, without padding', (text, encoded) => {
    expect(base64url(ascii(text))).toBe(encoded);
  });

  it('uses the URL alphabet: - and _ for + and /', () => {
    expect(base64url(new Uint8Array([251, 255, 191]))).toBe('-_-_');
  });
});
