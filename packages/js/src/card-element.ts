import type {
  CardElementOptions,
  ElementType,
  Envelope,
  FieldName,
  FrameToParent,
  ParentToFrame,
  TesseraError,
  TokenizeResult,
} from '@tessera/protocol';
import { clientError } from '@tessera/protocol';
import { Emitter } from './emitter';
import { type FrameChannel, openFrameChannel } from './frame-channel';
import { buildFrameUrl } from './frame-url';
import { IntegrationError } from './integration-error';
import { randomId } from './random-id';

/** How long a mounted frame has to say `ready` before the element reports `loaderror`. */
export const READY_TIMEOUT_MS = 15_000;
/** How long `createToken` waits for the frame's answer. */
export const TOKENIZE_TIMEOUT_MS = 30_000;
/** Frame height until the field page reports its own. */
const INITIAL_HEIGHT = '44px';
const FRAME_TITLES: Record<ElementType, string> = {
  card: 'Secure card payment input frame',
  cardNumber: 'Secure card number input frame',
  cardExpiry: 'Secure expiration date input frame',
  cardCvc: 'Secure CVC input frame',
};

type ChangePayload = Extract<FrameToParent, { type: 'change' }>['payload'];

/** `change`: the field state, never card digits. */
export type CardElementChangeEvent = { elementType: ElementType } & Omit<ChangePayload, 'element'>;
/** `focus` / `blur`: which input inside the element. */
export interface CardElementFocusEvent {
  elementType: ElementType;
  field: FieldName;
}
export interface CardElementReadyEvent {
  elementType: ElementType;
}
/** `loaderror`: the frame did not become ready in time (`frame_timeout`). */
export interface CardElementLoadErrorEvent {
  elementType: ElementType;
  error: TesseraError;
}

/** Events of a card element, by name. */
export interface CardElementEvents extends Record<string, unknown> {
  ready: CardElementReadyEvent;
  change: CardElementChangeEvent;
  focus: CardElementFocusEvent;
  blur: CardElementFocusEvent;
  loaderror: CardElementLoadErrorEvent;
}

const EVENT_NAMES = ['ready', 'change', 'focus', 'blur', 'loaderror'] as const;

/** What an element needs from its Tessera instance. */
export interface CardElementConfig {
  elementType: ElementType;
  /** Split fields: the group's channel id, shared by its frames so they find each other. Absent: one per mount. */
  groupChannel?: string;
  /** Split fields: the group's live elements, for `createToken` on any of them. */
  group?: () => readonly CardElement[];
  publishableKey: string;
  edgeOrigin: string;
  options: CardElementOptions;
  onDestroy: () => void;
}

let requestTokenOf: (element: CardElement) => Promise<TokenizeResult>;

/** Asks a mounted card element's frame for a token (`tessera.createToken` uses it; it is not public API). */
export function requestToken(element: CardElement): Promise<TokenizeResult> {
  return requestTokenOf(element);
}

type State = 'unmounted' | 'loading' | 'ready' | 'failed' | 'destroyed';

interface PendingToken {
  id: string;
  finish: (result: TokenizeResult) => void;
}

/**
 * The card element: one iframe on the edge's origin holding number, expiry and CVC, or one of the split fields
 * (`cardNumber`, `cardExpiry`, `cardCvc`: one iframe each, same interface). The merchant page only ever sees its
 * state (`change` events) and, through `tessera.createToken`, the token and a masked card.
 * Create it with `elements.create('card')` (or `'cardNumber'`, `'cardExpiry'`, `'cardCvc'`).
 *
 * @example
 * const card = tessera.elements().create('card');
 * card.on('change', (e) => { payButton.disabled = !e.complete; });
 * card.mount('#card');
 */
export class CardElement {
  readonly elementType: ElementType;
  readonly #config: CardElementConfig;
  readonly #events = new Emitter<CardElementEvents>(EVENT_NAMES);
  #options: CardElementOptions;
  #state: State = 'unmounted';
  #frame: HTMLIFrameElement | undefined;
  #channel: FrameChannel | undefined;
  #channelId = '';
  #readyTimer: ReturnType<typeof setTimeout> | undefined;
  /** Commands given before the frame was ready, sent once it is. */
  #queued: ParentToFrame[] = [];
  #pending: PendingToken | undefined;

  /** @internal Use `elements.create('card')`. */
  constructor(config: CardElementConfig) {
    this.#config = config;
    this.elementType = config.elementType;
    this.#options = { ...config.options };
  }

