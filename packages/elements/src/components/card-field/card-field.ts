import type { Brand, CardData, CardElementOptions, FieldError, FieldErrorCode } from '@tessera/protocol';
import { html, LitElement, type PropertyValues } from 'lit';
import { ENGLISH, type UiStrings } from '../../i18n/english';
import { AppearanceStyles } from './appearance-styles';
import { cardFieldStyles } from './card-field.styles';
import { boxClass, renderInput } from './card-field-view';
import {
  combinedInputs,
  INPUT_ATTRIBUTES,
  isCardInput,
  isDigitsPaste,
  nextInput,
  optionalInputs,
  readInputs,
} from './card-inputs';
import {
  ALL_FINAL,
  CARD_DEFAULT_INPUTS,
  CARD_INPUTS,
  type CardCheck,
  type CardInput,
  type CardSummary,
  type CardValues,
  checkCard,
  EMPTY_VALUES,
  type FinalFlags,
  maxCvcLength,
  NOT_FINAL,
  sameSummary,
  summarize,
  toCardData,
  toCardParts,
} from './card-state';
import { formatCvcInput, formatExpiryInput, formatNumberInput, reformat } from './input-edit';

export interface FieldEventDetail {
  field: CardInput;
}

/** The state the merchant page may know: no value, no digit; the error worded in the element's language. */
export interface CardFieldState extends Omit<CardSummary, 'error'> {
  error?: FieldError;
}

/**
 * The card element inside the field page: card number, expiration date and security code in one box (with the
 * name on the card and the postal code when `options.fields` asks), or, for split fields, just one of them
 * (`inputs="number"`, `"expiry"`, `"cvc"`, `"name"` or `"postalCode"`), with the same rules and styles.
 * Formats as the shopper types, validates with the protocol's card rules, and shows errors inline, in `strings`.
 * Its values never leave it except through `cardData()` and `cardParts()`, which the field page seals.
 *
 * @fires tessera-change - The element's state (`CardFieldState`: empty, complete, valid, brand, error) changed.
 * @fires tessera-focus - An input gained focus; `detail.field` names it.
 * @fires tessera-blur - An input lost focus; `detail.field` names it.
 * @fires tessera-escape - Escape was pressed in an input; `detail.field` names it.
 * @fires tessera-advance - The last input is complete and focus may move on, out of the element.
 * @csspart base - The bordered box holding the inputs.
 * @csspart field - Each input's wrapper (also `number-field`, `expiry-field`, …).
 * @csspart input - Each input (also `number-input`, `expiry-input`, …).
 * @csspart brand-icon - The detected brand's mark in the number field.
 * @csspart errors - The live region holding the error messages.
 * @csspart error - One input's error message.
 */
