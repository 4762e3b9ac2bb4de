import { css } from 'lit';

export const signInStyles = css`
  section {
    max-width: 32rem;
  }
  form {
    display: grid;
    gap: 0.4rem;
    justify-items: start;
  }
  label {
    font-weight: 600;
  }
  input {
    width: 100%;
    box-sizing: border-box;
    padding: 0.4rem 0.5rem;
    border: 1px solid #6b7280;
    border-radius: 6px;
  }
`;
