import {
  type Brand,
  type CardData,
  type CardElementOptions,
  FIELD_ERRORS,
  type FieldError,
  maxNumberLength,
  type StyleProperty,
} from '@tessera/protocol';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { live } from 'lit/directives/live.js';
import { brandIcon } from './brand-icon';
import { cardFieldStyles, styleVariable } from './card-field.styles';
import {
  ALL_FINAL,
  CARD_INPUTS,
  type CardCheck,
  type CardFieldState,
  type CardInput,
  type CardValues,
  checkCard,
  EMPTY_VALUES,
  type FinalFlags,
  firstError,
  maxCvcLength,
  NOT_FINAL,
  sameState,
  summarize,
  toCardData,
  toCardParts,
} from './card-state';
import { formatCvcInput, formatExpiryInput, formatNumberInput, reformat } from './input-edit';

const INPUTS = {
  number: { label: 'Card number', autocomplete: 'cc-number', name: 'cardnumber', placeholder: '1234 1234 1234 1234' },
  expiry: { label: 'Expiration date', autocomplete: 'cc-exp', name: 'exp-date', placeholder: 'MM / YY' },
  cvc: { label: 'Security code', autocomplete: 'cc-csc', name: 'cvc', placeholder: 'CVC' },
} as const satisfies Record<CardInput, { label: string; autocomplete: string; name: string; placeholder: string }>;

// Auto-advance is focus policy, not a card rule: a number moves on when it is complete and either has its
// brand's longest length or at least 16 digits, so a 13-digit prefix of a 16-digit Visa that happens to pass
// Luhn never steals focus mid-number.
const ADVANCE_AT_DIGITS = 16;

const isCardInput = (id: string): id is CardInput => (CARD_INPUTS as readonly string[]).includes(id);

/** `inputs="expiry cvc"` → the inputs it names, in tab order; nothing valid → all three. */
const readInputs = (value: string | null): readonly CardInput[] => {
  const named = new Set((value ?? '').split(/\s+/));
  const inputs = CARD_INPUTS.filter((input) => named.has(input));
  return inputs.length > 0 ? inputs : CARD_INPUTS;
};

export interface FieldEventDetail {
  field: CardInput;
}

