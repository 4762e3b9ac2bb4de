import { css } from 'lit';

export const merchantKeysStyles = css`
  .issued {
    border: 2px solid #166534;
    background: #f0fdf4;
    border-radius: 8px;
    padding: 0.75rem 1rem;
    margin-bottom: 1rem;
  }
  .issued:focus {
    outline: 3px solid #2563eb;
  }
  .secret {
    word-break: break-all;
    user-select: all;
  }
  .confirm label {
    font-weight: 600;
  }
`;
