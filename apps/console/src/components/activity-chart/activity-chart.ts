import { html, LitElement, type PropertyValues, svg } from 'lit';
import uPlot from 'uplot';
import type { AdminClient } from '../../api/admin-client';
import type { StatsBucket } from '../../api/admin-types';
import { describeActivity, SERIES, toAligned, totals } from '../../lib/chart-series';
import { formatHour, isoTime } from '../../lib/format';
import { sharedStyles } from '../../styles/shared-styles';
import { activityChartStyles } from './activity-chart.styles';

const WINDOWS = [
  [6, '6 hours'],
  [24, '24 hours'],
  [168, '7 days'],
] as const;
const HEIGHT = 240;

/**
 * A merchant's tokenizations, failures and 429s per hour (`GET /v1/admin/merchants/:id/stats`), drawn by uPlot,
 * told in words for screen readers, and given as a table hour by hour.
 */
export class TesseraActivityChart extends LitElement {
  static override styles = [sharedStyles, activityChartStyles];
  static override properties = {
    client: { attribute: false },
    merchantId: { attribute: false },
    _hours: { state: true },
    _buckets: { state: true },
    _error: { state: true },
  };

  declare client: AdminClient;
  declare merchantId: string;
  declare private _hours: number;
  declare private _buckets: StatsBucket[] | undefined;
  declare private _error: string;

  #plot: uPlot | undefined;
  readonly #resize = new ResizeObserver(() => this.#fit());

  constructor() {
    super();
    this._hours = 24;
    this._buckets = undefined;
    this._error = '';
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('merchantId') || changed.has('_hours')) void this.refresh();
  }

  protected override updated(): void {
    const box = this.renderRoot.querySelector<HTMLElement>('.plot');
    if (box === null || this._buckets === undefined) return;
    const data = toAligned(this._buckets);
    if (this.#plot === undefined) {
      this.#plot = new uPlot(this.#options(box.clientWidth), data, box);
      this.#resize.observe(box);
    } else this.#plot.setData(data);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#resize.disconnect();
    this.#plot?.destroy();
    this.#plot = undefined;
  }

  async refresh(): Promise<void> {
    const [merchantId, hours] = [this.merchantId, this._hours];
    const result = await this.client.stats(merchantId, hours);
    if (merchantId !== this.merchantId || hours !== this._hours) return;
    if (result.ok) {
      this._buckets = result.value;
      this._error = '';
    } else this._error = `Could not read the activity: ${result.error.message}`;
  }

  override render() {
    const buckets = this._buckets ?? [];
    const sums = totals(buckets);
    return html`
      <section aria-labelledby="activity-heading">
        <h3 id="activity-heading">Activity per hour</h3>
        <div class="actions">
          <label for="window">Window</label>
          <select id="window" @change=${(e: Event) => (this._hours = Number((e.target as HTMLSelectElement).value))}>
            ${WINDOWS.map(([hours, label]) => html`<option value=${hours} ?selected=${hours === this._hours}>${label}</option>`)}
          </select>
          <button type="button" @click=${() => this.refresh()}>Refresh<span class="visually-hidden"> the activity</span></button>
        </div>
        <p class="error" role="alert">${this._error}</p>
        <ul class="legend" aria-label="Totals over the window">
          ${SERIES.map(
            (s) => html`<li>
              <svg aria-hidden="true" width="32" height="10" viewBox="0 0 32 10">
                ${svg`<line x1="0" y1="5" x2="32" y2="5" stroke=${s.color} stroke-width="3" stroke-dasharray=${s.dash.join(' ') || 'none'} />`}
              </svg>
              ${s.label}: <strong data-series=${s.key}>${sums[s.key]}</strong>
            </li>`,
          )}
        </ul>
        <div class="plot" role="img" aria-label=${describeActivity(this.merchantId, this._hours, sums)}></div>
        <details>
          <summary>The numbers, hour by hour</summary>
          <div class="table-wrap">
            <table>
              <caption class="visually-hidden">Activity of ${this.merchantId} per hour</caption>
              <thead>
                <tr>
                  <th scope="col">Hour from</th>
                  ${SERIES.map((s) => html`<th scope="col">${s.label}</th>`)}
                </tr>
              </thead>
              <tbody>
                ${buckets.map(
                  (b) => html`<tr>
                    <th scope="row"><time datetime=${isoTime(b.start)}>${formatHour(b.start)}</time></th>
                    ${SERIES.map((s) => html`<td>${b[s.key]}</td>`)}
                  </tr>`,
                )}
              </tbody>
            </table>
          </div>
        </details>
      </section>
    `;
  }

  #options(width: number): uPlot.Options {
    const axis = { stroke: '#374151', grid: { stroke: '#e5e7eb' }, ticks: { stroke: '#d1d5db' } };
    return {
      width: Math.max(width, 200),
      height: HEIGHT,
      legend: { show: false },
      cursor: { show: false },
      scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(4, Math.ceil(max * 1.1))] } },
      axes: [axis, { ...axis, incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000] }],
      series: [
        {},
        ...SERIES.map((s) => ({
          label: s.label,
          stroke: s.color,
          width: 2,
          dash: [...s.dash],
          points: { show: true, size: 5, fill: s.color },
        })),
      ],
    };
  }

  #fit() {
    const box = this.renderRoot.querySelector<HTMLElement>('.plot');
    if (box && this.#plot && box.clientWidth > 0) this.#plot.setSize({ width: box.clientWidth, height: HEIGHT });
  }
}

customElements.define('tessera-activity-chart', TesseraActivityChart);

declare global {
  interface HTMLElementTagNameMap {
    'tessera-activity-chart': TesseraActivityChart;
  }
}
