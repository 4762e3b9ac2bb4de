import { runCheckout } from './checkout';

// split.html: the same checkout with split fields, one iframe each for number, expiry and CVC. The frames gather the
// card among themselves on the edge's origin; `createToken(number)` tokenizes the group's three parts.
runCheckout((tessera) => {
  const elements = tessera.elements({ style: { base: { fontSize: '16px', color: '#1f2330' } } });
  const number = elements.create('cardNumber');
  const expiry = elements.create('cardExpiry');
  const cvc = elements.create('cardCvc');
  number.mount('#card-number');
  expiry.mount('#card-expiry');
  cvc.mount('#card-cvc');
  return { tokenize: number, all: [number, expiry, cvc] };
});
