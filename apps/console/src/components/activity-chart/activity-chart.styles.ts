import { css, unsafeCSS } from 'lit';
// uPlot's own rules, adopted into this shadow root as a constructed style sheet: no <style> element, so the
// console's CSP needs no 'unsafe-inline'.
import uPlotCss from 'uplot/dist/uPlot.min.css?inline';

export const activityChartStyles = [
  unsafeCSS(uPlotCss),
  css`
    .legend {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 1.5rem;
      list-style: none;
      padding: 0;
      margin: 0.5rem 0;
    }
    .legend li {
      display: flex;
      align-items: center;
      gap: 0.4rem;
    }
    .plot {
      min-height: 240px;
      width: 100%;
      overflow: hidden;
    }
    details {
      margin-top: 0.75rem;
    }
    summary {
      cursor: pointer;
      color: #1d4ed8;
    }
    label {
      font-weight: 600;
    }
  `,
];
