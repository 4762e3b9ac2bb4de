import { clientError } from '@tessera/protocol';
import { describe, expect, it, vi } from 'vitest';
import { edgeLog, fakeKey } from '../../test/support/fake-edge-client';
import { Tokenizer } from './tokenizer';

const card = { number: '4242424242424242', expMonth: 12, expYear: 2034, cvc: '123' };

describe('Tokenizer', () => {
  it('answers sealing_unavailable when the browser fails to seal, and posts nothing', async () => {
    const key = fakeKey('unsealable');
    const tokenizer = new Tokenizer(key);
    // WebCrypto passes the page's check, then fails the key agreement the JWE needs.
    const deriveBits = vi
      .spyOn(crypto.subtle, 'deriveBits')
      .mockRejectedValue(new DOMException('no', 'OperationError'));
    try {
      expect(await tokenizer.createToken(card)).toEqual({ error: clientError('sealing_unavailable') });
    } finally {
      deriveBits.mockRestore();
    }
    expect((await edgeLog(key)).requests.filter((r) => r.path === '/v1/tokens')).toEqual([]);
    // The same tokenizer pays once the browser can seal.
    expect(await tokenizer.createToken(card)).toMatchObject({ token: expect.stringMatching(/^tok_/) });
  });
});
