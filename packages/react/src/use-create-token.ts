import type { TokenizeResult } from '@tessera/js';
import { clientError } from '@tessera/protocol';
import { useCallback } from 'react';
import { useTesseraContext } from './context';
import type { TesseraElementType } from './element-types';

/**
 * Returns `createToken(type = 'card')`: tokenizes the group's element of that type with `tessera.createToken`.
 * It resolves to `{ token, card }` or `{ error }`; before Tessera has loaded or the element is mounted, to
 * `{ error: { type: 'frame_error', code: 'not_mounted' } }`.
 *
 * @example
 * const createToken = useCreateToken();
 * const result = await createToken();
 * if ('error' in result) setMessage(result.error.message);
 * else await pay(result.token);
 */
export function useCreateToken(): (type?: TesseraElementType) => Promise<TokenizeResult> {
  const { tessera, elements } = useTesseraContext('useCreateToken()');
  return useCallback(
    (type: TesseraElementType = 'card') => {
      const element = elements ? elements.getElement(type) : null;
      // The SDK's own answer for an element that is not there yet, so callers handle one error shape.
      if (!tessera || !element) return Promise.resolve({ error: clientError('not_mounted') });
      return tessera.createToken(element);
    },
    [tessera, elements],
  );
}
