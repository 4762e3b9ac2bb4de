// tessera-card-shadow.html: <tessera-card> inside a closed shadow root, as a shop's own component (a design
// system's checkout) would hold it. The component's submit handler runs after <tessera-card> has put the token in
// the form: it reads it from FormData and sends only the token to the merchant server.
import '@tessera/js/tessera-card';
import type { CardSummary } from '@tessera/protocol';
import { BRAND_NAMES } from './brand-names';
import { payWithToken } from './pay';

const STYLES = `
  :host { display: block; }
  label { display: block; margin: 1rem 0 0.4rem; font-weight: 600; font-size: 0.9rem; }
  tessera-card { min-height: 44px; }
  [role='alert'] { margin-top: 1rem; color: #b3261e; font-size: 0.9rem; }
  [role='alert']:empty { display: none; }
  button { display: block; width: 100%; margin-top: 1.5rem; padding: 0.85rem; font: inherit; font-weight: 600;
    color: #fff; background: #3e4ccf; border: 0; border-radius: 8px; cursor: pointer; }
`;

class DemoCheckout extends HTMLElement {
  readonly #root = this.attachShadow({ mode: 'closed' });

  connectedCallback(): void {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(STYLES);
    this.#root.adoptedStyleSheets = [sheet];
    const form = document.createElement('form');
    const label = Object.assign(document.createElement('label'), { htmlFor: 'card', textContent: 'Card details' });
    const card = document.createElement('tessera-card');
    card.id = 'card';
    card.setAttribute('edge', __TESSERA_EDGE__);
    card.setAttribute('publishable-key', __TESSERA_DEMO_PK__);
    const alert = Object.assign(document.createElement('div'), { role: 'alert' });
    const button = Object.assign(document.createElement('button'), { type: 'submit', textContent: 'Pay' });
    form.append(label, card, alert, button);
    this.#root.replaceChildren(form);

    const say = (message: string) => {
      alert.textContent = message;
    };
    card.addEventListener('loaderror', (e) =>
      say((e as CustomEvent<{ error: { message: string } }>).detail.error.message),
    );
    card.addEventListener('tokenerror', (e) =>
      say((e as CustomEvent<{ error: { message: string } }>).detail.error.message),
    );
    card.addEventListener('change', () => say(''));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const token = new FormData(form).get('tessera_token');
      if (typeof token === 'string') void this.#pay(token, button, say);
    });
  }

  async #pay(token: string, button: HTMLButtonElement, say: (message: string) => void): Promise<void> {
    button.disabled = true;
    const paid = await payWithToken(token);
    button.disabled = false;
    if ('error' in paid) return say(paid.error.message);
    // The receipt is the page's, outside the component: the component tells it what was paid.
    this.dispatchEvent(new CustomEvent('paid', { detail: paid }));
  }
}

customElements.define('demo-checkout', DemoCheckout);

document.querySelector('demo-checkout')?.addEventListener('paid', (event) => {
  const { token, card } = (event as CustomEvent<{ token: string; card: CardSummary }>).detail;
  const receipt = document.getElementById('receipt');
  const cardLine = document.getElementById('receipt-card');
  const tokenLine = document.getElementById('receipt-token');
  if (!receipt || !cardLine || !tokenLine) return;
  const expiry = `${String(card.expMonth).padStart(2, '0')}/${String(card.expYear).slice(-2)}`;
  cardLine.textContent = `Paid with ${BRAND_NAMES[card.brand] ?? 'Card'} •••• ${card.last4} (expires ${expiry})`;
  tokenLine.textContent = `token ${token}`;
  receipt.hidden = false;
});
