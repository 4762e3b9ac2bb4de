import {
  type CardElementOptions,
  clientError,
  ELEMENT_TYPES,
  type ElementType,
  OPTIONAL_SPLIT_TYPES,
  REQUIRED_SPLIT_TYPES,
  SPLIT_ELEMENT_TYPES,
  type TesseraError,
  type TokenizeResult,
} from '@tessera/protocol';
import { TesseraCardElement } from './card-element';
import { ElementFrame } from './element-frame';
import { IntegrationError } from './integration-error';
import { checkOptions, type ElementsOptions } from './options';
import { randomId } from './random-id';

export type { ElementsOptions } from './options';

const isSplit = (type: ElementType) => (SPLIT_ELEMENT_TYPES as readonly ElementType[]).includes(type);

/** What `elements.submit()` answers: nothing when every field is complete and valid, else the first error. */
export interface SubmitResult {
  error?: TesseraError;
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

/** Frames in the order the page shows them (document order), unmounted ones last. */
function inPageOrder(members: Member[]): Member[] {
  return members.sort((a, b) => {
    const [x, y] = [a.frame.iframe, b.frame.iframe];
    if (!x || !y) return x ? -1 : y ? 1 : 0;
    return x.compareDocumentPosition(y) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
  });
}

/**
 * A group of elements that share options. Create it with `tessera.elements()`. A group holds either the combined
 * `card` element or split fields (`cardNumber`, `cardExpiry`, `cardCvc`, and optionally `cardholderName` and
 * `postalCode`, one of each), whose frames share the group's channel id and gather the card among themselves when
 * `tessera.createToken` is called on any of them. When a split field is complete, focus moves to the next one on
 * the page.
 *
 * @example
 * const elements = tessera.elements({ locale: 'es', appearance: { theme: 'flat' } });
 * const card = elements.create('card', { fields: { name: 'required' } });
 * @example
 * const split = tessera.elements();
 * const number = split.create('cardNumber');
 * split.create('cardExpiry').mount('#expiry');
 * split.create('cardCvc').mount('#cvc');
 * number.mount('#number');
 * const { error } = await split.submit();
 * const result = error ? { error } : await tessera.createToken(number);
 */
export class Elements {
  readonly #config: ElementsConfig;
  readonly #members = new Map<ElementType, Member>();
  /** The split fields' shared channel id: random, one per group, in each of their frames' URL fragment. */
  readonly #splitChannel = randomId();

  /** @internal Use `tessera.elements()`. */
  constructor(config: ElementsConfig) {
    this.#config = { ...config, options: checkOptions(config.options, 'elements()') };
  }

  /**
   * Creates an element. A group holds one element per type; destroy it to create another.
   * @throws IntegrationError for an unknown type or option, a second live element of the same type, or a `card` and
   * split fields in the same group.
   */
  create(type: ElementType, options: CardElementOptions = {}): TesseraCardElement {
    if (!(ELEMENT_TYPES as readonly unknown[]).includes(type)) {
      throw new IntegrationError(
        `Unknown element type "${String(type)}"; expected one of: ${ELEMENT_TYPES.join(', ')}.`,
      );
    }
    const own = checkOptions(options, `create('${type}')`, type);
    if (this.#members.has(type)) {
      throw new IntegrationError(
        `This group already has a "${type}" element; use getElement('${type}') or destroy it.`,
      );
    }
    const split = isSplit(type);
    if ([...this.#members.keys()].some((other) => isSplit(other) !== split)) {
      throw new IntegrationError(
        `A group holds either a "card" element or split fields (${SPLIT_ELEMENT_TYPES.join(', ')}); use another tessera.elements() group.`,
      );
    }
    const frame = new ElementFrame({
      elementType: type,
      publishableKey: this.#config.publishableKey,
      edgeOrigin: this.#config.edgeOrigin,
      ...(split && { groupChannel: this.#splitChannel, onAdvance: () => this.#advanceFrom(frame) }),
    });
    const member: Member = {
      frame,
      element: new TesseraCardElement({
        frame,
        options: own,
        groupOptions: () => this.#config.options,
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
   * Changes the group's options (appearance, locale, words, style) for every element, without a remount.
   * @throws IntegrationError for a mistake in their shape; a value that cannot apply is a console warning.
   */
  update(options: ElementsOptions): void {
    this.#config.options = { ...this.#config.options, ...checkOptions(options, 'elements.update()') };
    for (const { element } of this.#members.values()) element.refresh();
  }

  /**
   * Checks every field of the group, as paying would, before anything is tokenized: each shows its errors, and the
   * answer is the first error in page order (that element gets the focus), or nothing when all are complete and
   * valid. An element not mounted and ready yet is a `frame_error` (`not_mounted`, `frame_timeout`).
   *
   * @example
   * const { error } = await elements.submit();
   * if (error) return showError(error.message);
   */
  async submit(): Promise<SubmitResult> {
    const members = inPageOrder([...this.#members.values()]);
    const splitIncomplete = members.some((m) => isSplit(m.frame.elementType)) && !this.#hasRequiredSplit();
    if (members.length === 0 || splitIncomplete) return { error: clientError('not_mounted') };
    const results = await Promise.all(members.map((member) => member.frame.validate()));
    for (const result of results) if ('unavailable' in result) return { error: result.unavailable };
    for (const [i, result] of results.entries()) {
      if ('error' in result && result.error) {
        members[i]?.element.focus();
        return { error: { type: 'validation_error', ...result.error } };
      }
    }
    return {};
  }

  #hasRequiredSplit(): boolean {
    return REQUIRED_SPLIT_TYPES.every((type) => this.#members.has(type));
  }

  /** A split field is complete: focus moves to the next field on the page, if there is one. */
  #advanceFrom(frame: ElementFrame): void {
    const members = inPageOrder([...this.#members.values()]).filter((m) => m.frame.state === 'ready');
    const next = members[members.findIndex((m) => m.frame === frame) + 1];
    next?.element.focus();
  }

  /**
   * Split fields: the number frame gathers expiry and CVC (and the name and postal code when the group has them)
   * from its siblings, so the three required ones must be there and every member ready.
   */
  #tokenizeSplit(): Promise<TokenizeResult> {
    const frames = [...this.#members.values()].map((member) => member.frame);
    const collector = this.#members.get('cardNumber')?.frame;
    const ready = this.#hasRequiredSplit() && frames.every((frame) => frame.state === 'ready');
    if (collector && ready) {
      return collector.tokenize({ collect: OPTIONAL_SPLIT_TYPES.filter((type) => this.#members.has(type)) });
    }
    const failed = frames.some((frame) => frame.state === 'failed');
    return Promise.resolve({ error: clientError(failed ? 'frame_timeout' : 'not_mounted') });
  }
}
