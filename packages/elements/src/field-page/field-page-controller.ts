import type {
  CardData,
  CardElementOptions,
  ElementType,
  Envelope,
  FieldError,
  OptionalSplitType,
  ParentToFrame,
  TokenizeResult,
} from '@tessera/protocol';
import { clientError } from '@tessera/protocol';
import type { ReactiveController } from 'lit';
import type { CardFieldState, FieldEventDetail, TesseraCardField } from '../components/card-field/card-field';
import { Tokenizer } from '../sealing/tokenizer';
import { applyPageLocale, loadPageLocale, type PageLocale } from './page-locale';
import { type OptionWarning, type PageParams, readFrameOptions } from './page-params';
import { ParentChannel } from './parent-channel';
import { ResizeReporter } from './resize-reporter';
import { SplitGroup } from './split-group';
import { whenIdle } from './when-idle';

export interface FieldPageDeps {
  /** The window to talk to; the real parent in production, a stand-in window in tests. */
  parent?: Window;
  /** What seals and posts the card; one for the page's key by default, made on first use. */
  tokenizer?: Tokenizer;
  /** The element whose height is reported; the document's root by default. */
  measured?: Element;
  /** The page's language and words, loaded before the first render (English when not given). */
  locale?: PageLocale;
}

/**
 * Runs the field page around a card element: relays its state to the merchant page (never its values), answers
 * the parent's commands, and tokenizes. Each concern lives in its own module: `ParentChannel` (messages),
 * `ResizeReporter` (height), `Tokenizer` (sealing and the edge API), `SplitGroup` (the other split frames),
 * `page-locale` (words and direction).
 */
export class FieldPageController implements ReactiveController {
  readonly #host: TesseraCardField;
  readonly #params: PageParams;
  readonly #channel: ParentChannel;
  /**
   * The sealing code (the JWE, the key cache, the WebCrypto check and the edge's answers) is part of the page's one
   * module, not a chunk loaded later: a chunk's name changes with every build, and an edge deployed between a page's
   * load and its payment would answer the old name with a 404, leaving that shopper unable to pay. As a chunk of its
   * own it measured no faster either (ready against its floor, runs alternating, 2026-11-30). Made on first use.
   */
  #tokenizer: Tokenizer | undefined;
  readonly #resize: ResizeReporter;
  readonly #element: ElementType;
  /** Split fields only: the frame-to-frame link to the group's other frames. */
  readonly #split: SplitGroup | undefined;
  #stopListening: (() => void) | undefined;
  #readySent = false;
  #busy = false;
  /** The locale and overrides the words were last loaded for; a newer update wins over one still loading. */
  #localeKey = '';

