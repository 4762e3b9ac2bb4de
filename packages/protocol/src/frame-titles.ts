import type { ElementType } from './frame-messages';

/** The frames' titles in English: the name each iframe has on the merchant page until its field page gives its own. */
export const FRAME_TITLES: Record<ElementType, string> = {
  card: 'Secure card payment input frame',
  cardNumber: 'Secure card number input frame',
  cardExpiry: 'Secure expiration date input frame',
  cardCvc: 'Secure CVC input frame',
  cardholderName: 'Secure cardholder name input frame',
  postalCode: 'Secure postal code input frame',
};
