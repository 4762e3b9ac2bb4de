import { html, LitElement, nothing } from 'lit';
import { AdminClient } from '../../api/admin-client';
import type { Merchant } from '../../api/admin-types';
import { sharedStyles } from '../../styles/shared-styles';
import '../activity-chart/activity-chart';
import '../merchant-keys/merchant-keys';
import '../merchant-list/merchant-list';
import '../operator-trail/operator-trail';
import '../rotation-status/rotation-status';
import '../sign-in/sign-in';
import '../vault-shards/vault-shards';
import { consoleAppStyles } from './console-app.styles';

/**
 * The operator console: signed out, the sign-in; signed in, KEK rotation, the merchants, the chosen merchant's
 * vault shards, keys and activity, and the operator trail. Holds the one `AdminClient`, and with it the key;
 * signing out, or the edge refusing the key, drops both.
 */
export class TesseraConsole extends LitElement {
  static override styles = [sharedStyles, consoleAppStyles];
  static override properties = {
    _client: { state: true },
    _merchant: { state: true },
    _notice: { state: true },
    _trailVersion: { state: true },
  };

  declare private _client: AdminClient | undefined;
  declare private _merchant: Merchant | undefined;
  declare private _notice: string;
  /** Bumped after a change of keys or of the merchant, so the trail shows its event. */
  declare private _trailVersion: number;

  constructor() {
    super();
    this._client = undefined;
    this._merchant = undefined;
    this._notice = '';
    this._trailVersion = 0;
  }

  override render() {
    return html`
      <header>
        <h1>Tessera operator console</h1>
        ${this._client ? html`<button type="button" @click=${() => this.#signOut('')}>Sign out</button>` : nothing}
      </header>
      <main>
        <p class="notice" role="status">${this._notice}</p>
        ${this._client ? this.#signedIn(this._client) : this.#signIn()}
      </main>
    `;
  }

  #signIn() {
    return html`<tessera-sign-in
      .createClient=${(key: string) => new AdminClient(key, { onUnauthorized: () => this.#refused() })}
      @tessera-sign-in=${(event: CustomEvent<AdminClient>) => {
        this._notice = '';
        this._client = event.detail;
      }}
    ></tessera-sign-in>`;
  }

  #signedIn(client: AdminClient) {
    const merchant = this._merchant;
    return html`
      <tessera-rotation-status .client=${client}></tessera-rotation-status>
      <tessera-merchant-list
        .client=${client}
        .selectedId=${merchant?.id}
        @tessera-select=${(event: CustomEvent<Merchant>) => this.#select(event.detail)}
      ></tessera-merchant-list>
      ${
        merchant
          ? html`<section class="merchant" aria-labelledby="merchant-heading">
              <h2 id="merchant-heading" tabindex="-1">Merchant <code>${merchant.id}</code>: ${merchant.name}</h2>
              <tessera-vault-shards
                .client=${client}
                .merchant=${merchant}
                @tessera-merchant-changed=${(event: CustomEvent<Merchant>) => this.#changed(event.detail)}
              ></tessera-vault-shards>
              <tessera-merchant-keys
                .client=${client}
                .merchantId=${merchant.id}
                @tessera-keys-changed=${() => this._trailVersion++}
              ></tessera-merchant-keys>
              <tessera-activity-chart .client=${client} .merchantId=${merchant.id}></tessera-activity-chart>
            </section>`
          : nothing
      }
      <tessera-operator-trail .client=${client} .version=${this._trailVersion}></tessera-operator-trail>
    `;
  }

  async #select(merchant: Merchant) {
    this._merchant = merchant;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#merchant-heading')?.focus();
  }

  /** The merchant as the edge answered a change: shown here, in the list, and in the trail. */
  #changed(merchant: Merchant) {
    this._merchant = merchant;
    this._trailVersion++;
    void this.renderRoot.querySelector('tessera-merchant-list')?.refresh();
  }

  #refused() {
    this.#signOut('The edge no longer accepts this operator key (revoked or expired): sign in again.');
  }

  async #signOut(notice: string) {
    this._client = undefined;
    this._merchant = undefined;
    this._notice = notice;
    await this.updateComplete;
    this.renderRoot.querySelector('tessera-sign-in')?.focus();
  }
}

customElements.define('tessera-console', TesseraConsole);

declare global {
  interface HTMLElementTagNameMap {
    'tessera-console': TesseraConsole;
  }
}
