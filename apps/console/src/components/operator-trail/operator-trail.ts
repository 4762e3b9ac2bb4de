import { html, LitElement, type PropertyValues } from 'lit';
import type { AdminClient } from '../../api/admin-client';
import type { TrailEvent } from '../../api/admin-types';
import { formatTime } from '../../lib/format';
import { sharedStyles } from '../../styles/shared-styles';

const PAGE = 20;

/** The operator trail (`GET /v1/admin/events`): every change and refused call of the operator API, newest first. */
export class TesseraOperatorTrail extends LitElement {
  static override styles = sharedStyles;
  static override properties = {
    client: { attribute: false },
    version: { attribute: false },
    _events: { state: true },
    _next: { state: true },
    _error: { state: true },
  };

  declare client: AdminClient;
  /** Changed by the console after a change it made, so the newest events are read again. */
  declare version: number;
  declare private _events: TrailEvent[] | undefined;
  declare private _next: string | undefined;
  declare private _error: string;

  constructor() {
    super();
    this.version = 0;
    this._events = undefined;
    this._next = undefined;
    this._error = '';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('version')) void this.refresh();
  }

  async refresh(): Promise<void> {
    const result = await this.client.trail(PAGE);
    if (!result.ok) {
      this._error = `Could not read the operator trail: ${result.error.message}`;
      return;
    }
    this._events = result.value.data;
    this._next = result.value.next;
    this._error = '';
  }

  async #older(): Promise<void> {
    if (this._next === undefined) return;
    const result = await this.client.trail(PAGE, this._next);
    if (!result.ok) {
      this._error = `Could not read older events: ${result.error.message}`;
      return;
    }
    this._events = [...(this._events ?? []), ...result.value.data];
    this._next = result.value.next;
  }

  override render() {
    return html`
      <section aria-labelledby="trail-heading">
        <div class="actions">
          <h2 id="trail-heading">Operator trail</h2>
          <button type="button" @click=${() => this.refresh()}>
            Refresh<span class="visually-hidden"> the operator trail</span>
          </button>
        </div>
        <p class="error" role="alert">${this._error}</p>
        ${this._events === undefined ? html`<p class="muted">Loading…</p>` : this.#table(this._events)}
        ${
          this._next === undefined
            ? ''
            : html`<button type="button" @click=${() => this.#older()}>Load older events</button>`
        }
      </section>
    `;
  }

  #table(events: TrailEvent[]) {
    if (events.length === 0) return html`<p>The trail is empty.</p>`;
    return html`<div class="table-wrap">
      <table>
        <caption class="visually-hidden">Operator trail, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Event</th>
            <th scope="col">Detail</th>
            <th scope="col">Operator key</th>
            <th scope="col">Outcome</th>
          </tr>
        </thead>
        <tbody>
          ${events.map(
            (e) => html`<tr>
              <td><time datetime=${e.time}>${formatTime(e.created)}</time></td>
              <td><code>${e.type}</code></td>
              <td>${e.detail ?? ''}</td>
              <td><code>${e.keyId}</code></td>
              <td><span class="badge ${e.outcome}">${e.outcome}</span></td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }
}

customElements.define('tessera-operator-trail', TesseraOperatorTrail);

declare global {
  interface HTMLElementTagNameMap {
    'tessera-operator-trail': TesseraOperatorTrail;
  }
}
