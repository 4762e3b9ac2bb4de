import { css } from 'lit';

/** What every part of the console shares: type, tables, buttons, badges, focus rings, text for screen readers. */
export const sharedStyles = css`
  :host {
    display: block;
    color: #1f2937;
    font: 15px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
  }
  h2,
  h3 {
    margin: 0 0 0.5rem;
    line-height: 1.2;
  }
  h2 {
    font-size: 1.25rem;
  }
  h3 {
    font-size: 1.05rem;
  }
  p {
    margin: 0.25rem 0 0.75rem;
  }
  .muted {
    color: #4b5563;
  }
  code,
  .mono {
    font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
    font-size: 0.9em;
  }
  table {
    border-collapse: collapse;
    width: 100%;
  }
  th,
  td {
    text-align: left;
    padding: 0.4rem 0.6rem;
    border-bottom: 1px solid #e5e7eb;
    vertical-align: top;
  }
  th {
    font-weight: 600;
    background: #f3f4f6;
  }
  .table-wrap {
    overflow-x: auto;
  }
  button,
  select,
  input {
    font: inherit;
  }
  button {
    cursor: pointer;
    border-radius: 6px;
    padding: 0.3rem 0.75rem;
    border: 1px solid #1d4ed8;
    background: #fff;
    color: #1d4ed8;
  }
  button.primary {
    background: #1d4ed8;
    color: #fff;
  }
  button.danger {
    border-color: #b91c1c;
    background: #b91c1c;
    color: #fff;
  }
  button:disabled {
    cursor: not-allowed;
    opacity: 0.6;
  }
  :focus-visible {
    outline: 3px solid #2563eb;
    outline-offset: 2px;
  }
  .badge {
    display: inline-block;
    padding: 0 0.45rem;
    border-radius: 999px;
    font-size: 0.85em;
    font-weight: 600;
  }
  .badge.active,
  .badge.success,
  .badge.done {
    background: #dcfce7;
    color: #166534;
  }
  .badge.revoked,
  .badge.suspended,
  .badge.refused,
  .badge.failed {
    background: #fee2e2;
    color: #991b1b;
  }
  .badge.expired,
  .badge.running,
  .badge.idle {
    background: #fef3c7;
    color: #92400e;
  }
  .error {
    color: #991b1b;
    font-weight: 600;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.4rem;
    align-items: center;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
