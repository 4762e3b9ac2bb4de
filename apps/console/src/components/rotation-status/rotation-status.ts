import { html, LitElement } from 'lit';
import type { AdminClient } from '../../api/admin-client';
import type { RotationStatus } from '../../api/admin-types';
import { PollController } from '../../controllers/poll-controller';
import { sharedStyles } from '../../styles/shared-styles';

/** How often a running rotation is asked for its progress. */
const POLL_MS = 2000;

type View = { kind: 'loading' } | { kind: 'unavailable' } | { kind: 'error'; message: string } | RotationStatus;

/**
 * How far the rotation of the key-encryption key has come (`GET /v1/admin/rotate`): polled while it runs, asked
 * once otherwise. An edge without the route shows "Not available" (and is not asked again: each 404 of an
 * operator route is a refusal the operator trail records).
 */
export class TesseraRotationStatus extends LitElement {
  static override styles = sharedStyles;
  static override properties = { client: { attribute: false }, _view: { state: true } };

  declare client: AdminClient;
  declare private _view: View;

  readonly #poll = new PollController(this, () => this.#check(), POLL_MS);

  constructor() {
    super();
    this._view = { kind: 'loading' };
  }

  async #check(): Promise<boolean> {
    const result = await this.client.rotation();
    if (result.ok) {
      this._view = result.value;
      return result.value.state === 'running';
    }
    this._view =
      result.error.code === 'not_found' ? { kind: 'unavailable' } : { kind: 'error', message: result.error.message };
    return false;
  }

  override render() {
    const view = this._view;
    const available = !('kind' in view) || view.kind !== 'unavailable';
    return html`
      <section aria-labelledby="rotation-heading">
        <div class="actions">
          <h2 id="rotation-heading">KEK rotation</h2>
          ${
            available
              ? html`<button type="button" @click=${() => this.#poll.refresh()}>
                  Check again<span class="visually-hidden"> the KEK rotation</span>
                </button>`
              : ''
          }
        </div>
        ${this.#body(view)}
      </section>
    `;
  }

  #body(view: View) {
    if ('kind' in view) {
      if (view.kind === 'loading') return html`<p class="muted">Loading…</p>`;
      if (view.kind === 'unavailable') {
        return html`<p><strong>Not available</strong>: this edge has no KEK rotation route yet.</p>`;
      }
      return html`<p class="error" role="alert">Could not read the rotation: ${view.message}</p>`;
    }
    if (view.state === 'idle') {
      return html`<p><span class="badge idle">idle</span> No rotation has been started.</p>`;
    }
    const handled = view.done + view.failed;
    return html`
      <p>
        <span class="badge ${view.state}">${view.state}</span>
        Rewrapping every merchant’s data keys under <code>${view.kek ?? 'unknown'}</code>: ${view.done} of
        ${view.total} merchants done${view.failed > 0 ? html`, <strong class="error">${view.failed} failed</strong>` : ''}.
      </p>
      <label for="rotation-progress">Merchants handled</label>
      <progress id="rotation-progress" max=${Math.max(view.total, 1)} value=${handled}>${handled} of ${view.total}</progress>
    `;
  }
}

customElements.define('tessera-rotation-status', TesseraRotationStatus);

declare global {
  interface HTMLElementTagNameMap {
    'tessera-rotation-status': TesseraRotationStatus;
  }
}