export class TesseraCardField extends LitElement {
  static override styles = cardFieldStyles;
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: true };
  static override properties = {
    options: { attribute: false },
    inputs: { converter: { fromAttribute: readInputs } },
    knownBrand: { attribute: false },
    strings: { attribute: false },
    _values: { state: true },
    _final: { state: true },
  };

  /** Sanitized element options (see `readElementOptions`). */
  declare options: CardElementOptions;
  /** A split field's one input; unset for the combined card, whose inputs follow `options.fields`. */
  declare inputs: readonly CardInput[] | undefined;
  /** For a split CVC field: the brand its group's number frame detected (4 digits for Amex). */
  declare knownBrand: Brand | undefined;
  /** The words shown: labels, placeholders and errors, in the page's language. */
  declare strings: UiStrings;
  declare private _values: CardValues;
  declare private _final: FinalFlags;

  /** The clock expiry dates are judged against; tests may pin it. */
  now: () => Date = () => new Date();

  readonly #appearance = new AppearanceStyles(this);
  #check: CardCheck = checkCard(EMPTY_VALUES, NOT_FINAL, new Date());
  #lastSummary: CardSummary | undefined;

  constructor() {
    super();
    this.options = {};
    this.inputs = undefined;
    this.knownBrand = undefined;
    this.strings = ENGLISH;
    this._values = EMPTY_VALUES;
    this._final = NOT_FINAL;
  }

  /** The inputs shown, in tab order. */
  get shownInputs(): readonly CardInput[] {
    return this.inputs ?? combinedInputs(this.options.fields);
  }

  /** The element's current state: what the merchant page may learn (no digits). */
  get state(): CardFieldState {
    return this.#stateOf(summarize(this.#checkNow(this._final), this.shownInputs));
  }

  /** Marks every input as final (as when paying) so their errors show; returns the first error, if any. */
  showErrors(): FieldError | undefined {
    this._final = ALL_FINAL;
    return this.#stateOf(summarize(this.#checkNow(ALL_FINAL), this.shownInputs)).error;
  }

  /** The error of `code`, worded in the element's language. */
  fieldError(code: FieldErrorCode): FieldError {
    return { code, message: this.strings[`error.${code}`] };
  }

  /** The card to seal, or undefined while anything is incomplete or wrong. Only the field page calls this. */
  cardData(): CardData | undefined {
    // Number, expiry and code always, whatever a split field shows: it alone never holds a whole card.
    const inputs = CARD_INPUTS.filter(
      (input) => CARD_DEFAULT_INPUTS.includes(input) || this.shownInputs.includes(input),
    );
    return toCardData(this._values, this.#checkNow(ALL_FINAL), inputs);
  }

  /** The parts of the card this element's inputs hold (a split field's one part), or undefined while wrong. */
  cardParts(): Partial<CardData> | undefined {
    return toCardParts(this._values, this.#checkNow(ALL_FINAL), this.shownInputs);
  }

  clear(): void {
    this._values = EMPTY_VALUES;
    this._final = NOT_FINAL;
  }

  override focus(options?: FocusOptions): void {
    this.#input(this.shownInputs[0] ?? 'number')?.focus(options);
  }

  override blur(): void {
    const active = this.shadowRoot?.activeElement;
    if (active instanceof HTMLElement) active.blur();
  }

  protected override createRenderRoot() {
    const root = super.createRenderRoot();
    // After Lit's own stylesheets, so appearance rules win over the defaults at equal specificity.
    if (root instanceof ShadowRoot) root.adoptedStyleSheets = [...root.adoptedStyleSheets, this.#appearance.sheet];
    return root;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('options')) this.#appearance.apply(this.options);
    this.#check = this.#checkNow(this._final);
  }

  protected override updated(): void {
    const summary = summarize(this.#check, this.shownInputs);
    if (sameSummary(this.#lastSummary, summary)) return;
    const first = this.#lastSummary === undefined;
    this.#lastSummary = summary;
    if (!first)
      this.dispatchEvent(
        new CustomEvent('tessera-change', { detail: this.#stateOf(summary), bubbles: true, composed: true }),
      );
  }

  protected override render() {
    const inputs = this.shownInputs;
    const summary = summarize(this.#check, inputs);
    const errors = this.options.showErrors === false ? 'errors visually-hidden' : 'errors';
    // The inputs' events bubble to the box (focus and blur as focusin and focusout): one listener each.
    return html`<div
        class=${boxClass(summary, this.options, inputs.length)}
        part="base"
        @input=${this.#onInput}
        @paste=${this.#onPaste}
        @focusin=${this.#onFocus}
        @focusout=${this.#onBlur}
        @keydown=${this.#onKeydown}
      >
        ${inputs.map((input) =>
          renderInput(input, {
            check: this.#check,
            value: this._values[input],
            options: this.options,
            strings: this.strings,
          }),
        )}
      </div>
      <div class=${errors} part="errors" aria-live="polite">
        ${inputs.map((input) => {
          const code = this.#check.inputs[input].error;
          return html`<p id="${input}-error" part="error">${code ? this.strings[`error.${code}`] : ''}</p>`;
        })}
      </div>`;
  }

  #stateOf({ error, ...rest }: CardSummary): CardFieldState {
    return error ? { ...rest, error: this.fieldError(error) } : rest;
  }

  /** The card's check now; a split CVC field judges its code by the brand its number frame sent. */
  #checkNow(final: FinalFlags): CardCheck {
    const optional = this.inputs ? undefined : optionalInputs(this.options.fields);
    return checkCard(this._values, final, this.now(), this.knownBrand, optional);
  }

  #input(input: CardInput): HTMLInputElement | null {
    return this.renderRoot.querySelector<HTMLInputElement>(`#${input}`);
  }

  #format(input: CardInput): (text: string) => string {
    if (input === 'number') return formatNumberInput;
    if (input === 'expiry') return formatExpiryInput;
    const max = maxCvcLength(this.#check.brand);
    return (text) => formatCvcInput(text, max);
  }

  readonly #onInput = (event: Event): void => {
    const el = event.target as HTMLInputElement;
    if (!isCardInput(el.id)) return;
    const input = el.id;
    // Editing takes back a shown "incomplete" until the shopper leaves the input again.
    this._final = { ...this._final, [input]: false };
    if (!INPUT_ATTRIBUTES[input].digits) {
      this._values = { ...this._values, [input]: el.value };
      return;
    }
    // Autofill and some IMEs fire a plain Event: treat it as an insertion.
    const inputType = event instanceof InputEvent ? event.inputType : '';
    const caret = el.selectionStart ?? el.value.length;
    const edit = reformat(el.value, caret, this._values[input], inputType, this.#format(input));
    el.value = edit.value;
    const focused = this.shadowRoot?.activeElement === el;
    if (focused) el.setSelectionRange(edit.caret, edit.caret);
    this._values = { ...this._values, [input]: edit.value };
    if (focused && !inputType.startsWith('delete') && edit.caret === edit.value.length) this.#advanceFrom(input);
  };

  readonly #onPaste = (event: ClipboardEvent): void => {
    const el = event.target as HTMLInputElement;
    if (!isCardInput(el.id) || !INPUT_ATTRIBUTES[el.id].digits) return;
    if (!isDigitsPaste(event.clipboardData?.getData('text') ?? '')) event.preventDefault();
  };

  #advanceFrom(input: CardInput): void {
    const next = nextInput(input, this._values[input], this.#checkNow(NOT_FINAL), this.shownInputs);
    if (next === 'out') this.dispatchEvent(new CustomEvent('tessera-advance', { bubbles: true, composed: true }));
    else if (next) this.#input(next)?.focus();
  }

  readonly #onFocus = (event: FocusEvent): void => {
    const id = (event.target as HTMLInputElement).id;
    if (isCardInput(id)) this.#fire('tessera-focus', id);
  };

  readonly #onBlur = (event: FocusEvent): void => {
    const id = (event.target as HTMLInputElement).id;
    if (!isCardInput(id)) return;
    // Leaving an input with something in it makes a short value an error; an untouched empty one stays quiet.
    if (this._values[id] !== '') this._final = { ...this._final, [id]: true };
    this.#fire('tessera-blur', id);
  };

  readonly #onKeydown = (event: KeyboardEvent): void => {
    const el = event.target as HTMLInputElement;
    if (!isCardInput(el.id)) return;
    if (event.key === 'Escape') {
      this.#fire('tessera-escape', el.id);
      return;
    }
    if (event.key !== 'Backspace' || el.value !== '') return;
    // Backspace in an empty input goes back to the input before it, as shoppers expect.
    const inputs = this.shownInputs;
    const previous = inputs[inputs.indexOf(el.id) - 1];
    const target = previous && this.#input(previous);
    if (!target) return;
    event.preventDefault();
    target.focus();
    target.setSelectionRange(target.value.length, target.value.length);
  };

  #fire(type: 'tessera-focus' | 'tessera-blur' | 'tessera-escape', field: CardInput): void {
    this.dispatchEvent(new CustomEvent<FieldEventDetail>(type, { detail: { field }, bubbles: true, composed: true }));
  }
}

if (!customElements.get('tessera-card-field')) customElements.define('tessera-card-field', TesseraCardField);

declare global {
  interface HTMLElementTagNameMap {
    'tessera-card-field': TesseraCardField;
  }
  interface HTMLElementEventMap {
    'tessera-change': CustomEvent<CardFieldState>;
    'tessera-focus': CustomEvent<FieldEventDetail>;
    'tessera-blur': CustomEvent<FieldEventDetail>;
    'tessera-escape': CustomEvent<FieldEventDetail>;
    'tessera-advance': CustomEvent<undefined>;
  }
}
