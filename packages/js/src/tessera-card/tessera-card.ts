import {
  type CardElementOptions,
  clientError,
  type LocaleOption,
  type TesseraError,
  type TokenizeResult,
} from '@tessera/protocol';
// Only the SDK's public entry: the published tessera-card.js imports it as ./tessera.js (see vite.config.ts), so
// that a page importing both has one SDK and one loadTessera cache.
import {
  type CardElementChangeEvent,
  type CardElementEvents,
  IntegrationError,
  loadTessera,
  type Tessera,
  type TesseraCardElement,
} from '../index';
import { cardValidity } from './card-validity';
import { FormControl } from './form-control';
import { tesseraCardStyles } from './tessera-card.styles';

/**
 * Forms being submitted again by a <tessera-card>, with its token: that submission goes through every card of the
 * form, so that a second card in one form lets it pass rather than stop it and start over (one card per form is
 * what the element is for; a second one's card is not tokenized).
 */
const resubmitting = new WeakSet<HTMLFormElement>();

const EVENTS = [
  'ready',
  'change',
  'focus',
  'blur',
  'loaderror',
] as const satisfies readonly (keyof CardElementEvents)[];

/** The form field's name when the element has no `name` attribute. */
export const DEFAULT_FIELD_NAME = 'tessera_token';

/**
 * `<tessera-card>`: the card element as a form control, for a plain `<form>` and no framework. Give it
 * `publishable-key` and `edge` (and optionally `name`, default `tessera_token`, and `locale`). When its form is
 * submitted, it stops that submission, has the card tokenized in its frame, sets its form value to the token (never
 * the card) and submits the form again, with the same submitter. It reports its validity to the form (`:invalid`,
 * `checkValidity()`, `reportValidity()`), follows `disabled` (its own or a fieldset's) and `form.reset()`, and works
 * inside open and closed shadow roots.
 *
 * @fires ready - CustomEvent; `detail` as the SDK's `ready`.
 * @fires change - CustomEvent, bubbles; `detail` as the SDK's `change`: the card's state, never its digits.
 * @fires focus - CustomEvent; `detail` as the SDK's `focus` (`{ elementType, field }`). Native FocusEvents, with no
 *   such `detail`, also reach the element when focus enters its frame.
 * @fires blur - CustomEvent; `detail` as the SDK's `blur`.
 * @fires loaderror - CustomEvent; `detail` as the SDK's `loaderror` (`invalid_key`, `origin_not_allowed`, …).
 * @fires token - CustomEvent; `detail` is `{ token, card }` just before the form is submitted again.
 * @fires tokenerror - CustomEvent; `detail` is `{ error }`: tokenizing at submit failed, the form was not submitted.
 * @csspart frame - The box that holds the card's iframe.
 * @cssstate ready - The fields are loaded. Also `empty`, `complete`, `invalid`, `focused`, `submitting`.
 *
 * @example
 * <form action="/pay" method="post">
 *   <tessera-card publishable-key="pk_test_…" edge="https://edge.example.com"></tessera-card>
 *   <button>Pay</button>
 * </form>
 */
export class TesseraCard extends FormControl {
  static observedAttributes = ['publishable-key', 'edge', 'locale'];
  protected readonly defaultName = DEFAULT_FIELD_NAME;

  readonly #box: HTMLDivElement;
  #tessera: Tessera | undefined;
  #card: TesseraCardElement | undefined;
  #state: CardElementChangeEvent | undefined;
  #failure: TesseraError | undefined;
  #form: HTMLFormElement | null = null;
  /** Bumped on every (re)mount, so a load that finishes after a newer one started is dropped. */
  #generation = 0;
  #submitting = false;
  #connected = false;
  #token = '';

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open', delegatesFocus: true });
    root.adoptedStyleSheets = [tesseraCardStyles()];
    this.#box = document.createElement('div');
    this.#box.setAttribute('part', 'frame');
    root.append(this.#box);
    this.#validate();
  }

  /** The token of the last submission, or `''`: what the form submits under `name`. Never a card value. */
  get value(): string {
    return this.#token;
  }

  /** Moves focus into the card number. */
  override focus(): void {
    this.#card?.focus();
  }

  connectedCallback(): void {
    this.#connected = true;
    this.#mount();
  }

  disconnectedCallback(): void {
    this.#connected = false;
    this.#unmount();
  }

