import { html, LitElement, nothing } from 'lit';
import type { AdminClient } from '../../api/admin-client';
import type { Merchant } from '../../api/admin-types';
import { sharedStyles } from '../../styles/shared-styles';

/**
 * Every merchant of the deployment, configured or created through the operator API.
 *
 * @fires tessera-select - The operator chose a merchant to manage; `detail` is the `Merchant`.
 */
export class TesseraMerchantList extends LitElement {
  static override styles = sharedStyles;
  static override properties = {
    client: { attribute: false },
    selectedId: { attribute: false },
    _merchants: { state: true },
    _error: { state: true },
  };

  declare client: AdminClient;
  declare selectedId: string | undefined;
  declare private _merchants: Merchant[] | undefined;
  declare private _error: string;

  constructor() {
    super();
    this.selectedId = undefined;
    this._merchants = undefined;
    this._error = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.refresh();
  }

  async refresh(): Promise<void> {
    const result = await this.client.merchants();
    if (result.ok) {
      this._merchants = result.value;
      this._error = '';
    } else this._error = `Could not list the merchants: ${result.error.message}`;
  }

  override render() {
    return html`
      <section aria-labelledby="merchants-heading">
        <div class="actions">
          <h2 id="merchants-heading">Merchants</h2>
          <button type="button" @click=${() => this.refresh()}>
            Refresh<span class="visually-hidden"> the merchants</span>
          </button>
        </div>
        <p class="error" role="alert">${this._error}</p>
        ${this._merchants === undefined ? html`<p class="muted">Loading…</p>` : this.#table(this._merchants)}
      </section>
    `;
  }

  #table(merchants: Merchant[]) {
    if (merchants.length === 0) return html`<p>No merchants yet.</p>`;
    return html`<div class="table-wrap">
      <table>
        <caption class="visually-hidden">Merchants</caption>
        <thead>
          <tr>
            <th scope="col">Merchant</th>
            <th scope="col">Name</th>
            <th scope="col">Status</th>
            <th scope="col">Source</th>
            <th scope="col">Origins</th>
            <th scope="col"><span class="visually-hidden">Actions</span></th>
          </tr>
        </thead>
        <tbody>
          ${merchants.map(
            (m) => html`<tr>
              <th scope="row"><code>${m.id}</code></th>
              <td>${m.name}</td>
              <td><span class="badge ${m.status}">${m.status}</span></td>
              <td>${m.source === 'config' ? 'configured' : 'registry'}</td>
              <td>${m.origins.length === 0 ? html`<span class="muted">none</span>` : m.origins.join(', ')}</td>
              <td>
                <button
                  type="button"
                  aria-current=${m.id === this.selectedId ? 'true' : nothing}
                  @click=${() => this.dispatchEvent(new CustomEvent<Merchant>('tessera-select', { detail: m }))}
                >
                  Manage<span class="visually-hidden"> ${m.id}</span>
                </button>
              </td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }
}

customElements.define('tessera-merchant-list', TesseraMerchantList);

declare global {
  interface HTMLElementTagNameMap {
    'tessera-merchant-list': TesseraMerchantList;
  }
}
