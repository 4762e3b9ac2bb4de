import { describe, expect, it, vi } from 'vitest';
import { fakeKey } from '../../test/support/fake-edge-client';
import { clockOffsetOf } from './seal-keys';
import { Tokenizer } from './tokenizer';

const card = { number: '4242424242424242', expMonth: 12, expYear: 2034, cvc: '123' };

describe('the edge clock', () => {
  it('reads how far the edge is ahead from a Date header, ignoring its own rounding', () => {
    const now = Date.UTC(2026, 5, 15, 12, 0, 0, 400);
    expect(clockOffsetOf('Mon, 15 Jun 2026 12:30:00 GMT', now)).toBe(30 * 60 * 1000 - 400);
    expect(clockOffsetOf('Mon, 15 Jun 2026 11:50:00 GMT', now)).toBe(-10 * 60 * 1000 - 400);
    expect(clockOffsetOf('Mon, 15 Jun 2026 12:00:01 GMT', now)).toBe(0);
    expect(clockOffsetOf(null, now)).toBe(0);
    expect(clockOffsetOf('not a date', now)).toBe(0);
  });

  it('lets a device whose clock is half an hour off still tokenize: the card is dated by the edge', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 30 * 60 * 1000 });
    try {
      const result = await new Tokenizer(fakeKey('skewed')).createToken(card);
      expect(result).toMatchObject({ token: expect.stringMatching(/^tok_fake/) });
    } finally {
      vi.useRealTimers();
    }
  });
});
