import type { CardElementOptions, ElementType } from '@tessera/protocol';
import type { CardElementEvents } from './card-element-events';
import type { ElementFrame } from './element-frame';
import { IntegrationError } from './integration-error';
import { checkOptions, type ElementsOptions, mergeOptions } from './options';

/** What an element gets from the group that creates it. */
export interface CardElementConfig {
  /** The element's own frame; its group keeps it too, to route `createToken`. */
  frame: ElementFrame;
  /** The element's own options, checked; its group's apply under them. */
  options: CardElementOptions;
  /** The group's options now. */
  groupOptions: () => ElementsOptions;
  /** Frees the element's slot in its group. */
  onDestroy: () => void;
}

/**
 * The card element: one iframe on the edge's origin holding number, expiry and CVC (and, with `fields`, the name on
 * the card and the postal code), or one of the split fields (`cardNumber`, `cardExpiry`, `cardCvc`,
 * `cardholderName`, `postalCode`: one iframe each, same interface). The merchant page only ever sees its state
 * (`change` events) and, through `tessera.createToken`, the token and a masked card.
 * Create it with `elements.create('card')` (or a split field's type).
 *
 * @example
 * const card = tessera.elements().create('card');
 * card.on('change', (e) => { payButton.disabled = !e.complete; });
 * card.mount('#card');
 */
export class TesseraCardElement {
  readonly elementType: ElementType;
  readonly #frame: ElementFrame;
  readonly #onDestroy: () => void;
  readonly #groupOptions: () => ElementsOptions;
  #options: CardElementOptions;
  #destroyed = false;

  /** @internal Use `elements.create('card')`. */
  constructor(config: CardElementConfig) {
    this.#frame = config.frame;
    this.#onDestroy = config.onDestroy;
    this.#groupOptions = config.groupOptions;
    this.elementType = config.frame.elementType;
    this.#options = { ...config.options };
  }

  /**
   * Inserts the card iframe into `target` (a CSS selector or an element).
   * @throws IntegrationError when the target is missing or the element is already mounted or destroyed.
   */
  mount(target: string | HTMLElement): void {
    this.#assertAlive();
    if (this.#frame.state !== 'unmounted') {
      throw new IntegrationError('This card element is already mounted; call unmount() first.');
    }
    this.#frame.mount(resolveTarget(target), this.#effective());
  }

  /** Adds an event handler. @throws IntegrationError for an unknown event name. */
  on<K extends keyof CardElementEvents & string>(name: K, handler: (event: CardElementEvents[K]) => void): this {
    this.#frame.events.on(name, handler);
    return this;
  }

  /** Removes one handler, or every handler of that event when none is given. */
  off<K extends keyof CardElementEvents & string>(name: K, handler?: (event: CardElementEvents[K]) => void): this {
    this.#frame.events.off(name, handler);
    return this;
  }

  /**
   * Changes options without a remount (appearance, locale and words included); they are merged into the current
   * ones. A mistake in their shape throws; a value that cannot apply is a console warning and its default applies.
   */
  update(options: CardElementOptions): void {
    this.#assertAlive();
    this.#options = { ...this.#options, ...checkOptions(options, 'update()', this.elementType) };
    this.#frame.update(this.#effective());
  }

  /** @internal The group's options changed: the frame gets the new whole. */
  refresh(): void {
    if (!this.#destroyed) this.#frame.update(this.#effective());
  }

  /** Moves focus into the element's first input (the card number of the combined card). */
  focus(): void {
    this.#frame.focus();
  }

  /** Takes focus out of the element. */
  blur(): void {
    this.#frame.command({ type: 'blur', payload: {} });
  }

  /** Empties every input. */
  clear(): void {
    this.#frame.command({ type: 'clear', payload: {} });
  }

  /** Removes the iframe and its message listener; the element can be mounted again. */
  unmount(): void {
    this.#frame.unmount();
  }

  /** Unmounts, drops every handler and frees the element's slot in its group; it cannot be used again. */
  destroy(): void {
    if (this.#destroyed) return;
    this.unmount();
    this.#destroyed = true;
    this.#frame.events.clear();
    this.#onDestroy();
  }

  /** The options the frame applies: the group's, refined by the element's own. */
  #effective(): CardElementOptions {
    return mergeOptions(this.#groupOptions(), this.#options);
  }

  #assertAlive(): void {
    if (this.#destroyed) throw new IntegrationError('This card element was destroyed; create a new one.');
  }
}

function resolveTarget(target: string | HTMLElement): HTMLElement {
  if (typeof target === 'string') {
    const found = document.querySelector(target);
    if (found instanceof HTMLElement) return found;
    throw new IntegrationError(`mount(): no element matches the selector "${target}".`);
  }
  if (target instanceof HTMLElement) return target;
  throw new IntegrationError('mount() takes a CSS selector or an HTMLElement.');
}
