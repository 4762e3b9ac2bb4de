import type {
  CardElementChangeEvent,
  CardElementEscapeEvent,
  CardElementFocusEvent,
  CardElementLoadErrorEvent,
  CardElementOptions,
} from '@tessera/js';
import { type ReactNode, useEffect, useLayoutEffect, useRef } from 'react';
import { useTesseraContext } from './context';
import type { TesseraElementHandle, TesseraElementType } from './element-types';
import { sameOptions } from './same-options';

// React 18 warns about layout effects during server rendering; there, where nothing mounts, a passive effect does.
const useIsomorphicLayoutEffect = typeof document === 'undefined' ? useEffect : useLayoutEffect;

/** Props of every element component. Handlers receive field state only: never card digits. */
export interface ElementProps {
  /**
   * Element options (`appearance`, `locale`, `strings`, `fields`, `style`, `disabled`, `hideIcon`, `showErrors`); a
   * change is sent with `element.update()`, with no remount.
   */
  options?: CardElementOptions;
  /** The frame is ready; receives the element (for `focus()`, `clear()`, …). */
  onReady?: (element: TesseraElementHandle) => void;
  /** `{ elementType, empty, complete, valid, brand, error? }`. */
  onChange?: (event: CardElementChangeEvent) => void;
  onFocus?: (event: CardElementFocusEvent) => void;
  onBlur?: (event: CardElementFocusEvent) => void;
  /** The frame did not become ready in time (`error.code` is `frame_timeout`). */
  onLoadError?: (event: CardElementLoadErrorEvent) => void;
  /** The shopper pressed Escape in one of the element's inputs. */
  onEscape?: (event: CardElementEscapeEvent) => void;
  /** Class and id of the `<div>` the frame is mounted into. */
  className?: string;
  id?: string;
}

export interface TesseraElementProps extends ElementProps {
  /** Which element to create; changing it replaces the element. */
  type: TesseraElementType;
}

/**
 * Mounts one Tessera element into a `<div>` once the nearest `<TesseraElements>` has its group, and destroys it on
 * unmount. New `options` are sent with `element.update()`; new handlers take effect without remounting.
 *
 * @example
 * <TesseraElement type="cardNumber" onChange={(e) => setNumberDone(e.complete)} />
 */
export function TesseraElement(props: TesseraElementProps): ReactNode {
  const { type, options, className, id } = props;
  const { elements } = useTesseraContext(`<TesseraElement type="${type}">`);
  const host = useRef<HTMLDivElement>(null);
  const latest = useRef(props);
  const element = useRef<TesseraElementHandle | null>(null);
  const sent = useRef<CardElementOptions>({});

  // Declared first, so the effects below always see this commit's props.
  useIsomorphicLayoutEffect(() => {
    latest.current = props;
  });

  // A layout effect, so the element exists (and `elements.getElement()` finds it) before any passive effect runs.
  useIsomorphicLayoutEffect(() => {
    const target = host.current;
    if (!elements || !target) return;
    const initial = latest.current.options ?? {};
    const created = elements.create(type, initial);
    // Handlers read the latest props when an event comes: a new callback is used without touching the element,
    // and none is missed, because they are attached before the frame exists.
    created.on('ready', () => latest.current.onReady?.(created));
    created.on('change', (event) => latest.current.onChange?.(event));
    created.on('focus', (event) => latest.current.onFocus?.(event));
    created.on('blur', (event) => latest.current.onBlur?.(event));
    created.on('loaderror', (event) => latest.current.onLoadError?.(event));
    created.on('escape', (event) => latest.current.onEscape?.(event));
    created.mount(target);
    element.current = created;
    sent.current = initial;
    return () => {
      element.current = null;
      // Removes the iframe and its message listener and frees the group's slot (StrictMode then creates anew).
      created.destroy();
    };
  }, [elements, type]);

  useIsomorphicLayoutEffect(() => {
    const current = element.current;
    if (!current || !options || sameOptions(options, sent.current)) return;
    sent.current = options;
    current.update(options);
  }, [options]);

  return <div ref={host} className={className} id={id} />;
}

/**
 * The card element: number, expiry and CVC in one frame.
 *
 * @example
 * <CardElement options={{ style: { base: { fontSize: '16px' } } }} onChange={(e) => setComplete(e.complete)} />
 */
export function CardElement(props: ElementProps): ReactNode {
  return <TesseraElement {...props} type="card" />;
}

/** The card number alone (split fields). */
export function CardNumberElement(props: ElementProps): ReactNode {
  return <TesseraElement {...props} type="cardNumber" />;
}

/** The expiration date alone (split fields). */
export function CardExpiryElement(props: ElementProps): ReactNode {
  return <TesseraElement {...props} type="cardExpiry" />;
}

/** The security code alone (split fields). */
export function CardCvcElement(props: ElementProps): ReactNode {
  return <TesseraElement {...props} type="cardCvc" />;
}

/** The name on the card alone (split fields; sealed with the card, checked by the edge). */
export function CardholderNameElement(props: ElementProps): ReactNode {
  return <TesseraElement {...props} type="cardholderName" />;
}

/** The postal code alone (split fields; sealed with the card, checked by the edge). */
export function PostalCodeElement(props: ElementProps): ReactNode {
  return <TesseraElement {...props} type="postalCode" />;
}
