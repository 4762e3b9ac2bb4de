import { html, LitElement, nothing, type PropertyValues } from 'lit';
import type { AdminClient } from '../../api/admin-client';
import type { Merchant } from '../../api/admin-types';
import { checkRaise, MAX_VAULT_SHARDS, shards } from '../../lib/vault-shards';
import { sharedStyles } from '../../styles/shared-styles';
import { vaultShardsStyles } from './vault-shards.styles';

/**
 * How many shards a merchant's vault is split into, and raising it (`PATCH /v1/admin/merchants/:id
 * { vaultShards }`). The input starts at the current count, its minimum; a raise is asked for first, since the
 * edge never lowers it again. A refused raise reads the merchant again: another operator may have raised it.
 *
 * @fires tessera-merchant-changed - The count was raised here, or found raised since the page read it; `detail` is
 * the `Merchant` as the edge answered it.
 */
export class TesseraVaultShards extends LitElement {
  static override styles = [sharedStyles, vaultShardsStyles];
  static override properties = {
    client: { attribute: false },
    merchant: { attribute: false },
    _asking: { state: true },
    _busy: { state: true },
    _error: { state: true },
    _done: { state: true },
  };

  declare client: AdminClient;
  declare merchant: Merchant;
  /** The count whose raise is being confirmed. */
  declare private _asking: number | undefined;
  declare private _busy: boolean;
  declare private _error: string;
  declare private _done: string;

  constructor() {
    super();
    this._asking = undefined;
    this._busy = false;
    this._error = '';
    this._done = '';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const previous = changed.get('merchant') as Merchant | undefined;
    if (changed.has('merchant') && previous?.id !== this.merchant.id) {
      this._asking = undefined;
      this._error = '';
      this._done = '';
    }
  }

  override render() {
    const { id, vaultShards } = this.merchant;
    const most = vaultShards >= MAX_VAULT_SHARDS;
    return html`
      <section aria-labelledby="shards-heading">
        <h3 id="shards-heading">Vault shards</h3>
        <p>The vault of <code>${id}</code> is split into <strong>${shards(vaultShards)}</strong>.</p>
        <p id="shards-help" class="muted">
          Raise it ahead of a peak: one shard for every 500 new cards a second, up to ${MAX_VAULT_SHARDS}. It can
          only be raised, never lowered again, and raising it moves no token: tokens made so far stay where they
          are, and new ones spread over every shard.
        </p>
        <form @submit=${this.#ask} novalidate>
          <label for="vault-shards">Shards</label>
          <input
            id="vault-shards"
            name="vaultShards"
            type="number"
            inputmode="numeric"
            step="1"
            min=${vaultShards}
            max=${MAX_VAULT_SHARDS}
            .value=${String(vaultShards)}
            ?disabled=${most}
            aria-invalid=${this._error === '' ? 'false' : 'true'}
            aria-describedby="shards-help shards-error"
          />
          <button type="submit" ?disabled=${this._busy || most}>
            Raise<span class="visually-hidden"> the vault shards of ${id}</span>
          </button>
        </form>
        ${this._asking === undefined ? nothing : this.#confirm(vaultShards, this._asking)}
        <p id="shards-error" class="error" role="alert">${this._error}</p>
        <p class="done" role="status">${this._done}</p>
      </section>
    `;
  }

  #confirm(from: number, to: number) {
    return html`<div class="actions confirm">
      <span>From ${shards(from)} to ${shards(to)}? It cannot be lowered again.</span>
      <button type="button" class="primary" ?disabled=${this._busy} @click=${() => this.#raise(to)}>
        Raise now<span class="visually-hidden"> to ${shards(to)}</span>
      </button>
      <button type="button" @click=${this.#cancel}>Cancel</button>
    </div>`;
  }

  async #ask(event: SubmitEvent) {
    event.preventDefault();
    const input = this.renderRoot.querySelector<HTMLInputElement>('#vault-shards');
    const check = checkRaise(input?.value ?? '', this.merchant.vaultShards);
    this._done = '';
    if (!check.ok) {
      this._asking = undefined;
      this._error = check.message;
      input?.focus();
      return;
    }
    this._error = '';
    this._asking = check.value;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.confirm button')?.focus();
  }

  #cancel = async () => {
    this._asking = undefined;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#vault-shards')?.focus();
  };

  async #raise(to: number) {
    const merchantId = this.merchant.id;
    this._busy = true;
    const result = await this.client.updateMerchant(merchantId, { vaultShards: to });
    this._busy = false;
    if (merchantId !== this.merchant.id) return;
    this._asking = undefined;
    if (!result.ok) {
      this._error = result.error.message;
      const fresh = await this.client.merchant(merchantId);
      if (fresh.ok && merchantId === this.merchant.id && fresh.value.vaultShards !== this.merchant.vaultShards) {
        this.dispatchEvent(new CustomEvent<Merchant>('tessera-merchant-changed', { detail: fresh.value }));
      }
      return;
    }
    this._error = '';
    const count = shards(result.value.vaultShards);
    this._done = `Raised to ${count}: new tokens spread over all of them, and no token moved.`;
    this.dispatchEvent(new CustomEvent<Merchant>('tessera-merchant-changed', { detail: result.value }));
  }
}

customElements.define('tessera-vault-shards', TesseraVaultShards);

declare global {
  interface HTMLElementTagNameMap {
    'tessera-vault-shards': TesseraVaultShards;
  }
}
