import { css } from 'lit';

export const vaultShardsStyles = css`
  form {
    display: flex;
    flex-wrap: wrap;
    gap: 0.4rem;
    align-items: center;
    margin-bottom: 0.5rem;
  }
  label,
  .confirm span {
    font-weight: 600;
  }
  input {
    width: 5rem;
    box-sizing: border-box;
    padding: 0.3rem 0.5rem;
    border: 1px solid #6b7280;
    border-radius: 6px;
  }
  .confirm {
    margin-bottom: 0.5rem;
  }
  .error:empty,
  .done:empty {
    margin: 0;
  }
`;