  constructor(host: TesseraCardField, params: PageParams, deps: FieldPageDeps = {}) {
    this.#host = host;
    this.#params = params;
    this.#element = params.element;
    this.#split =
      params.element === 'card' ? undefined : new SplitGroup(host, params.element, params.channel, deps.parent);
    this.#channel = new ParentChannel(deps.parent ?? window.parent, params.parentOrigin);
    this.#tokenizer = deps.tokenizer;
    this.#resize = new ResizeReporter(deps.measured ?? document.documentElement, (height) =>
      this.#channel.send({ type: 'resize', payload: { height } }),
    );
    host.options = params.options;
    if (deps.locale) this.#setLocale(deps.locale, localeKey(params.options));
    host.addController(this);
  }

  hostConnected(): void {
    this.#stopListening = this.#channel.listen((message) => this.#onMessage(message));
    this.#host.addEventListener('tessera-change', this.#onChange);
    this.#host.addEventListener('tessera-focus', this.#onFocus);
    this.#host.addEventListener('tessera-blur', this.#onBlur);
    this.#host.addEventListener('tessera-escape', this.#onEscape);
    this.#host.addEventListener('tessera-advance', this.#onAdvance);
    // Ready once the inputs exist and listen: after the first render, in the next frame.
    this.#host.updateComplete.then(() => {
      if (this.#readySent || !this.#host.isConnected) return;
      this.#readySent = true;
      this.#channel.send({ type: 'ready', payload: { element: this.#element, channel: this.#params.channel } });
      // The height goes out with the observer's first notice, in the first rendering update: observed now.
      this.#resize.start();
      // A message to a parent in another process leaves only once the current task ends, and split frames share one
      // main thread: the title and warnings wait until it is idle, so that neither this frame's ready nor a sibling
      // still loading waits on them.
      whenIdle(() => {
        if (!this.#host.isConnected) return;
        this.#sendTitle();
        for (const warning of this.#params.warnings) this.#warn(warning);
      });
      // Only the frame that tokenizes (the card, or a split group's number frame) needs the sealing code, the key
      // and WebCrypto, and only when paying: loaded and warmed after ready, once the page is idle, so that neither
      // this frame's ready nor its siblings' (split frames share one renderer's main thread) waits on them.
      if (this.#element === 'card' || this.#element === 'cardNumber') whenIdle(() => this.#sealer().prefetch());
    });
  }

  hostDisconnected(): void {
    this.#stopListening?.();
    this.#resize.stop();
    this.#host.removeEventListener('tessera-change', this.#onChange);
    this.#host.removeEventListener('tessera-focus', this.#onFocus);
    this.#host.removeEventListener('tessera-blur', this.#onBlur);
    this.#host.removeEventListener('tessera-escape', this.#onEscape);
    this.#host.removeEventListener('tessera-advance', this.#onAdvance);
  }

  readonly #onChange = (event: CustomEvent<CardFieldState>) => {
    // Rebuilt field by field so that nothing but these booleans, the brand and the error can go out.
    const { empty, complete, valid, brand, error } = event.detail;
    this.#channel.send({
      type: 'change',
      payload: {
        element: this.#element,
        empty,
        complete,
        valid,
        brand,
        ...(error && { error: { code: error.code, message: error.message } }),
      },
    });
  };

  readonly #onFocus = (event: CustomEvent<FieldEventDetail>) =>
    this.#channel.send({ type: 'focus', payload: { element: this.#element, field: event.detail.field } });

  readonly #onBlur = (event: CustomEvent<FieldEventDetail>) =>
    this.#channel.send({ type: 'blur', payload: { element: this.#element, field: event.detail.field } });

  readonly #onEscape = () => this.#channel.send({ type: 'escape', payload: { element: this.#element } });

  // Only a split field hands focus on: the merchant page knows which frame comes next.
  readonly #onAdvance = () => {
    if (this.#split) this.#channel.send({ type: 'advance', payload: { element: this.#element } });
  };

  #onMessage(message: Envelope<ParentToFrame>): void {
    switch (message.type) {
      case 'tokenize':
        void this.#tokenize(message.id, message.payload.collect ?? []);
        return;
      case 'validate': {
        const error = this.#host.showErrors();
        this.#channel.send({
          type: 'validate:result',
          id: message.id,
          payload: { element: this.#element, ...(error && { error }) },
        });
        return;
      }
      case 'update':
        this.#update(readFrameOptions(message.payload, this.#warn));
        return;
      case 'focus':
        this.#host.focus();
        return;
      case 'blur':
        this.#host.blur();
        return;
      case 'clear':
        this.#host.clear();
        return;
    }
  }

  /** Merges new options at once; a new locale's words (or the merchant's new ones) follow once loaded. */
  #update(options: CardElementOptions): void {
    const merged = { ...this.#host.options, ...options };
    this.#host.options = merged;
    const key = localeKey(merged);
    if (key === this.#localeKey) return;
    this.#localeKey = key;
    void loadPageLocale(merged).then((locale) => {
      // A later update asked for other words meanwhile: they win.
      if (this.#localeKey !== key) return;
      this.#setLocale(locale, key);
      if (this.#readySent) this.#sendTitle();
    });
  }

  readonly #warn = (payload: OptionWarning) => this.#channel.send({ type: 'warning', payload });

  #setLocale({ locale, strings }: PageLocale, key: string): void {
    this.#localeKey = key;
    this.#host.strings = strings;
    applyPageLocale(this.#host.ownerDocument, locale);
  }

  /** The frame's name in its language, for the iframe's title; one holding a digit is not sent (the guard refuses it). */
  #sendTitle(): void {
    const title = this.#host.strings[`title.${this.#element}`];
    if (!/\p{N}/u.test(title)) this.#channel.send({ type: 'title', payload: { title } });
  }

  async #tokenize(id: string, collect: readonly OptionalSplitType[]): Promise<void> {
    if (this.#busy) return this.#reply(id, { error: clientError('busy') });
    if (this.#split && this.#element !== 'cardNumber')
      return this.#reply(id, { error: clientError('not_number_element') });
    this.#busy = true;
    try {
      const card = await this.#gatherCard(collect);
      if (!('number' in card)) {
        return this.#reply(id, { error: { type: 'validation_error', code: card.code, message: card.message } });
      }
      this.#reply(id, await this.#sealer().createToken(card));
    } finally {
      this.#busy = false;
    }
  }

  /** The card to seal (split fields: gathered frame-to-frame from the group), or the first error to show. */
  async #gatherCard(collect: readonly OptionalSplitType[]): Promise<CardData | FieldError> {
    const problem = this.#host.showErrors();
    if (this.#split) return this.#split.collect(problem, collect);
    const card = this.#host.cardData();
    return problem ?? card ?? this.#host.fieldError('incomplete_number');
  }

  #sealer(): Tokenizer {
    this.#tokenizer ??= new Tokenizer(this.#params.key);
    return this.#tokenizer;
  }

  #reply(id: string, payload: TokenizeResult): void {
    this.#channel.send({ type: 'tokenize:result', id, payload });
  }
}

/** What the page's words depend on. */
const localeKey = (options: CardElementOptions) => JSON.stringify([options.locale ?? 'auto', options.strings ?? {}]);
