import {
  type CardElementOptions,
  ELEMENT_TYPES,
  type ElementStyle,
  type ElementType,
  SPLIT_ELEMENT_TYPES,
} from '@tessera/protocol';
import { CardElement } from './card-element';
import { IntegrationError } from './integration-error';
import { randomId } from './random-id';

const isSplit = (type: ElementType) => (SPLIT_ELEMENT_TYPES as readonly ElementType[]).includes(type);

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
 * A group of elements that share options. Create it with `tessera.elements()`. A group holds either the combined
 * `card` element or split fields (`cardNumber`, `cardExpiry`, `cardCvc`, one of each), whose frames share the
 * group's channel id and gather the card among themselves when `tessera.createToken` is called on any of them.
 *
 * @example
 * const elements = tessera.elements({ style: { base: { fontSize: '16px' } } });
 * const card = elements.create('card', { hideIcon: true });
 * @example
 * const split = tessera.elements();
 * const number = split.create('cardNumber');
 * split.create('cardExpiry').mount('#expiry');
 * split.create('cardCvc').mount('#cvc');
 * number.mount('#number');
 * const result = await tessera.createToken(number);
 */
export class Elements {
  readonly #config: ElementsConfig;
  readonly #created = new Map<ElementType, CardElement>();
  /** The split fields' shared channel id: random, one per group, in each of their frames' URL fragment. */
  readonly #splitChannel = randomId();

  /** @internal Use `tessera.elements()`. */
  constructor(config: ElementsConfig) {
    this.#config = config;
  }

  /**
   * Creates an element. A group holds one element per type; destroy it to create another.
   * @throws IntegrationError for an unknown type, a second live element of the same type, or a `card` and split
   * fields in the same group.
   */
  create(type: ElementType, options: CardElementOptions = {}): CardElement {
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
    const split = isSplit(type);
    if ([...this.#created.keys()].some((other) => isSplit(other) !== split)) {
      throw new IntegrationError(
        'A group holds either a "card" element or split fields ("cardNumber", "cardExpiry", "cardCvc"); use another tessera.elements() group.',
      );
    }
    const { style: defaultStyle } = this.#config.options;
    const style = defaultStyle || options.style ? { ...defaultStyle, ...options.style } : undefined;
    const element: CardElement = new CardElement({
      elementType: type,
      ...(split && { groupChannel: this.#splitChannel, group: () => [...this.#created.values()] }),
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
  getElement(type: ElementType): CardElement | null {
    return this.#created.get(type) ?? null;
  }
}
