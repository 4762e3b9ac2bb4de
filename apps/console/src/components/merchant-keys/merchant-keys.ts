import { html, LitElement, nothing, type PropertyValues } from 'lit';
import type { AdminClient } from '../../api/admin-client';
import type { ApiKey, RolledKey } from '../../api/admin-types';
import { formatTime, isoTime } from '../../lib/format';
import { sharedStyles } from '../../styles/shared-styles';
import { merchantKeysStyles } from './merchant-keys.styles';

/** How long the old key keeps working after a roll: the choices offered, in seconds. */
const OVERLAPS = [
  [0, 'not at all: refused at once'],
  [3600, '1 hour'],
  [86400, '24 hours'],
  [604800, '7 days'],
] as const;

type Pending = { keyId: string; action: 'roll' | 'revoke' };

const when = (seconds: number | null, none: string) =>
  seconds === null
    ? html`<span class="muted">${none}</span>`
    : html`<time datetime=${isoTime(seconds)}>${formatTime(seconds)}</time>`;

/**
 * A merchant's API keys, by prefix and last four (the edge never answers more), with roll and revoke. Both ask
 * first; a roll's new key is shown once, here, and dropped from memory when dismissed.
 *
 * @fires tessera-keys-changed - A key was rolled or revoked (the operator trail has a new event).
 */
export class TesseraMerchantKeys extends LitElement {
  static override styles = [sharedStyles, merchantKeysStyles];
  static override properties = {
    client: { attribute: false },
    merchantId: { attribute: false },
    _keys: { state: true },
    _error: { state: true },
    _asking: { state: true },
    _busy: { state: true },
    _issued: { state: true },
  };

  declare client: AdminClient;
  declare merchantId: string;
  declare private _keys: ApiKey[] | undefined;
  declare private _error: string;
  /** The key whose roll or revocation is being confirmed. */
  declare private _asking: Pending | undefined;
  declare private _busy: boolean;
  /** A roll's answer, holding the new key until the operator dismisses it. */
  declare private _issued: RolledKey | undefined;

