import type {
  CardElementOptions,
  ElementType,
  Envelope,
  FieldError,
  FrameToParent,
  ParentToFrame,
  TesseraError,
  TokenizeResult,
} from '@tessera/protocol';
import { clientError, FRAME_TITLES } from '@tessera/protocol';
import { CARD_ELEMENT_EVENTS, type CardElementEvents } from './card-element-events';
import { Emitter } from './emitter';
import { type FrameChannel, openFrameChannel } from './frame-channel';
import { buildFrameUrl } from './frame-url';
import { checkKeyAtEdge } from './key-check';
import { warnOption } from './options';
import { randomId } from './random-id';

/** How long a mounted frame has to say `ready` before the element reports `loaderror`. */
export const READY_TIMEOUT_MS = 15_000;
/** How long after its `load` a frame that has not said ready is taken for refused, and the edge asked why. */
export const DIAGNOSE_AFTER_MS = 1_000;
/** How long `createToken` waits for the frame's answer. */
export const TOKENIZE_TIMEOUT_MS = 30_000;
/** How long `elements.submit()` waits for each frame to check its fields. */
export const VALIDATE_TIMEOUT_MS = 5_000;
/**
 * Frame height until the field page reports its own: the height of a field in the default appearance (one row of
 * 16 px text, the box's padding and border, the page's 2 px margin), so that a default field is laid out once, with
 * no resize after ready (no layout shift on the merchant page, no second layout in the frame).
 */
const INITIAL_HEIGHT = '50px';

/**
 * Whether this browser knows the `autofill` permissions policy, with which a page lets a cross-origin frame be filled
 * together with the rest of its form (Chromium's policy for autofill across frames). Browsers that do not know it
 * would only log "Unrecognized feature" for it.
 */
const knowsAutofillPolicy = (): boolean =>
  (document as { featurePolicy?: { features(): string[] } }).featurePolicy?.features().includes('autofill') === true;

/** What a frame answers to `validate`: its first error, none, or that it could not be asked. */
export type ValidateResult = { error?: FieldError } | { unavailable: TesseraError };

export type FrameState = 'unmounted' | 'loading' | 'ready' | 'failed';

export interface ElementFrameConfig {
  elementType: ElementType;
  publishableKey: string;
  edgeOrigin: string;
  /** Split fields: the group's channel id, shared by its frames so they find each other. Absent: one per mount. */
  groupChannel?: string;
  /** A split field is complete and focus may move on: the group knows which frame is next. */
  onAdvance?: () => void;
}

interface PendingToken {
  id: string;
  finish: (result: TokenizeResult) => void;
}

/**
 * One element's iframe on the edge and the conversation with it: the ready handshake and its timeout, commands
 * given before ready, height, and one `tokenize` at a time. It emits the element's events. Its group decides
 * which frame tokenizes; the frame only answers for itself.
 */
export class ElementFrame {
  readonly elementType: ElementType;
  readonly events = new Emitter<CardElementEvents>(CARD_ELEMENT_EVENTS);
  readonly #config: ElementFrameConfig;
  #state: FrameState = 'unmounted';
  #frame: HTMLIFrameElement | undefined;
  #channel: FrameChannel | undefined;
  #channelId = '';
  #readyTimer: ReturnType<typeof setTimeout> | undefined;
  /** Commands given before the frame was ready, sent once it is. */
  #queued: ParentToFrame[] = [];
  #pending: PendingToken | undefined;
  /** Answers to `validate` awaited, by request id. */
  readonly #validating = new Map<string, (result: ValidateResult) => void>();
  /** The options the frame was last given: a merchant's own frame title wins over the field page's. */
  #options: CardElementOptions = {};

  constructor(config: ElementFrameConfig) {
    this.#config = config;
    this.elementType = config.elementType;
  }

  get state(): FrameState {
    return this.#state;
  }

  /** The iframe, while mounted: its group orders its frames as the page does. */
  get iframe(): HTMLIFrameElement | undefined {
    return this.#frame;
  }

  /** Inserts the iframe into `container`, with `options` in its URL fragment. */
  mount(container: HTMLElement, options: CardElementOptions): void {
    const { edgeOrigin, publishableKey, groupChannel } = this.#config;
    this.#options = options;
    this.#channelId = groupChannel ?? randomId();
    const frame = document.createElement('iframe');
    frame.src = buildFrameUrl({
      edgeOrigin,
      publishableKey,
      parentOrigin: location.origin,
      channel: this.#channelId,
      options,
      elementType: this.elementType,
    });
    frame.title = this.#ownTitle() ?? FRAME_TITLES[this.elementType];
    if (knowsAutofillPolicy()) frame.setAttribute('allow', 'autofill');
    frame.setAttribute('frameborder', '0');
    frame.setAttribute('scrolling', 'no');
    frame.style.cssText = `display:block;border:0;margin:0;padding:0;width:100%;min-width:100%;overflow:hidden;height:${INITIAL_HEIGHT}`;
    // Listen before the frame exists in the document, so its first message cannot be missed.
    this.#channel = openFrameChannel(frame, edgeOrigin, (message) => this.#receive(message));
    // A frame the edge refused loads an error page and never says ready: ask the edge why, rather than wait 15 s.
    // Its `load` comes just before a healthy frame's `ready` too, so the question waits a moment for that ready.
    frame.addEventListener('load', () => setTimeout(() => void this.#diagnose(frame), DIAGNOSE_AFTER_MS), {
      once: true,
    });
    this.#frame = frame;
    this.#state = 'loading';
    this.#readyTimer = setTimeout(() => this.#readyTimedOut(), READY_TIMEOUT_MS);
    container.append(frame);
  }

