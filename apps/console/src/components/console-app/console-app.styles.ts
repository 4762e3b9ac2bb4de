import { css } from 'lit';

export const consoleAppStyles = css`
  :host {
    max-width: 72rem;
    margin: 0 auto;
    padding: 0 1rem 3rem;
  }
  header {
    display: flex;
    justify-content: space-between;
    align-items: center;
    gap: 1rem;
    padding: 1rem 0;
    border-bottom: 1px solid #d1d5db;
    margin-bottom: 1rem;
  }
  h1 {
    margin: 0;
    font-size: 1.5rem;
  }
  main {
    display: grid;
    gap: 2rem;
  }
  .notice:empty {
    margin: 0;
  }
  .merchant {
    display: grid;
    gap: 1.5rem;
    padding: 1rem;
    border: 1px solid #d1d5db;
    border-radius: 8px;
  }
  .merchant h2:focus {
    outline: none;
  }
`;
