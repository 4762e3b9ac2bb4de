import { type Elements, IntegrationError, loadTessera, type Tessera, type TesseraCardElement } from '@tessera/js';
import { BRAND_NAMES } from './brand-names';
import { type PayFailure, payWithToken } from './pay';
import { type ReceivedWebhook, watchWebhooks } from './webhooks';

const byId = <T extends HTMLElement>(id: string): T => {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} is missing from the page`);
  return element as T;
};

/**
 * The checkout's elements: `tokenize` goes to `createToken`, every one of `all` must be ready before Pay, and their
 * group checks every field (`elements.submit()`) before anything is tokenized.
 */
export interface CheckoutElements {
  tokenize: TesseraCardElement;
  all: TesseraCardElement[];
  elements: Elements;
}

/** What the page shows for a failed payment: a decline with the processor's words and its reason's code. */
function failureText({ message, declineCode }: PayFailure): string {
  return declineCode === undefined ? `Payment failed: ${message}` : `Payment declined: ${message} (${declineCode})`;
}

/** What the page waits for after a payment: the token's creation and, when it charged, the forward's outcome. */
function webhooksDone(charge: boolean): (events: ReceivedWebhook[]) => boolean {
  const has = (events: ReceivedWebhook[], types: string[]) => events.some((e) => e.verified && types.includes(e.type));
  return (events) =>
    has(events, ['token.created']) && (!charge || has(events, ['forward.succeeded', 'forward.failed']));
}

/**
 * Runs the checkout page around the elements `mount` creates and mounts: the combined card (index.html) or the split
 * number, expiry and CVC fields (split.html). Pay creates a token and sends only it to the merchant server, which
 * reads the masked card; with `?charge` in the page's address it also charges the card at the mock processor, so
 * the processor's test cards show their declines here. After each payment the page shows the webhooks the merchant
 * server received and verified for the token, declined or not.
 */
export function runCheckout(mount: (tessera: Tessera) => CheckoutElements): void {
  const charge = new URLSearchParams(location.search).has('charge');
  const form = byId<HTMLFormElement>('checkout-form');
  const payButton = byId<HTMLButtonElement>('pay');
  const errorArea = byId<HTMLDivElement>('payment-error');
  const brandBadge = byId<HTMLSpanElement>('card-brand');
  const receipt = byId<HTMLElement>('receipt');
  const webhooks = byId<HTMLElement>('webhooks');
  const webhookList = byId<HTMLUListElement>('webhook-list');
  const webhookStatus = byId<HTMLParagraphElement>('webhook-status');
  let watching = new AbortController();

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

  function showWebhooks(events: ReceivedWebhook[]): void {
    webhookList.replaceChildren(
      ...events.map((event) => {
        const item = document.createElement('li');
        item.textContent = `webhook ${event.type} ${event.verified ? 'verified' : 'not verified'}`;
        return item;
      }),
    );
  }

  /** Shows the token's webhooks as the merchant server receives them; a new payment stops the last one's. */
  async function followWebhooks(token: string): Promise<void> {
    watching.abort();
    watching = new AbortController();
    const { signal } = watching;
    showWebhooks([]);
    webhookStatus.textContent = 'Waiting for the edge’s webhooks…';
    webhooks.hidden = false;
    const events = await watchWebhooks(token, { show: showWebhooks, done: webhooksDone(charge), signal });
    if (signal.aborted) return;
    webhookStatus.textContent =
      events.length > 0 ? '' : 'No webhook has arrived yet: is the merchant server’s endpoint registered (its log)?';
  }

  async function pay(tessera: Tessera, { tokenize: card, elements }: CheckoutElements): Promise<void> {
    clearError();
    receipt.hidden = true;
    watching.abort();
    webhooks.hidden = true;
    setBusy(true);
    try {
      // Every field is checked first, and the first error shown, before anything is tokenized.
      const checked = await elements.submit();
      if (checked.error) {
        showError(checked.error.message);
        return;
      }
      // The card goes from the iframe(s) to the edge; this page receives only a token and a masked card.
      const result = await tessera.createToken(card);
      if ('error' in result) {
        showError(result.error.message);
        return;
      }
      const paid = await payWithToken(result.token, { charge });
      void followWebhooks(result.token);
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
    const checkout = mount(tessera);
    const { tokenize, all } = checkout;
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
      if (!payButton.disabled) void pay(tessera, checkout);
    });
  }

  void start();
}
