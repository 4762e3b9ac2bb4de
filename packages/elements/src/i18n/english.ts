import { FIELD_ERRORS, FRAME_TITLES, type StringKey } from '@tessera/protocol';

/** The field page's own words in English: what every locale falls back to, key by key. Always in the page. */
export const ENGLISH: Record<StringKey, string> = {
  'label.number': 'Card number',
  'label.expiry': 'Expiration date',
  'label.cvc': 'Security code',
  'label.name': 'Name on card',
  'label.postalCode': 'Postal code',
  'placeholder.number': '1234 1234 1234 1234',
  'placeholder.expiry': 'MM / YY',
  'placeholder.cvc': 'CVC',
  'placeholder.name': 'Name on card',
  'placeholder.postalCode': 'Postal code',
  'title.card': FRAME_TITLES.card,
  'title.cardNumber': FRAME_TITLES.cardNumber,
  'title.cardExpiry': FRAME_TITLES.cardExpiry,
  'title.cardCvc': FRAME_TITLES.cardCvc,
  'title.cardholderName': FRAME_TITLES.cardholderName,
  'title.postalCode': FRAME_TITLES.postalCode,
  'error.incomplete_number': FIELD_ERRORS.incomplete_number,
  'error.invalid_number': FIELD_ERRORS.invalid_number,
  'error.incomplete_expiry': FIELD_ERRORS.incomplete_expiry,
  'error.invalid_expiry': FIELD_ERRORS.invalid_expiry,
  'error.expired': FIELD_ERRORS.expired,
  'error.incomplete_cvc': FIELD_ERRORS.incomplete_cvc,
  'error.invalid_cvc': FIELD_ERRORS.invalid_cvc,
  'error.incomplete_name': FIELD_ERRORS.incomplete_name,
  'error.invalid_name': FIELD_ERRORS.invalid_name,
  'error.incomplete_postal_code': FIELD_ERRORS.incomplete_postal_code,
  'error.invalid_postal_code': FIELD_ERRORS.invalid_postal_code,
};

/** A complete set of words: English, then the locale's, then the merchant's own. */
export type UiStrings = Record<StringKey, string>;
