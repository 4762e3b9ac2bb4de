// Card rules shared by the field page (as the shopper types) and the edge (after unsealing); see the
// package README for the decisions behind them.
export { type BrandRules, brandRules, maxNumberLength } from './brand-rules';
export { isValidName, isValidPostalCode, MAX_NAME_LENGTH, MAX_POSTAL_CODE_LENGTH } from './check-billing';
export { type CvcCheck, checkCvc } from './check-cvc';
export { checkExpiry, type ExpiryError } from './check-expiry';
export { type CheckOptions, checkNumber, type NumberCheck } from './check-number';
export { detectBrand } from './detect-brand';
export { type Expiry, formatExpiry, parseExpiry } from './expiry-input';
export { digitsOnly, formatCardNumber } from './format-number';
export { luhnValid } from './luhn';
export { type CardValidation, type ValidatedCard, validateCard } from './validate-card';
