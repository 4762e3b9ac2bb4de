import type { CardData, ElementType, Envelope, FieldError, ParentToFrame, TokenizeResult } from '@tessera/protocol';
import { clientError, FIELD_ERRORS, readElementOptions } from '@tessera/protocol';
import type { ReactiveController } from 'lit';
import type { FieldEventDetail, TesseraCardField } from '../components/card-field/card-field';
import type { CardFieldState } from '../components/card-field/card-state';
import { Tokenizer } from '../sealing/tokenizer';
import type { PageParams } from './page-params';
import { ParentChannel } from './parent-channel';
import { ResizeReporter } from './resize-reporter';
import { SplitGroup } from './split-group';

export interface FieldPageDeps {
  /** The window to talk to; the real parent in production, a stand-in window in tests. */
  parent?: Window;
  tokenizer?: Tokenizer;
  /** The element whose height is reported; the document's root by default. */
  measured?: Element;
}

/**
 * Runs the field page around a card element: relays its state to the merchant page (never its values), answers
 * the parent's commands, and tokenizes. Each concern lives in its own module: `ParentChannel` (messages),
 * `ResizeReporter` (height), `Tokenizer` (sealing and the edge API).
 */
export class FieldPageController implements ReactiveController {
  readonly #host: TesseraCardField;
  readonly #params: PageParams;
  readonly #channel: ParentChannel;
  readonly #tokenizer: Tokenizer;
  readonly #resize: ResizeReporter;
  readonly #element: ElementType;
  /** Split fields only: the frame-to-frame link to the group's other frames. */
  readonly #split: SplitGroup | undefined;
  #stopListening: (() => void) | undefined;
  #readySent = false;
  #busy = false;

  constructor(host: TesseraCardField, params: PageParams, deps: FieldPageDeps = {}) {
    this.#host = host;
    this.#params = params;
    this.#element = params.element;
    this.#split =
      params.element === 'card' ? undefined : new SplitGroup(host, params.element, params.channel, deps.parent);
    this.#channel = new ParentChannel(deps.parent ?? window.parent, params.parentOrigin);
    this.#tokenizer = deps.tokenizer ?? new Tokenizer(params.key);
    this.#resize = new ResizeReporter(deps.measured ?? document.documentElement, (height) =>
      this.#channel.send({ type: 'resize', payload: { height } }),
    );
    host.options = params.options;
    host.addController(this);
  }

  hostConnected(): void {
    this.#stopListening = this.#channel.listen((message) => this.#onMessage(message));
    this.#host.addEventListener('tessera-change', this.#onChange);
    this.#host.addEventListener('tessera-focus', this.#onFocus);
    this.#host.addEventListener('tessera-blur', this.#onBlur);
    this.#tokenizer.prefetch();
    // Ready once the inputs exist and listen: after the first render, in the next frame.
    this.#host.updateComplete.then(() => {
      if (this.#readySent || !this.#host.isConnected) return;
      this.#readySent = true;
      this.#channel.send({ type: 'ready', payload: { element: this.#element, channel: this.#params.channel } });
      this.#resize.start();
    });
  }

  hostDisconnected(): void {
    this.#stopListening?.();
    this.#resize.stop();
    this.#host.removeEventListener('tessera-change', this.#onChange);
    this.#host.removeEventListener('tessera-focus', this.#onFocus);
    this.#host.removeEventListener('tessera-blur', this.#onBlur);
  }

  readonly #onChange = (event: CustomEvent<CardFieldState>) => {
    // Rebuilt field by field so that nothing but these booleans, the brand and the error code can go out.
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

  #onMessage(message: Envelope<ParentToFrame>): void {
    switch (message.type) {
      case 'tokenize':
        void this.#tokenize(message.id);
        return;
      case 'update':
        this.#host.options = { ...this.#host.options, ...readElementOptions(message.payload) };
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

  async #tokenize(id: string): Promise<void> {
    if (this.#busy) return this.#reply(id, { error: clientError('busy') });
    if (this.#element === 'cardExpiry' || this.#element === 'cardCvc')
      return this.#reply(id, { error: clientError('not_number_element') });
    this.#busy = true;
    try {
      const card = await this.#gatherCard();
      if (!('number' in card)) {
        return this.#reply(id, { error: { type: 'validation_error', code: card.code, message: card.message } });
      }
      this.#reply(id, await this.#tokenizer.createToken(card));
    } finally {
      this.#busy = false;
    }
  }

  /** The card to seal (split fields: gathered frame-to-frame from the group), or the first error to show. */
  async #gatherCard(): Promise<CardData | FieldError> {
    const problem = this.#host.showErrors();
    if (this.#split) return this.#split.collect(problem);
    const card = this.#host.cardData();
    return problem ?? card ?? { code: 'incomplete_number', message: FIELD_ERRORS.incomplete_number };
  }

  #reply(id: string, payload: TokenizeResult): void {
    this.#channel.send({ type: 'tokenize:result', id, payload });
  }
}
