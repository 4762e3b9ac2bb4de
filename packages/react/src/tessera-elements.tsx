import type { ElementsOptions, Tessera } from '@tessera/js';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { TesseraContext, type TesseraContextValue } from './context';
import { sameOptions } from './same-options';

export interface TesseraElementsProps {
  /** The instance, or the promise `loadTessera()` returns, or `null` until you call it. Set it once. */
  tessera: Promise<Tessera> | Tessera | null;
  /**
   * Options of the elements group (`appearance`, `locale`, `strings`, `style`) for every element; a change is sent
   * with `elements.update()`, with no remount.
   */
  options?: ElementsOptions;
  children?: ReactNode;
}

const LOADING: TesseraContextValue = { tessera: null, elements: null };

const isPromise = (value: unknown): value is Promise<Tessera> =>
  typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';

const withElements = (tessera: Tessera, options: ElementsOptions | undefined): TesseraContextValue => ({
  tessera,
  elements: tessera.elements(options),
});

/**
 * Provides a Tessera instance and one elements group to the components and hooks below it. Children render at
 * once; element components mount their frames when the `tessera` promise has resolved.
 *
 * @example
 * const tesseraPromise = loadTessera('pk_test_demo_local', { edge: 'http://127.0.0.1:8787' });
 * <TesseraElements tessera={tesseraPromise}>
 *   <CardElement onChange={(e) => setComplete(e.complete)} />
 * </TesseraElements>
 */
export function TesseraElements({ tessera, options, children }: TesseraElementsProps): ReactNode {
  // Creating a group has no side effects (frames belong to elements), so a StrictMode double call costs nothing.
  const [value, setValue] = useState<TesseraContextValue>(() =>
    tessera && !isPromise(tessera) ? withElements(tessera, options) : LOADING,
  );
  const optionsRef = useRef(options);
  const first = useRef(tessera);

  useEffect(() => {
    optionsRef.current = options;
  });

  useEffect(() => {
    if (tessera === null) return;
    if (first.current !== null && first.current !== tessera) {
      // Elements belong to their group: swapping the instance would orphan every mounted frame.
      console.warn('<TesseraElements>: the tessera prop cannot change once set; the first one is kept.');
      return;
    }
    first.current = tessera;
    let live = true;
    void Promise.resolve(tessera).then((resolved) => {
      if (live) setValue((current) => (current.tessera ? current : withElements(resolved, optionsRef.current)));
    });
    return () => {
      live = false;
    };
  }, [tessera]);

  // New group options restyle or relocalize every element in place; the first ones made the group.
  const sent = useRef(options);
  useEffect(() => {
    const { elements } = value;
    if (!elements || sameOptions(options ?? {}, sent.current ?? {})) return;
    sent.current = options;
    elements.update(options ?? {});
  }, [value, options]);

  // `.Provider` rather than React 19's `<Context value>`, so React 18 works too.
  return <TesseraContext.Provider value={value}>{children}</TesseraContext.Provider>;
}
