import {
  type Brand,
  type CardData,
  type CollectedElementType,
  type CollectedPart,
  type Envelope,
  FIELD_ERRORS,
  type FieldError,
  type FrameToFrame,
  type SplitElementType,
} from '@tessera/protocol';
import type { ReactiveController } from 'lit';
import type { TesseraCardField } from '../components/card-field/card-field';
import type { CardFieldState, CardInput } from '../components/card-field/card-state';
import { SiblingChannel } from './sibling-channel';

/** The input each split field shows. */
const SPLIT_INPUTS: Record<SplitElementType, CardInput> = {
  cardNumber: 'number',
  cardExpiry: 'expiry',
  cardCvc: 'cvc',
};

/** How long the number frame waits for its siblings' parts; they are in the same process, so this is generous. */
export const COLLECT_TIMEOUT_MS = 3000;

const COLLECTED: readonly CollectedElementType[] = ['cardExpiry', 'cardCvc'];
const MISSING: Record<CollectedElementType, FieldError> = {
  cardExpiry: { code: 'incomplete_expiry', message: FIELD_ERRORS.incomplete_expiry },
  cardCvc: { code: 'incomplete_cvc', message: FIELD_ERRORS.incomplete_cvc },
};

const randomId = () =>
  Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');

interface Collecting {
  id: string;
  parts: Partial<Record<CollectedElementType, CollectedPart>>;
  done: () => void;
}

/**
 * One frame's part in a split group. The number frame sends its brand to its siblings (the CVC frame takes 4 digits
 * for Amex) and, when paying, collects the expiry and CVC from them; the expiry and CVC frames answer with their part,
 * checked, and show their own errors. All of it frame-to-frame on the edge's origin (`SiblingChannel`).
 */
export class SplitGroup implements ReactiveController {
  readonly #host: TesseraCardField;
  readonly #element: SplitElementType;
  readonly #channel: string;
  readonly #siblings: SiblingChannel;
  #stopListening: (() => void) | undefined;
  #brand: Brand = 'unknown';
  #collecting: Collecting | undefined;

  constructor(host: TesseraCardField, element: SplitElementType, channel: string, parent: Window = window.parent) {
    this.#host = host;
    this.#element = element;
    this.#channel = channel;
    this.#siblings = new SiblingChannel(parent, channel);
    host.inputs = [SPLIT_INPUTS[element]];
    host.addController(this);
  }

  hostConnected(): void {
    this.#stopListening = this.#siblings.listen((message, from) => this.#onMessage(message, from));
    this.#host.addEventListener('tessera-change', this.#onChange);
    // A CVC frame that loads after the shopper typed the number asks for the brand it missed.
    this.#host.updateComplete.then(() =>
      this.#siblings.send({ type: 'hello', payload: { channel: this.#channel, element: this.#element } }),
    );
  }

  hostDisconnected(): void {
    this.#stopListening?.();
    this.#host.removeEventListener('tessera-change', this.#onChange);
  }

  /**
   * The number frame's card for sealing: its own number plus the siblings' parts, or the first error in tab order
   * (a missing sibling counts as that part incomplete). `numberError` is the number input's own error, if any.
   */
  async collect(numberError: FieldError | undefined): Promise<CardData | FieldError> {
    const id = randomId();
    const parts = await new Promise<Collecting['parts']>((resolve) => {
      const timer = setTimeout(() => collecting.done(), COLLECT_TIMEOUT_MS);
      const collecting: Collecting = {
        id,
        parts: {},
        done: () => {
          clearTimeout(timer);
          resolve(collecting.parts);
        },
      };
      this.#collecting = collecting;
      // Every sibling checks its part and shows its own error, whatever the number's state.
      this.#siblings.send({ type: 'collect', id, payload: { channel: this.#channel, brand: this.#host.state.brand } });
    });
    if (this.#collecting?.id === id) this.#collecting = undefined;
    if (numberError) return numberError;
    const card: Partial<CardData> = { ...this.#host.cardParts() };
    for (const element of COLLECTED) {
      const part = parts[element];
      if (!part) return MISSING[element];
      if ('error' in part) return part.error;
      if (part.element === 'cardExpiry') Object.assign(card, { expMonth: part.expMonth, expYear: part.expYear });
      else if (part.cvc !== undefined) card.cvc = part.cvc;
    }
    const { number, expMonth, expYear } = card;
    if (number === undefined || expMonth === undefined || expYear === undefined) return MISSING.cardExpiry;
    return { ...card, number, expMonth, expYear };
  }

  readonly #onChange = (event: CustomEvent<CardFieldState>) => {
    if (this.#element !== 'cardNumber' || event.detail.brand === this.#brand) return;
    this.#brand = event.detail.brand;
    this.#siblings.send({ type: 'brand', payload: { channel: this.#channel, brand: this.#brand } });
  };

  #onMessage(message: Envelope<FrameToFrame>, from: Window): void {
    const channel = this.#channel;
    switch (message.type) {
      case 'hello':
        if (this.#element === 'cardNumber')
          this.#siblings.send({ type: 'brand', payload: { channel, brand: this.#brand } }, from);
        return;
      case 'brand':
        if (this.#element === 'cardCvc') this.#host.knownBrand = message.payload.brand;
        return;
      case 'collect':
        if (this.#element !== 'cardNumber')
          this.#siblings.send(
            { type: 'collect:result', id: message.id, payload: { channel, ...this.#part(message.payload.brand) } },
            from,
          );
        return;
      case 'collect:result': {
        const collecting = this.#collecting;
        if (this.#element !== 'cardNumber' || collecting?.id !== message.id) return;
        const { channel: _channel, ...part } = message.payload;
        collecting.parts[part.element] ??= part;
        if (COLLECTED.every((element) => collecting.parts[element])) collecting.done();
        return;
      }
    }
  }

  /** This sibling's part, checked as when paying (its error shows here too). */
  #part(brand: Brand): CollectedPart {
    const element = this.#element as CollectedElementType;
    // The brand in the request is the number frame's now, whatever `brand` messages came before.
    if (element === 'cardCvc') this.#host.knownBrand = brand;
    const error = this.#host.showErrors();
    const parts = this.#host.cardParts();
    if (error || !parts) return { element, error: error ?? MISSING[element] };
    if (element === 'cardExpiry') return { element, expMonth: parts.expMonth ?? 0, expYear: parts.expYear ?? 0 };
    return parts.cvc === undefined ? { element } : { element, cvc: parts.cvc };
  }
}
