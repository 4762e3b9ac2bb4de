/**
 * Thrown for a mistake in the calling code (a malformed key, a missing mount target, an unknown event name),
 * never for something a shopper or the network did: those come back as `{ error }` values.
 *
 * @example
 * try {
 *   loadTessera('sk_test_oops', { edge: 'https://edge.example' });
 * } catch (e) {
 *   if (e instanceof IntegrationError) console.error(e.message); // fix the code, do not retry
 * }
 */
export class IntegrationError extends Error {
  override readonly name = 'IntegrationError';
}