  /**
   * Inserts the card iframe into `target` (a CSS selector or an element).
   * @throws IntegrationError when the target is missing or the element is already mounted or destroyed.
   */
  mount(target: string | HTMLElement): void {
    this.#assertAlive();
    if (this.#frame) throw new IntegrationError('This card element is already mounted; call unmount() first.');
    const container = resolveTarget(target);
    const { edgeOrigin, publishableKey } = this.#config;
    this.#channelId = this.#config.groupChannel ?? randomId();
    const frame = document.createElement('iframe');
    frame.src = buildFrameUrl({
      edgeOrigin,
      publishableKey,
      parentOrigin: location.origin,
      channel: this.#channelId,
      options: this.#options,
      elementType: this.elementType,
    });
    frame.title = FRAME_TITLES[this.elementType];
    frame.setAttribute('frameborder', '0');
    frame.setAttribute('scrolling', 'no');
    frame.style.cssText = `display:block;border:0;margin:0;padding:0;width:100%;min-width:100%;overflow:hidden;height:${INITIAL_HEIGHT}`;
    // Listen before the frame exists in the document, so its first message cannot be missed.
    this.#channel = openFrameChannel(frame, edgeOrigin, (message) => this.#receive(message));
    this.#frame = frame;
    this.#state = 'loading';
    this.#readyTimer = setTimeout(() => this.#readyTimedOut(), READY_TIMEOUT_MS);
    container.append(frame);
  }

  /** Adds an event handler. @throws IntegrationError for an unknown event name. */
  on<K extends keyof CardElementEvents & string>(name: K, handler: (event: CardElementEvents[K]) => void): this {
    this.#events.on(name, handler);
    return this;
  }

  /** Removes one handler, or every handler of that event when none is given. */
  off<K extends keyof CardElementEvents & string>(name: K, handler?: (event: CardElementEvents[K]) => void): this {
    this.#events.off(name, handler);
    return this;
  }

  /** Changes options (style, disabled, hideIcon); they are merged into the current ones. */
  update(options: CardElementOptions): void {
    this.#assertAlive();
    if (typeof options !== 'object' || options === null) {
      throw new IntegrationError('update() takes an options object.');
    }
    this.#options = { ...this.#options, ...options };
    // The frame validates and sanitizes options itself; the SDK only forwards them.
    this.#command({ type: 'update', payload: this.#options });
  }

  /** Moves focus into the element's first input (the card number of the combined card). */
  focus(): void {
    this.#command({ type: 'focus', payload: {} });
  }

  /** Takes focus out of the element. */
  blur(): void {
    this.#command({ type: 'blur', payload: {} });
  }

  /** Empties every input. */
  clear(): void {
    this.#command({ type: 'clear', payload: {} });
  }

  /** Removes the iframe and its message listener; the element can be mounted again. */
  unmount(): void {
    this.#channel?.close();
    this.#frame?.remove();
    clearTimeout(this.#readyTimer);
    this.#channel = undefined;
    this.#frame = undefined;
    this.#readyTimer = undefined;
    this.#queued = [];
    this.#channelId = '';
    if (this.#state !== 'destroyed') this.#state = 'unmounted';
    this.#pending?.finish({ error: clientError('not_mounted') });
  }

  /** Unmounts, drops every handler and frees the element's slot in its group; it cannot be used again. */
  destroy(): void {
    if (this.#state === 'destroyed') return;
    this.unmount();
    this.#state = 'destroyed';
    this.#events.clear();
    this.#config.onDestroy();
  }

  static {
    requestTokenOf = (element) => {
      const group = element.#config.group?.();
      if (!group) return element.#tokenize();
      // Split fields: the number frame gathers expiry and CVC from its siblings; all three must be ready.
      const collector = group.find((member) => member.elementType === 'cardNumber');
      const ready = ['cardNumber', 'cardExpiry', 'cardCvc'].every((type) =>
        group.some((member) => member.elementType === type && member.#state === 'ready'),
      );
      if (!collector || !ready) {
        const failed = group.some((member) => member.#state === 'failed');
        return Promise.resolve({ error: clientError(failed ? 'frame_timeout' : 'not_mounted') });
      }
      return collector.#tokenize();
    };
  }

  /** Asks the frame for a token; every outcome is a value. */
  #tokenize(): Promise<TokenizeResult> {
    if (this.#state === 'failed') return Promise.resolve({ error: clientError('frame_timeout') });
    const channel = this.#channel;
    if (this.#state !== 'ready' || !channel) return Promise.resolve({ error: clientError('not_mounted') });
    // Refused rather than queued: a double click must not create two tokens.
    if (this.#pending) return Promise.resolve({ error: clientError('busy') });
    return new Promise((resolve) => {
      const id = randomId();
      const timer = setTimeout(() => finish({ error: clientError('frame_timeout') }), TOKENIZE_TIMEOUT_MS);
      const finish = (result: TokenizeResult): void => {
        clearTimeout(timer);
        if (this.#pending?.id === id) this.#pending = undefined;
        resolve(result);
      };
      this.#pending = { id, finish };
      channel.post({ type: 'tokenize', id, payload: {} });
    });
  }

  #receive(message: Envelope<FrameToParent>): void {
    if (message.type === 'ready') {
      // The frame proves it was loaded for this mount by echoing the channel id of its URL fragment.
      if (this.#state !== 'loading' || message.payload.channel !== this.#channelId) return;
      if (message.payload.element !== this.elementType) return;
      this.#state = 'ready';
      clearTimeout(this.#readyTimer);
      for (const queued of this.#queued) this.#channel?.post(queued);
      this.#queued = [];
      this.#events.emit('ready', { elementType: this.elementType });
      return;
    }
    if (message.type === 'resize') {
      if (this.#frame) this.#frame.style.height = `${Math.ceil(message.payload.height)}px`;
      return;
    }
    if (this.#state !== 'ready') return;
    switch (message.type) {
      case 'change': {
        const { element: _element, ...state } = message.payload;
        this.#events.emit('change', { elementType: this.elementType, ...state });
        break;
      }
      case 'focus':
      case 'blur':
        this.#events.emit(message.type, { elementType: this.elementType, field: message.payload.field });
        break;
      case 'tokenize:result':
        if (this.#pending?.id === message.id) this.#pending.finish(message.payload);
        break;
    }
  }

  #readyTimedOut(): void {
    if (this.#state !== 'loading') return;
    this.#state = 'failed';
    this.#queued = [];
    this.#events.emit('loaderror', { elementType: this.elementType, error: clientError('frame_timeout') });
  }

  #command(message: ParentToFrame): void {
    if (this.#state === 'ready') this.#channel?.post(message);
    else if (this.#state === 'loading') {
      // Only the latest update matters; it already holds every earlier one.
      this.#queued = this.#queued.filter((queued) => queued.type !== message.type);
      this.#queued.push(message);
    }
  }

  #assertAlive(): void {
    if (this.#state === 'destroyed') throw new IntegrationError('This card element was destroyed; create a new one.');
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