  attributeChangedCallback(name: string, before: string | null, after: string | null): void {
    if (before === after || !this.#connected) return;
    if (name === 'locale') this.#card?.update(this.#options());
    else this.#mount();
  }

  formAssociatedCallback(form: HTMLFormElement | null): void {
    // Capture on the form itself: this runs before the page's own submit handlers, a framework's included.
    this.#form?.removeEventListener('submit', this.#onSubmit, true);
    this.#form = form;
    form?.addEventListener('submit', this.#onSubmit, true);
  }

  formDisabledCallback(disabled: boolean): void {
    this.#card?.update({ disabled });
  }

  formResetCallback(): void {
    this.#card?.clear();
    this.#setToken('');
    this.#failure = undefined;
    this.#validate();
  }

  /** Options from the attributes. The field page checks `locale`: one it does not know is a warning, and `auto`. */
  #options(): CardElementOptions {
    const options: CardElementOptions = { disabled: this.matches(':disabled') };
    const locale = this.getAttribute('locale');
    if (locale) options.locale = locale as LocaleOption;
    return options;
  }

  #mount(): void {
    this.#unmount();
    const generation = ++this.#generation;
    const key = this.getAttribute('publishable-key');
    const edge = this.getAttribute('edge');
    if (!key || !edge) return;
    let loading: Promise<Tessera>;
    try {
      loading = loadTessera(key, { edge });
    } catch (error) {
      this.#setupFailed(error);
      return;
    }
    loading.then(
      (tessera) => {
        if (generation !== this.#generation) return;
        const card = tessera.elements().create('card', this.#options());
        for (const name of EVENTS) card.on(name, (detail) => this.#relay(name, detail));
        this.#tessera = tessera;
        this.#card = card;
        card.mount(this.#box);
      },
      (error: unknown) => {
        if (generation === this.#generation) this.#setupFailed(error);
      },
    );
  }

  #unmount(): void {
    this.#generation++;
    this.#card?.destroy();
    this.#card = undefined;
    this.#tessera = undefined;
    this.#state = undefined;
    this.#failure = undefined;
    this.#setToken('');
    for (const state of ['ready', 'empty', 'complete', 'invalid', 'focused']) this.internals.states.delete(state);
    this.#validate();
  }

  /**
   * The card cannot be shown: the form cannot be submitted, and `loaderror` says why when the edge refused the key
   * or this page. Anything else (a malformed `edge`, a page that is not http(s)) is a bug in the page, thrown at
   * the console as it is.
   */
  #setupFailed(error: unknown): void {
    if (error instanceof IntegrationError && error.code !== undefined) {
      this.#relay('loaderror', { elementType: 'card', error: clientError(error.code) });
      return;
    }
    this.#failure = clientError('not_mounted');
    this.#validate();
    reportError(error);
  }

  #relay<K extends keyof CardElementEvents & string>(name: K, detail: CardElementEvents[K]): void {
    const states = this.internals.states;
    if (name === 'ready') states.add('ready');
    if (name === 'focus' || name === 'blur') states[name === 'focus' ? 'add' : 'delete']('focused');
    if (name === 'loaderror') this.#failure = (detail as CardElementEvents['loaderror']).error;
    if (name === 'change') {
      this.#state = detail as CardElementChangeEvent;
      // The card changed: a token made from what it was no longer belongs in the form.
      this.#setToken('');
      this.#failure = undefined;
    }
    this.#validate();
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: name === 'change' }));
  }

  #validate(): void {
    const { flags, message } = cardValidity(this.#state, this.#failure);
    const states = this.internals.states;
    states[this.#state === undefined || this.#state.empty ? 'add' : 'delete']('empty');
    states[this.#state?.complete && this.#state.valid ? 'add' : 'delete']('complete');
    states[this.#state?.error === undefined ? 'delete' : 'add']('invalid');
    // The iframe is what the browser points at and focuses when it reports the problem.
    const anchor = this.#box.querySelector('iframe') ?? this.#box;
    if (message === '') this.internals.setValidity({});
    else this.internals.setValidity(flags, message, anchor);
  }

  #setToken(token: string): void {
    this.#token = token;
    // As a list of entries the value needs no `name` attribute: `tessera_token` is the name when there is none.
    const entries = new FormData();
    entries.append(this.name, token);
    this.internals.setFormValue(token === '' ? null : entries);
  }

  readonly #onSubmit = (event: SubmitEvent): void => {
    const form = this.#form;
    if (event.target !== form || form === null || resubmitting.has(form) || this.matches(':disabled')) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    if (!this.#submitting) void this.#tokenizeAndSubmit(event.submitter);
  };

  async #tokenizeAndSubmit(submitter: HTMLElement | null): Promise<void> {
    const tessera = this.#tessera;
    const card = this.#card;
    this.#submitting = true;
    this.internals.states.add('submitting');
    let result: TokenizeResult;
    try {
      result = tessera && card ? await tessera.createToken(card) : { error: clientError('not_mounted') };
    } finally {
      this.#submitting = false;
      this.internals.states.delete('submitting');
    }
    const form = this.#form;
    if ('error' in result) {
      this.#tokenizeFailed(result.error, form);
      return;
    }
    this.#setToken(result.token);
    this.dispatchEvent(new CustomEvent('token', { detail: result }));
    if (!form?.isConnected) return;
    resubmitting.add(form);
    try {
      // requestSubmit validates again and fires `submit` synchronously; the submitter keeps its name and value.
      const owned = submitter !== null && (submitter as HTMLButtonElement).form === form;
      form.requestSubmit(owned ? submitter : null);
    } finally {
      resubmitting.delete(form);
    }
  }

  /**
   * Says why the submission stopped, where the browser says a field is wrong. A card the edge refused holds the
   * form back until the shopper changes it; anything else (the network, a busy frame) is shown once, and the next
   * submission simply tries again.
   */
  #tokenizeFailed(error: TesseraError, form: HTMLFormElement | null): void {
    this.dispatchEvent(new CustomEvent('tokenerror', { detail: { error } }));
    const anchor = this.#box.querySelector('iframe') ?? this.#box;
    this.internals.setValidity({ customError: true }, error.message, anchor);
    if (form && !form.noValidate) this.internals.reportValidity();
    if (error.type === 'validation_error') this.#failure = error;
    else this.#validate();
  }
}
