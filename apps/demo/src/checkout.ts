import { IntegrationError, loadTessera, type Tessera, type TesseraCardElement } from '@tessera/js';
import { BRAND_NAMES } from './brand-names';
import { type PayFailure, payWithToken } from './pay';

const byId = <T extends HTMLElement>(id: string): T => {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} is missing from the page`);
  return element as T;
};

/** The checkout's elements: `tokenize` goes to `createToken`, every one of `all` must be ready before Pay. */
export interface CheckoutElements {
  tokenize: TesseraCardElement;
  all: TesseraCardElement[];
}

/** What the page shows for a failed payment: a decline with the processor's words and its reason's code. */
function failureText({ message, declineCode }: PayFailure): string {
  return declineCode === undefined ? `Payment failed: ${message}` : `Payment declined: ${message} (${declineCode})`;
}

/**
 * Runs the checkout page around the elements `mount` creates and mounts: the combined card (index.html) or the split
 * number, expiry and CVC fields (split.html). Pay creates a token and sends only it to the merchant server, which
 * reads the masked card; with `?charge` in the page's address it also charges the card at the mock processor, so
 * the processor's test cards show their declines here.
 */
export function runCheckout(mount: (tessera: Tessera) => CheckoutElements): void {
  const charge = new URLSearchParams(location.search).has('charge');
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

  async function pay(tessera: Tessera, card: TesseraCardElement): Promise<void> {
    clearError();
    receipt.hidden = true;
    setBusy(true);
    try {
      // The card goes from the iframe(s) to the edge; this page receives only a token and a masked card.
      const result = await tessera.createToken(card);
      if ('error' in result) {
        showError(result.error.message);
        return;
      }
      const paid = await payWithToken(result.token, { charge });
      if ('error' in paid) {
        showError(failureText(paid.error));
        return;
      }
      const { brand, last4, expMonth, expYear } = paid.card;
      const expiry = `${String(expMonth).padStart(2, '0')}/${String(expYear).slice(-2)}`;
      byId('receipt-card').textContent = `Paid with ${BRAND_NAMES[brand] ?? 'Card'} •••• ${last4} (expires ${expiry})`;
      byId('receipt-token').textContent = paid.charge
        ? `token ${paid.token}, charge ${paid.charge.id}`
        : `token ${paid.token}`;
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
    const { tokenize, all } = mount(tessera);
    let waiting = all.length;
    for (const element of all) {
      element.on('ready', () => {
        if (--waiting === 0) setBusy(false);
      });
      element.on('loaderror', () => {
        showError(`The card form did not load. Is the Tessera edge running at ${__TESSERA_EDGE__}?`);
      });
    }
    // The brand comes from the element holding the number (the combined card, or the split number field).
    tokenize.on('change', (event) => {
      brandBadge.textContent = event.brand === 'unknown' ? '' : BRAND_NAMES[event.brand];
    });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (!payButton.disabled) void pay(tessera, tokenize);
    });
  }

  void start();
}
