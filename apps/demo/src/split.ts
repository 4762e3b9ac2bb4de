import type { TesseraCardElement } from '@tessera/js';
import { runCheckout } from './checkout';
import { elementsOptions, fieldsFromAddress, lookFromAddress } from './look';

// split.html: the same checkout with split fields, one iframe each for number, expiry and CVC (and, with
// `?fields=name,postalCode`, the name on the card before them and the postal code after). The frames gather the
// card among themselves on the edge's origin; `createToken(number)` tokenizes the group's parts. This page keeps the
// first styling option, `style`, beside the look of the address (`?look=`, `?locale=`).
runCheckout((tessera) => {
  const { look, locale } = lookFromAddress();
  const elements = tessera.elements({
    ...elementsOptions(look, locale),
    style: { base: { fontSize: '16px' } },
  });
  const fields = fieldsFromAddress();
  const split = document.querySelector<HTMLElement>('.split-fields');
  const slot = (id: string, where: 'before' | 'after'): string => {
    const div = document.createElement('div');
    div.id = id;
    div.className = 'card-element split-wide';
    if (where === 'before') split?.before(div);
    else split?.after(div);
    return `#${id}`;
  };
  const all: TesseraCardElement[] = [];
  if (fields.name) {
    const name = elements.create('cardholderName');
    name.mount(slot('cardholder-name', 'before'));
    all.push(name);
  }
  const number = elements.create('cardNumber');
  const expiry = elements.create('cardExpiry');
  const cvc = elements.create('cardCvc');
  number.mount('#card-number');
  expiry.mount('#card-expiry');
  cvc.mount('#card-cvc');
  all.push(number, expiry, cvc);
  if (fields.postalCode) {
    const postal = elements.create('postalCode');
    postal.mount(slot('postal-code', 'after'));
    all.push(postal);
  }
  return { tokenize: number, all, elements };
});
