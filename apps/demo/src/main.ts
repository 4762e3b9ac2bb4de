import { runCheckout } from './checkout';
import { elementsOptions, fieldsFromAddress, lookFromAddress } from './look';
import { wireLookSwitcher } from './look-switcher';

// The default checkout: the combined card element (number, expiry and CVC in one iframe, with the name on the card
// and the postal code when the address says `?fields=name,postalCode`), in the look and language the menus pick.
runCheckout((tessera) => {
  const { look, locale } = lookFromAddress();
  const elements = tessera.elements(elementsOptions(look, locale));
  const { name, postalCode } = fieldsFromAddress();
  const card = elements.create('card', {
    fields: { name: name ? 'required' : 'never', postalCode: postalCode ? 'required' : 'never' },
  });
  card.mount('#card-element');
  wireLookSwitcher(elements);
  return { tokenize: card, all: [card], elements };
});
