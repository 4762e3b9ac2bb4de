import { runCheckout } from './checkout';

// The default checkout: the combined card element (number, expiry and CVC in one iframe).
runCheckout((tessera) => {
  const card = tessera.elements({ style: { base: { fontSize: '16px', color: '#1f2330' } } }).create('card');
  card.mount('#card-element');
  return { tokenize: card, all: [card] };
});
