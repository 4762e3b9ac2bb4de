import { type CardElement, IntegrationError, loadTessera, type Tessera } from '@tessera/js';
import { BRAND_NAMES } from './brand-names';
import { payWithToken } from './pay';

const byId = <T extends HTMLElement>(id: string): T => {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} is missing from index.html`);
  return element as T;
};

const form = byId<HTMLFormElement>('checkout-form');
const payButton = byId<HTMLButtonElement>('pay');
const errorArea = byId<HTMLDivElement>('payment-error');
const brandBadge = byId<HTMLSpanElement>('card-brand');
const receipt = byId<HTMLElement>('receipt');

function showError(message: string): void {
  errorArea.textContent = message;
  errorArea.hidden = false;
}

function clearError(): void {
  errorArea.textContent = '';
  errorArea.hidden = true;
}

function setBusy(busy: boolean): void {
  payButton.disabled = busy;
  payButton.setAttribute('aria-busy', String(busy));
  form.classList.toggle('is-busy', busy);
}

async function pay(tessera: Tessera, card: CardElement): Promise<void> {
  clearError();
  receipt.hidden = true;
  setBusy(true);
  try {
    // The card goes from the iframe to the edge; this page receives only a token and a masked card.
    const result = await tessera.createToken(card);
    if ('error' in result) {
      showError(result.error.message);
      return;
    }
    const paid = await payWithToken(result.token);
    if ('error' in paid) {
      showError(`Payment failed: ${paid.error.message}`);
      return;
    }
    const { brand, last4, expMonth, expYear } = paid.card;
    const expiry = `${String(expMonth).padStart(2, '0')}/${String(expYear).slice(-2)}`;
    byId('receipt-card').textContent = `Paid with ${BRAND_NAMES[brand] ?? 'Card'} •••• ${last4} (expires ${expiry})`;
    byId('receipt-token').textContent = `token ${paid.token}`;
    receipt.hidden = false;
  } finally {
    setBusy(false);
  }
}

async function start(): Promise<void> {
  setBusy(true);
  let tessera: Tessera;
  try {
    tessera = await loadTessera(__TESSERA_DEMO_PK__, { edge: __TESSERA_EDGE__ });
  } catch (error) {
    showError(error instanceof IntegrationError ? `Setup error: ${error.message}` : 'Could not load the card form.');
    return;
  }
  const card = tessera.elements({ style: { base: { fontSize: '16px', color: '#1f2330' } } }).create('card');
  card.on('ready', () => setBusy(false));
  card.on('change', (event) => {
    brandBadge.textContent = event.brand === 'unknown' ? '' : BRAND_NAMES[event.brand];
  });
  card.on('loaderror', () => {
    showError(`The card form did not load. Is the Tessera edge running at ${__TESSERA_EDGE__}?`);
  });
  card.mount('#card-element');
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!payButton.disabled) void pay(tessera, card);
  });
}

void start();