  /** Removes the iframe and its message listener; a pending `tokenize` answers `not_mounted`. */
  unmount(): void {
    this.#channel?.close();
    this.#frame?.remove();
    clearTimeout(this.#readyTimer);
    this.#channel = undefined;
    this.#frame = undefined;
    this.#readyTimer = undefined;
    this.#queued = [];
    this.#channelId = '';
    this.#state = 'unmounted';
    this.#pending?.finish({ error: clientError('not_mounted') });
    for (const answer of this.#validating.values()) answer({ unavailable: clientError('not_mounted') });
    this.#validating.clear();
  }

  /** New options for the frame, sent as an `update` (once it is ready). */
  update(options: CardElementOptions): void {
    this.#options = options;
    const title = this.#ownTitle();
    if (title && this.#frame) this.#frame.title = title;
    this.command({ type: 'update', payload: options });
  }

  /** Moves the page's focus into the frame, and the frame's into its first input. */
  focus(): void {
    if (this.#state === 'ready') this.#frame?.focus();
    this.command({ type: 'focus', payload: {} });
  }

  /** Sends a command once the frame is ready; while it loads, only the latest of each type is kept. */
  command(message: ParentToFrame): void {
    if (this.#state === 'ready') this.#channel?.post(message);
    else if (this.#state === 'loading') {
      // Only the latest update matters; it already holds every earlier one.
      this.#queued = this.#queued.filter((queued) => queued.type !== message.type);
      this.#queued.push(message);
    }
  }

  /** Asks this frame for a token; every outcome is a value. Split fields: `collect` names the optional siblings. */
  tokenize(payload: Extract<ParentToFrame, { type: 'tokenize' }>['payload'] = {}): Promise<TokenizeResult> {
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
      channel.post({ type: 'tokenize', id, payload });
    });
  }

  /** Asks the frame to show its errors, as paying would, and answers with the first one. */
  validate(): Promise<ValidateResult> {
    if (this.#state === 'failed') return Promise.resolve({ unavailable: clientError('frame_timeout') });
    const channel = this.#channel;
    if (this.#state !== 'ready' || !channel) return Promise.resolve({ unavailable: clientError('not_mounted') });
    return new Promise((resolve) => {
      const id = randomId();
      const timer = setTimeout(() => answer({ unavailable: clientError('frame_timeout') }), VALIDATE_TIMEOUT_MS);
      const answer = (result: ValidateResult): void => {
        clearTimeout(timer);
        this.#validating.delete(id);
        resolve(result);
      };
      this.#validating.set(id, answer);
      channel.post({ type: 'validate', id, payload: {} });
    });
  }

  #ownTitle(): string | undefined {
    return this.#options.strings?.[`title.${this.elementType}`];
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
      this.events.emit('ready', { elementType: this.elementType });
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
        this.events.emit('change', { elementType: this.elementType, ...state });
        break;
      }
      case 'focus':
      case 'blur':
        this.events.emit(message.type, { elementType: this.elementType, field: message.payload.field });
        break;
      case 'escape':
        this.events.emit('escape', { elementType: this.elementType });
        break;
      case 'advance':
        this.#config.onAdvance?.();
        break;
      case 'warning':
        warnOption(message.payload);
        break;
      case 'title':
        // The field page names itself in its language; a title the merchant gave stays.
        if (this.#frame && !this.#ownTitle()) this.#frame.title = message.payload.title;
        break;
      case 'validate:result': {
        const { error } = message.payload;
        this.#validating.get(message.id)?.(error ? { error } : {});
        break;
      }
      case 'tokenize:result':
        if (this.#pending?.id === message.id) this.#pending.finish(message.payload);
        break;
    }
  }

  #readyTimedOut(): void {
    this.#loadFailed(clientError('frame_timeout'));
  }

  /**
   * The frame loaded and has not said ready: when the edge refuses the key or this page's origin (its error page
   * is framed nowhere, so it cannot say so itself), report that code now. Any other answer changes nothing.
   */
  async #diagnose(frame: HTMLIFrameElement): Promise<void> {
    if (this.#state !== 'loading') return;
    const outcome = await checkKeyAtEdge(this.#config.edgeOrigin, this.#config.publishableKey);
    if (this.#frame !== frame) return;
    if (outcome === 'invalid_key' || outcome === 'origin_not_allowed') this.#loadFailed(clientError(outcome));
  }

  #loadFailed(error: TesseraError): void {
    if (this.#state !== 'loading') return;
    this.#state = 'failed';
    clearTimeout(this.#readyTimer);
    this.#queued = [];
    this.events.emit('loaderror', { elementType: this.elementType, error });
  }
}
