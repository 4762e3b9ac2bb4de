/**
 * What makes a custom element a form control like `<input>`: form association through `ElementInternals`, and the
 * properties and methods a form control has (`form`, `labels`, `name`, `disabled`, `validity`, `checkValidity()`,
 * `reportValidity()`, …), all answered by the platform from the internals. Subclasses set the value and validity.
 */
export abstract class FormControl extends HTMLElement {
  static formAssociated = true;

  protected readonly internals: ElementInternals;

  /** The name the value is submitted under when the element has no `name` attribute. */
  protected abstract readonly defaultName: string;

  constructor() {
    super();
    this.internals = this.attachInternals();
  }

  get name(): string {
    return this.getAttribute('name') || this.defaultName;
  }
  set name(value: string) {
    this.setAttribute('name', value);
  }

  get disabled(): boolean {
    return this.hasAttribute('disabled');
  }
  set disabled(value: boolean) {
    this.toggleAttribute('disabled', Boolean(value));
  }

  get form(): HTMLFormElement | null {
    return this.internals.form;
  }
  get labels(): NodeList {
    return this.internals.labels;
  }
  get type(): string {
    return this.localName;
  }
  get validity(): ValidityState {
    return this.internals.validity;
  }
  get validationMessage(): string {
    return this.internals.validationMessage;
  }
  get willValidate(): boolean {
    return this.internals.willValidate;
  }
  checkValidity(): boolean {
    return this.internals.checkValidity();
  }
  reportValidity(): boolean {
    return this.internals.reportValidity();
  }
}
