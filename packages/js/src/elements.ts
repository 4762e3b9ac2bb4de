import { type CardElementOptions, ELEMENT_TYPES, type ElementStyle, type ElementType } from '@tessera/protocol';
import { CardElement } from './card-element';
import { IntegrationError } from './integration-error';

/** Options shared by every element of a group. */
export interface ElementsOptions {
  /** Default style of every element; an element's own `style` replaces it per state (`base`, `invalid`, `complete`). */
  style?: ElementStyle;
}

interface ElementsConfig {
  publishableKey: string;
  edgeOrigin: string;
  options: ElementsOptions;
}

/**
 * A group of elements that share options. Create it with `tessera.elements()`.
 *
 * @example
 * const elements = tessera.elements({ style: { base: { fontSize: '16px' } } });
 * const card = elements.create('card', { hideIcon: true });
 */
export class Elements {
  readonly #config: ElementsConfig;
  readonly #created = new Map<ElementType, CardElement>();

  /** @internal Use `tessera.elements()`. */
  constructor(config: ElementsConfig) {
    this.#config = config;
  }

  /**
   * Creates an element. A group holds one element per type; destroy it to create another.
   * @throws IntegrationError for an unknown type or a second live element of the same type.
   */
  create(type: 'card', options: CardElementOptions = {}): CardElement {
    if (!(ELEMENT_TYPES as readonly unknown[]).includes(type)) {
      throw new IntegrationError(
        `Unknown element type "${String(type)}"; expected one of: ${ELEMENT_TYPES.join(', ')}.`,
      );
    }
    if (typeof options !== 'object' || options === null) {
      throw new IntegrationError('create() takes an options object.');
    }
    if (this.#created.has(type)) {
      throw new IntegrationError(
        `This group already has a "${type}" element; use getElement('${type}') or destroy it.`,
      );
    }
    const { style: defaultStyle } = this.#config.options;
    const style = defaultStyle || options.style ? { ...defaultStyle, ...options.style } : undefined;
    const element: CardElement = new CardElement({
      publishableKey: this.#config.publishableKey,
      edgeOrigin: this.#config.edgeOrigin,
      options: style ? { ...options, style } : options,
      onDestroy: () => {
        if (this.#created.get(type) === element) this.#created.delete(type);
      },
    });
    this.#created.set(type, element);
    return element;
  }

  /** The live element of that type in this group, or `null`. */
  getElement(type: 'card'): CardElement | null {
    return this.#created.get(type) ?? null;
  }
}
