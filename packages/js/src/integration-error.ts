import type { IntegrationErrorCode } from '@tessera/protocol';

/**
 * Thrown for a mistake in the calling code or the merchant's setup (a malformed key, a missing mount target, a key
 * the edge does not know, a page origin the key does not allow), never for something a shopper or the network did:
 * those come back as `{ error }` values. `code` names the setups to fix (`invalid_key`, `origin_not_allowed`).
 *
 * @example
 * try {
 *   await loadTessera('pk_test_oops', { edge: 'https://edge.example' });
 * } catch (e) {
 *   if (e instanceof IntegrationError && e.code === 'origin_not_allowed') console.error('add this origin to the key');
 * }
 */
export class IntegrationError extends Error {
  override readonly name = 'IntegrationError';
  readonly code: IntegrationErrorCode | undefined;

  constructor(message: string, code?: IntegrationErrorCode) {
    super(message);
    this.code = code;
  }
}
