// tessera-card-paid.html: where tessera-card.html's form goes. It reads the token the form carried (nothing else:
// the form had nothing else to carry), takes it off the address bar and history, and has the merchant server read
// the masked card, as a shop's server would when the form posted to it.
import { BRAND_NAMES } from './brand-names';
import { payWithToken } from './pay';

const byId = (id: string) => {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} is missing from the page`);
  return element;
};

const token = new URLSearchParams(location.search).get('tessera_token') ?? '';
history.replaceState(null, '', location.pathname);

async function pay(): Promise<void> {
  if (!/^tok_[\w-]+$/.test(token)) {
    byId('receipt-title').textContent = 'No payment';
    return;
  }
  const paid = await payWithToken(token);
  if ('error' in paid) {
    byId('receipt-title').textContent = 'Payment failed';
    const alert = byId('payment-error');
    alert.textContent = paid.error.message;
    alert.hidden = false;
    return;
  }
  const { brand, last4, expMonth, expYear } = paid.card;
  byId('receipt-title').textContent = 'Thank you!';
  byId('receipt-card').textContent =
    `Paid with ${BRAND_NAMES[brand] ?? 'Card'} •••• ${last4} (expires ${String(expMonth).padStart(2, '0')}/${String(expYear).slice(-2)})`;
  byId('receipt-token').textContent = `token ${paid.token}`;
}

void pay();
