import type { Envelope, ParentToFrame, TesseraError, TokenizeResult } from '@tessera/protocol';
import { FIELD_ERRORS, readElementOptions } from '@tessera/protocol';
import type { ReactiveController } from 'lit';
import type { FieldEventDetail, TesseraCardField } from '../components/card-field/card-field';
import type { CardFieldState } from '../components/card-field/card-state';
import { Tokenizer } from '../sealing/tokenizer';
import type { PageParams } from './page-params';
import { ParentChannel } from './parent-channel';
import { ResizeReporter } from './resize-reporter';

const BUSY: TesseraError = { type: 'frame_error', code: 'busy', message: 'A card is already being tokenized.' };

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
  #stopListening: (() => void) | undefined;
  #readySent = false;
  #busy = false;

  constructor(host: TesseraCardField, params: PageParams, deps: FieldPageDeps = {}) {
    this.#host = host;
    this.#params = params;
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
      this.#channel.send({ type: 'ready', payload: { element: 'card', channel: this.#params.channel } });
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
        element: 'card',
        empty,
        complete,
        valid,
        brand,
        ...(error && { error: { code: error.code, message: error.message } }),
      },
    });
  };

  readonly #onFocus = (event: CustomEvent<FieldEventDetail>) =>
    this.#channel.send({ type: 'focus', payload: { element: 'card', field: event.detail.field } });

  readonly #onBlur = (event: CustomEvent<FieldEventDetail>) =>
    this.#channel.send({ type: 'blur', payload: { element: 'card', field: event.detail.field } });

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
    if (this.#busy) return this.#reply(id, { error: BUSY });
    const problem = this.#host.showErrors();
    const card = this.#host.cardData();
    if (problem || !card) {
      const error = problem ?? { code: 'incomplete_number' as const, message: FIELD_ERRORS.incomplete_number };
      return this.#reply(id, { error: { type: 'validation_error', code: error.code, message: error.message } });
    }
    this.#busy = true;
    try {
      this.#reply(id, await this.#tokenizer.createToken(card));
    } finally {
      this.#busy = false;
    }
  }

  #reply(id: string, payload: TokenizeResult): void {
    this.#channel.send({ type: 'tokenize:result', id, payload });
  }
}
