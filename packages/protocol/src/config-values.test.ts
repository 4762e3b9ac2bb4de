import { describe, expect, it } from 'vitest';
import { isHost, isOrigin } from './config-values';

describe('isOrigin()', () => {
  it.each(['https://shop.example', 'http://localhost:5177', 'https://shop.example:8443'])('takes %s', (value) => {
    expect(isOrigin(value)).toBe(true);
  });

  it.each([
    'https://shop.example/',
    'https://shop.example/pay',
    'ftp://shop.example',
    'HTTPS://shop.example',
    'shop.example',
    'https://user@shop.example',
    '',
  ])('refuses %s', (value) => {
    expect(isOrigin(value)).toBe(false);
  });
});

describe('isHost()', () => {
  it.each(['pay.example', 'pay.example:8443', '127.0.0.1:4000'])('takes %s', (value) => {
    expect(isHost(value)).toBe(true);
  });

  it.each(['https://pay.example', 'pay.example/charge', 'user@pay.example', 'PAY.example', 'pay.example?x', ''])(
    'refuses %s',
    (value) => {
      expect(isHost(value)).toBe(false);
    },
  );
});
