import { type Elements, IntegrationError, type Tessera } from '@tessera/js';
import { createContext, useContext } from 'react';

/** What `<TesseraElements>` provides: both `null` until the `tessera` prop has resolved. */
export interface TesseraContextValue {
  tessera: Tessera | null;
  elements: Elements | null;
}

export const TesseraContext = createContext<TesseraContextValue | null>(null);
TesseraContext.displayName = 'TesseraContext';

/** The provider's value; throws `IntegrationError` outside `<TesseraElements>` (a mistake in the calling code). */
export function useTesseraContext(caller: string): TesseraContextValue {
  const value = useContext(TesseraContext);
  if (!value) throw new IntegrationError(`${caller} must be used inside <TesseraElements>.`);
  return value;
}

/**
 * The Tessera instance of the nearest `<TesseraElements>`, or `null` while its `tessera` promise is pending.
 *
 * @example
 * const tessera = useTessera();
 * if (tessera) console.log(tessera.edgeOrigin);
 */
export function useTessera(): Tessera | null {
  return useTesseraContext('useTessera()').tessera;
}

/**
 * The elements group of the nearest `<TesseraElements>`, or `null` while its `tessera` promise is pending.
 *
 * @example
 * const elements = useTesseraElements();
 * const card = elements?.getElement('card');
 */
export function useTesseraElements(): Elements | null {
  return useTesseraContext('useTesseraElements()').elements;
}