/**
 * The card element inside the field page: card number, expiration date and security code in one box, or, for
 * split fields, just one of them (`inputs="number"`, `"expiry"` or `"cvc"`), with the same rules and styles.
 * Formats as the shopper types, validates with the protocol's card rules, and shows errors inline.
 * Its values never leave it except through `cardData()`, which the field page seals.
 *
 * @fires tessera-change - The element's state (`CardFieldState`: empty, complete, valid, brand, error) changed.
 * @fires tessera-focus - An input gained focus; `detail.field` names it.
 * @fires tessera-blur - An input lost focus; `detail.field` names it.
 * @csspart base - The bordered box holding the three inputs.
 * @csspart field - Each input's wrapper (also `number-field`, `expiry-field`, `cvc-field`).
 * @csspart input - Each input (also `number-input`, `expiry-input`, `cvc-input`).
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
    _values: { state: true },
    _final: { state: true },
  };

  /** Sanitized element options (see `readElementOptions`): style, disabled, hideIcon. */
  declare options: CardElementOptions;
  /** The inputs shown, in tab order: all three for the card element, one for a split field. */
  declare inputs: readonly CardInput[];
  /** For a split CVC field: the brand its group's number frame detected (4 digits for Amex). */
  declare knownBrand: Brand | undefined;
  declare private _values: CardValues;
  declare private _final: FinalFlags;

  /** The clock expiry dates are judged against; tests may pin it. */
  now: () => Date = () => new Date();

  #check: CardCheck = checkCard(EMPTY_VALUES, NOT_FINAL, new Date());
  #lastState: CardFieldState | undefined;
  #styleVariables = new Set<string>();

  constructor() {
    super();
    this.options = {};
    this.inputs = CARD_INPUTS;
    this.knownBrand = undefined;
    this._values = EMPTY_VALUES;
    this._final = NOT_FINAL;
  }

  /** The element's current state: what the merchant page may learn (no digits). */
  get state(): CardFieldState {
    return summarize(this.#checkNow(this._final), this.inputs);
  }

  /** Marks every input as final (as when paying) so their errors show; returns the first error, if any. */
  showErrors(): FieldError | undefined {
    this._final = ALL_FINAL;
    return firstError(this.#checkNow(ALL_FINAL), this.inputs);
  }

  /** The card to seal, or undefined while anything is incomplete or wrong. Only the field page calls this. */
  cardData(): CardData | undefined {
    return toCardData(this._values, this.#checkNow(ALL_FINAL));
  }

  /** The parts of the card this element's inputs hold (a split field's one part), or undefined while wrong. */
  cardParts(): Partial<CardData> | undefined {
    return toCardParts(this._values, this.#checkNow(ALL_FINAL), this.inputs);
  }

  clear(): void {
    this._values = EMPTY_VALUES;
    this._final = NOT_FINAL;
  }

  override focus(options?: FocusOptions): void {
    this.#input(this.inputs[0] ?? 'number')?.focus(options);
  }

  override blur(): void {
    const active = this.shadowRoot?.activeElement;
    if (active instanceof HTMLElement) active.blur();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('options')) this.#applyStyle();
    this.#check = this.#checkNow(this._final);
  }

  protected override updated(): void {
    const state = summarize(this.#check, this.inputs);
    if (sameState(this.#lastState, state)) return;
    const first = this.#lastState === undefined;
    this.#lastState = state;
    if (!first) this.dispatchEvent(new CustomEvent('tessera-change', { detail: state, bubbles: true, composed: true }));
  }

  protected override render() {
    const summary = summarize(this.#check, this.inputs);
    const box = `card${summary.valid ? '' : ' invalid'}${summary.complete ? ' complete' : ''}${
      this.options.disabled ? ' disabled' : ''
    }${this.inputs.length === 1 ? ' single' : ''}`;
    return html`<div class=${box} part="base">${this.inputs.map((input) => this.#renderInput(input))}</div>
      <div
        class=${this.options.showErrors === false ? 'errors visually-hidden' : 'errors'}
        part="errors"
        aria-live="polite"
      >
        ${this.inputs.map((input) => {
          const code = this.#check.inputs[input].error;
          return html`<p id="${input}-error" part="error">${code ? FIELD_ERRORS[code] : ''}</p>`;
        })}
      </div>`;
  }

  #renderInput(input: CardInput) {
    const { label, autocomplete, name, placeholder } = INPUTS[input];
    const { complete, error } = this.#check.inputs[input];
    const state = error ? 'invalid' : complete ? 'complete' : 'base';
    const icon =
      input === 'number' && !this.options.hideIcon
        ? html`<span class="brand" part="brand-icon">${brandIcon(this.#check.brand)}</span>`
        : nothing;
    return html`<div class="field ${input}" part="field ${input}-field" data-state=${state}>
      <label class="visually-hidden" for=${input}>${label}</label>
      <input
        id=${input}
        part="input ${input}-input"
        type="text"
        inputmode="numeric"
        autocomplete=${autocomplete}
        name=${name}
        placeholder=${placeholder}
        autocorrect="off"
        spellcheck="false"
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby="${input}-error"
        ?disabled=${this.options.disabled === true}
        .value=${live(this._values[input])}
        @input=${this.#onInput}
        @focus=${this.#onFocus}
        @blur=${this.#onBlur}
        @keydown=${this.#onKeydown}
      />${icon}
    </div>`;
  }

  /** The card's check now; a split CVC field judges its code by the brand its number frame sent. */
  #checkNow(final: FinalFlags): CardCheck {
    return checkCard(this._values, final, this.now(), this.knownBrand);
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

  #onInput(event: Event): void {
    const el = event.target as HTMLInputElement;
    if (!isCardInput(el.id)) return;
    const input = el.id;
    // Autofill and some IMEs fire a plain Event: treat it as an insertion.
    const inputType = event instanceof InputEvent ? event.inputType : '';
    const edit = reformat(
      el.value,
      el.selectionStart ?? el.value.length,
      this._values[input],
      inputType,
      this.#format(input),
    );
    el.value = edit.value;
    const focused = this.shadowRoot?.activeElement === el;
    if (focused) el.setSelectionRange(edit.caret, edit.caret);
    this._values = { ...this._values, [input]: edit.value };
    // Editing takes back a shown "incomplete" until the shopper leaves the input again.
    this._final = { ...this._final, [input]: false };
    if (focused && !inputType.startsWith('delete') && edit.caret === edit.value.length) this.#advanceFrom(input);
  }

  #advanceFrom(input: CardInput): void {
    const check = this.#checkNow(NOT_FINAL);
    const { complete, error } = check.inputs[input];
    if (!complete || error) return;
    if (input === 'number') {
      const digits = this._values.number.replace(/\D/g, '').length;
      if (digits >= ADVANCE_AT_DIGITS || digits === maxNumberLength(check.brand)) this.#input('expiry')?.focus();
    } else if (input === 'expiry') {
      this.#input('cvc')?.focus();
    }
  }

  #onFocus(event: FocusEvent): void {
    const id = (event.target as HTMLInputElement).id;
    if (isCardInput(id)) this.#fire('tessera-focus', id);
  }

  #onBlur(event: FocusEvent): void {
    const id = (event.target as HTMLInputElement).id;
    if (!isCardInput(id)) return;
    // Leaving an input with something in it makes a short value an error; an untouched empty one stays quiet.
    if (this._values[id] !== '') this._final = { ...this._final, [id]: true };
    this.#fire('tessera-blur', id);
  }

  #onKeydown(event: KeyboardEvent): void {
    const el = event.target as HTMLInputElement;
    if (event.key !== 'Backspace' || el.value !== '' || !isCardInput(el.id)) return;
    // Backspace in an empty expiry or code goes back to the input before it, as shoppers expect.
    const previous = CARD_INPUTS[CARD_INPUTS.indexOf(el.id) - 1];
    const target = previous && this.#input(previous);
    if (!target) return;
    event.preventDefault();
    target.focus();
    target.setSelectionRange(target.value.length, target.value.length);
  }

  #fire(type: 'tessera-focus' | 'tessera-blur', field: CardInput): void {
    this.dispatchEvent(new CustomEvent<FieldEventDetail>(type, { detail: { field }, bubbles: true, composed: true }));
  }

  /** Sets the sanitized merchant styles as custom properties on the host (CSSOM, allowed by the page's CSP). */
  #applyStyle(): void {
    const wanted = new Map<string, string>();
    for (const state of ['base', 'invalid', 'complete'] as const) {
      const rules = this.options.style?.[state] ?? {};
      for (const [property, value] of Object.entries(rules)) {
        if (value !== undefined) wanted.set(styleVariable(state, property as StyleProperty), value);
      }
    }
    for (const name of this.#styleVariables) if (!wanted.has(name)) this.style.removeProperty(name);
    for (const [name, value] of wanted) this.style.setProperty(name, value);
    this.#styleVariables = new Set(wanted.keys());
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
  }
}
