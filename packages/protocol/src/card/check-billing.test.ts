import { describe, expect, it } from 'vitest';
import { isValidName, isValidPostalCode } from './check-billing';

// validate-card.test.ts checks the same rules through the edge's card check; these are the field page's view.
describe('isValidName', () => {
  it.each(['A', 'Zoë Ångström-Nakamura', '山田 太郎', 'a'.repeat(100), '🙂'.repeat(100)])('accepts %s', (name) => {
    expect(isValidName(name)).toBe(true);
  });
  it.each(['', '   ', 'a'.repeat(101), 'A\nB', 'A\tB', 'A\u2028B', 'A\uD800B'])('refuses %j', (name) => {
    expect(isValidName(name)).toBe(false);
  });
});

describe('isValidPostalCode', () => {
  it.each(['12345', '12345-6789', 'SW1A 1AA', 'K1A 0B1', ' 1', '1'.repeat(16)])('accepts %s', (code) => {
    expect(isValidPostalCode(code)).toBe(true);
  });
  it.each(['', '  ', '--', '1'.repeat(17), '1234%', 'ÖSTER 1', '12345\n'])('refuses %j', (code) => {
    expect(isValidPostalCode(code)).toBe(false);
  });
});