  constructor() {
    super();
    this._keys = undefined;
    this._error = '';
    this._asking = undefined;
    this._busy = false;
    this._issued = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('merchantId')) {
      this._keys = undefined;
      this._asking = undefined;
      this._issued = undefined;
      void this.refresh();
    }
  }

  async refresh(): Promise<void> {
    const merchantId = this.merchantId;
    const result = await this.client.keys(merchantId);
    if (merchantId !== this.merchantId) return;
    if (result.ok) {
      this._keys = result.value;
      this._error = '';
    } else this._error = `Could not list the keys: ${result.error.message}`;
  }

  override render() {
    return html`
      <section aria-labelledby="keys-heading">
        <h3 id="keys-heading">API keys</h3>
        ${this._issued ? this.#issued(this._issued) : nothing}
        <p class="error" role="alert">${this._error}</p>
        ${this._keys === undefined ? html`<p class="muted">Loading…</p>` : this.#table(this._keys)}
      </section>
    `;
  }

  #table(keys: ApiKey[]) {
    if (keys.length === 0) return html`<p>This merchant has no keys.</p>`;
    return html`<div class="table-wrap">
      <table>
        <caption class="visually-hidden">API keys of ${this.merchantId}</caption>
        <thead>
          <tr>
            <th scope="col">Key</th>
            <th scope="col">Type</th>
            <th scope="col">Looks like</th>
            <th scope="col">Status</th>
            <th scope="col">Created</th>
            <th scope="col">Last used</th>
            <th scope="col">Expires</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          ${keys.map(
            (key) => html`<tr>
              <th scope="row"><code>${key.id}</code></th>
              <td>${key.type}</td>
              <td><code>${key.prefix}…${key.last4 ?? ''}</code></td>
              <td><span class="badge ${key.status}">${key.status}</span></td>
              <td>${when(key.created, 'configured')}</td>
              <td>${when(key.lastUsed, 'never')}</td>
              <td>${when(key.expiresAt, 'never')}</td>
              <td>${this.#actions(key)}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  #actions(key: ApiKey) {
    if (key.status === 'revoked') return html`<span class="muted">none</span>`;
    const asking = this._asking?.keyId === key.id ? this._asking.action : undefined;
    if (asking === 'roll') {
      return html`<div class="actions confirm">
        <label for="overlap">Old key keeps working</label>
        <select id="overlap">
          ${OVERLAPS.map(([seconds, label]) => html`<option value=${seconds} ?selected=${seconds === 86400}>${label}</option>`)}
        </select>
        <button type="button" class="primary" ?disabled=${this._busy} @click=${() => this.#roll(key)}>
          Roll now<span class="visually-hidden"> ${key.id}</span>
        </button>
        <button type="button" @click=${this.#cancel}>Cancel</button>
      </div>`;
    }
    if (asking === 'revoke') {
      return html`<div class="actions confirm">
        <span>Refused from its next request on.</span>
        <button type="button" class="danger" ?disabled=${this._busy} @click=${() => this.#revoke(key)}>
          Revoke now<span class="visually-hidden"> ${key.id}</span>
        </button>
        <button type="button" @click=${this.#cancel}>Cancel</button>
      </div>`;
    }
    return html`<div class="actions">
      <button type="button" @click=${() => this.#ask(key.id, 'roll')}>
        Roll<span class="visually-hidden"> ${key.id}</span>
      </button>
      <button type="button" @click=${() => this.#ask(key.id, 'revoke')}>
        Revoke<span class="visually-hidden"> ${key.id}</span>
      </button>
    </div>`;
  }

  #issued(rolled: RolledKey) {
    const { previous } = rolled;
    const overlap =
      previous.expiresAt !== null && previous.expiresAt > Date.now() / 1000
        ? html`The old key <code>${previous.id}</code> keeps working until ${when(previous.expiresAt, '')}.`
        : html`The old key <code>${previous.id}</code> is refused from now on.`;
    return html`<div class="issued" role="status" tabindex="-1">
      <p>
        <strong>New ${rolled.type} key <code>${rolled.id}</code>:</strong>
        <code class="secret">${rolled.key}</code>
      </p>
      <p>Shown this once: copy it now, the edge keeps only its hash. ${overlap}</p>
      <div class="actions">
        <button type="button" @click=${() => navigator.clipboard?.writeText(rolled.key)}>Copy the key</button>
        <button type="button" @click=${this.#dismiss}>Done</button>
      </div>
    </div>`;
  }

  async #ask(keyId: string, action: Pending['action']) {
    this._asking = { keyId, action };
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.confirm select, .confirm button')?.focus();
  }

  #cancel = () => {
    this._asking = undefined;
  };

  #dismiss = () => {
    this._issued = undefined;
  };

  async #roll(key: ApiKey) {
    const select = this.renderRoot.querySelector<HTMLSelectElement>('#overlap');
    const expiresIn = Number(select?.value ?? 86400);
    await this.#change(
      () => this.client.rollKey(this.merchantId, key.id, expiresIn),
      (rolled) => {
        this._issued = rolled;
      },
    );
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.issued')?.focus();
  }

  async #revoke(key: ApiKey) {
    await this.#change(
      () => this.client.revokeKey(this.merchantId, key.id),
      () => {},
    );
  }

  async #change<T>(
    call: () => Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>,
    done: (value: T) => void,
  ) {
    this._busy = true;
    const result = await call();
    this._busy = false;
    this._asking = undefined;
    if (!result.ok) {
      this._error = result.error.message;
      return;
    }
    done(result.value);
    this.dispatchEvent(new CustomEvent('tessera-keys-changed'));
    await this.refresh();
  }
}

customElements.define('tessera-merchant-keys', TesseraMerchantKeys);

declare global {
  interface HTMLElementTagNameMap {
    'tessera-merchant-keys': TesseraMerchantKeys;
  }
}
