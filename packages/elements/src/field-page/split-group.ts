import type {
  Brand,
  CardData,
  CollectedElementType,
  CollectedPart,
  Envelope,
  FieldError,
  FieldErrorCode,
  FrameToFrame,
  OptionalSplitType,
  SplitElementType,
} from '@tessera/protocol';
import type { ReactiveController } from 'lit';
import type { CardFieldState, TesseraCardField } from '../components/card-field/card-field';
import type { CardInput } from '../components/card-field/card-state';
import { SiblingChannel } from './sibling-channel';
import { whenIdle } from './when-idle';

/** The input each split field shows. */
const SPLIT_INPUTS: Record<SplitElementType, CardInput> = {
  cardNumber: 'number',
  cardExpiry: 'expiry',
  cardCvc: 'cvc',
  cardholderName: 'name',
  postalCode: 'postalCode',
};

/** How long the number frame waits for its siblings' parts; they are in the same process, so this is generous. */
export const COLLECT_TIMEOUT_MS = 3000;

/** The parts every group collects; the optional ones are collected when the SDK names them in `tokenize`. */
const REQUIRED: readonly CollectedElementType[] = ['cardExpiry', 'cardCvc'];
/** A part that never came counts as empty: its "incomplete" error. */
const MISSING: Record<CollectedElementType, FieldErrorCode> = {
  cardExpiry: 'incomplete_expiry',
  cardCvc: 'incomplete_cvc',
  cardholderName: 'incomplete_name',
  postalCode: 'incomplete_postal_code',
};
/** Errors are answered in the card's tab order: name, number, expiry, code, postal code. */
const ORDER: readonly SplitElementType[] = ['cardholderName', 'cardNumber', 'cardExpiry', 'cardCvc', 'postalCode'];

const randomId = () =>
  Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');

interface Collecting {
  id: string;
  wanted: readonly CollectedElementType[];
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
    // A CVC frame that loads after the shopper typed the number asks for the brand it missed: after its first
    // render, once the page is idle, so that the siblings still loading on this main thread do not wait on it.
    this.#host.updateComplete.then(() =>
      whenIdle(() => {
        if (this.#host.isConnected)
          this.#siblings.send({ type: 'hello', payload: { channel: this.#channel, element: this.#element } });
      }),
    );
  }

  hostDisconnected(): void {
    this.#stopListening?.();
    this.#host.removeEventListener('tessera-change', this.#onChange);
  }

  /**
   * The number frame's card for sealing: its own number plus the siblings' parts (expiry, CVC, and the `optional`
   * ones the group has), or the first error in tab order (a missing sibling counts as that part incomplete).
   * `numberError` is the number input's own error, if any.
   */
  async collect(
    numberError: FieldError | undefined,
    optional: readonly OptionalSplitType[] = [],
  ): Promise<CardData | FieldError> {
    const id = randomId();
    const wanted = [...REQUIRED, ...optional];
    const parts = await new Promise<Collecting['parts']>((resolve) => {
      const timer = setTimeout(() => collecting.done(), COLLECT_TIMEOUT_MS);
      const collecting: Collecting = {
        id,
        wanted,
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
    const card: Partial<CardData> = { ...this.#host.cardParts() };
    for (const element of ORDER) {
      if (element === 'cardNumber') {
        if (numberError) return numberError;
        continue;
      }
      if (!wanted.includes(element)) continue;
      const part = parts[element];
      if (!part) return this.#host.fieldError(MISSING[element]);
      if ('error' in part) return part.error;
      if (part.element === 'cardExpiry') Object.assign(card, { expMonth: part.expMonth, expYear: part.expYear });
      else if (part.element === 'cardholderName') card.name = part.name;
      else if (part.element === 'postalCode') card.postalCode = part.postalCode;
      else if (part.cvc !== undefined) card.cvc = part.cvc;
    }
    const { number, expMonth, expYear } = card;
    if (number === undefined || expMonth === undefined || expYear === undefined) {
      return this.#host.fieldError(MISSING.cardExpiry);
    }
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
        if (collecting.wanted.every((element) => collecting.parts[element])) collecting.done();
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
    if (error || !parts) return { element, error: error ?? this.#host.fieldError(MISSING[element]) };
    switch (element) {
      case 'cardExpiry':
        return { element, expMonth: parts.expMonth ?? 0, expYear: parts.expYear ?? 0 };
      case 'cardholderName':
        return { element, name: parts.name ?? '' };
      case 'postalCode':
        return { element, postalCode: parts.postalCode ?? '' };
      default:
        return parts.cvc === undefined ? { element } : { element, cvc: parts.cvc };
    }
  }
}
