import {
  type CardElementOptions,
  clientError,
  ELEMENT_TYPES,
  type ElementStyle,
  type ElementType,
  OPTIONAL_SPLIT_TYPES,
  REQUIRED_SPLIT_TYPES,
  SPLIT_ELEMENT_TYPES,
  type TokenizeResult,
} from '@tessera/protocol';
import { TesseraCardElement } from './card-element';
import { ElementFrame } from './element-frame';
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

interface Member {
  element: TesseraCardElement;
  frame: ElementFrame;
}

/** How each element created by a group is tokenized: set by its group, read by `tessera.createToken`. */
const tokenizers = new WeakMap<object, () => Promise<TokenizeResult>>();

/** @internal The group's way to tokenize `element`, or `undefined` when `element` was not created by a group. */
export function tokenizerOf(element: unknown): (() => Promise<TokenizeResult>) | undefined {
  return typeof element === 'object' && element !== null ? tokenizers.get(element) : undefined;
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
  readonly #members = new Map<ElementType, Member>();
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
  create(type: ElementType, options: CardElementOptions = {}): TesseraCardElement {
    if (!(ELEMENT_TYPES as readonly unknown[]).includes(type)) {
      throw new IntegrationError(
        `Unknown element type "${String(type)}"; expected one of: ${ELEMENT_TYPES.join(', ')}.`,
      );
    }
    if (typeof options !== 'object' || options === null) {
      throw new IntegrationError('create() takes an options object.');
    }
    if (this.#members.has(type)) {
      throw new IntegrationError(
        `This group already has a "${type}" element; use getElement('${type}') or destroy it.`,
      );
    }
    const split = isSplit(type);
    if ([...this.#members.keys()].some((other) => isSplit(other) !== split)) {
      throw new IntegrationError(
        'A group holds either a "card" element or split fields ("cardNumber", "cardExpiry", "cardCvc"); use another tessera.elements() group.',
      );
    }
    const { style: defaultStyle } = this.#config.options;
    const style = defaultStyle || options.style ? { ...defaultStyle, ...options.style } : undefined;
    const frame = new ElementFrame({
      elementType: type,
      publishableKey: this.#config.publishableKey,
      edgeOrigin: this.#config.edgeOrigin,
      ...(split && { groupChannel: this.#splitChannel }),
    });
    const member: Member = {
      frame,
      element: new TesseraCardElement({
        frame,
        options: style ? { ...options, style } : options,
        onDestroy: () => {
          if (this.#members.get(type) === member) this.#members.delete(type);
        },
      }),
    };
    this.#members.set(type, member);
    tokenizers.set(member.element, split ? () => this.#tokenizeSplit() : () => frame.tokenize());
    return member.element;
  }

  /** The live element of that type in this group, or `null`. */
  getElement(type: ElementType): TesseraCardElement | null {
    return this.#members.get(type)?.element ?? null;
  }

  /**
   * Split fields: the number frame gathers expiry and CVC (and the name and postal code when the group has them)
   * from its siblings, so the three required ones must be there and every member ready.
   */
  #tokenizeSplit(): Promise<TokenizeResult> {
    const frames = [...this.#members.values()].map((member) => member.frame);
    const collector = this.#members.get('cardNumber')?.frame;
    const ready =
      REQUIRED_SPLIT_TYPES.every((type) => this.#members.has(type)) && frames.every((frame) => frame.state === 'ready');
    if (collector && ready) {
      return collector.tokenize({ collect: OPTIONAL_SPLIT_TYPES.filter((type) => this.#members.has(type)) });
    }
    const failed = frames.some((frame) => frame.state === 'failed');
    return Promise.resolve({ error: clientError(failed ? 'frame_timeout' : 'not_mounted') });
  }
}
