import { html, LitElement } from 'lit';
import type { AdminClient } from '../../api/admin-client';
import { sharedStyles } from '../../styles/shared-styles';
import { signInStyles } from './sign-in.styles';

const REFUSED: Record<string, string> = {
  unauthorized: 'The edge refused this key: it is not an operator key it knows, or it was revoked or has expired.',
  wrong_key_type: 'This is a merchant’s or an agent platform’s key: only an operator key signs in here.',
};

/**
 * The operator's sign-in. The key goes from the input straight into an `AdminClient` made by `createClient`, and
 * the input is emptied: it is never written to storage, a cookie or the address.
 *
 * @fires tessera-sign-in - The edge accepted the key; `detail` is the `AdminClient` holding it.
 */
export class TesseraSignIn extends LitElement {
  static override styles = [sharedStyles, signInStyles];
  static override properties = {
    createClient: { attribute: false },
    _busy: { state: true },
    _error: { state: true },
  };

  /** Makes the client that will hold the key (the console app hooks its own refusal handling in). */
  declare createClient: (key: string) => AdminClient;
  declare private _busy: boolean;
  declare private _error: string;

  constructor() {
    super();
    this._busy = false;
    this._error = '';
  }

  override render() {
    return html`
      <section aria-labelledby="sign-in-heading">
        <h2 id="sign-in-heading">Sign in</h2>
        <p class="muted">
          With an operator key (<code>op_…</code>). The console keeps it in this tab’s memory only, and forgets it
          when you sign out, reload or close the tab.
        </p>
        <form @submit=${this.#submit} novalidate>
          <label for="key">Operator key</label>
          <input
            id="key"
            name="key"
            type="password"
            autocomplete="off"
            spellcheck="false"
            required
            aria-invalid=${this._error === '' ? 'false' : 'true'}
            aria-describedby="key-error"
          />
          <button class="primary" type="submit" ?disabled=${this._busy}>Sign in</button>
          <p id="key-error" class="error" role="alert">${this._error}</p>
        </form>
      </section>
    `;
  }

  /** Puts the cursor in the key's input. */
  override focus(): void {
    this.renderRoot.querySelector<HTMLInputElement>('#key')?.focus();
  }

  async #submit(event: SubmitEvent) {
    event.preventDefault();
    const input = this.renderRoot.querySelector<HTMLInputElement>('#key');
    if (input === null) return;
    const key = input.value.trim();
    if (key === '') {
      this._error = 'Enter an operator key.';
      return;
    }
    this._busy = true;
    this._error = '';
    const client = this.createClient(key);
    const check = await client.merchants();
    this._busy = false;
    if (!check.ok) {
      this._error = REFUSED[check.error.code] ?? check.error.message;
      input.focus();
      return;
    }
    input.value = '';
    this.dispatchEvent(new CustomEvent<AdminClient>('tessera-sign-in', { detail: client }));
  }
}

customElements.define('tessera-sign-in', TesseraSignIn);

declare global {
  interface HTMLElementTagNameMap {
    'tessera-sign-in': TesseraSignIn;
  }
}
