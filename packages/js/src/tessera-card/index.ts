// `@tessera/js/tessera-card`: importing it registers <tessera-card> (once, whoever imports it first).
import { DEFAULT_FIELD_NAME, TesseraCard } from './tessera-card';

export { DEFAULT_FIELD_NAME, TesseraCard };

if (!customElements.get('tessera-card')) customElements.define('tessera-card', TesseraCard);

declare global {
  interface HTMLElementTagNameMap {
    'tessera-card': TesseraCard;
  }
}
