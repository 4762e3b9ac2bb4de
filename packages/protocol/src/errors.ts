/**
 * The error catalog: every stable code the edge answers with, its HTTP status and its fixed message.
 * Messages never carry request data, so they can never echo a card.
 */
export const API_ERRORS = {
  invalid_request: { status: 400, message: 'The request is malformed or has invalid fields.' },
  invalid_json: { status: 400, message: 'The request body is not valid JSON.' },
  invalid_card_number: { status: 400, message: 'The card number is invalid.' },
  invalid_expiry: { status: 400, message: 'The expiration date is invalid or in the past.' },
  invalid_cvc: { status: 400, message: 'The security code is invalid.' },
  invalid_name: { status: 400, message: 'The name on the card is invalid.' },
  invalid_postal_code: { status: 400, message: 'The postal code is invalid.' },
  invalid_sealed_card: { status: 400, message: 'The sealed card could not be opened.' },
  cvc_unavailable: {
    status: 400,
    message: "The card's security code is no longer stored: it is erased after the first forward or after an hour.",
  },
  unknown_seal_key: {
    status: 400,
    message: 'The card was sealed to a key this edge does not hold; fetch /v1/keys/seal again.',
  },
  invalid_cursor: { status: 400, message: 'The cursor does not name an event of this trail; start again without it.' },
  invalid_webhook_url: {
    status: 400,
    message: 'A webhook endpoint must be an https URL on a public host.',
  },
  invalid_webhook_event: { status: 400, message: 'This is not an event type webhooks can subscribe to.' },
  allowance_exceeded: { status: 400, message: "The amount is over this vault token's allowance." },
  allowance_currency_mismatch: { status: 400, message: "The currency is not this vault token's allowance's." },
  allowance_session_mismatch: {
    status: 400,
    message: "The checkout session is not the one this vault token's allowance names.",
  },
  // AP2 Payment Mandates on a vault token's charge. AP2's own receipt errors are named from the mandate's side
  // (its `invalid_credential` is our invalid_mandate, its `invalid_mandate` our mandate_mismatch, its
  // `unresolved_constraint` our mandate_constraint_unsupported); these name what the charge lacks.
  mandate_required: {
    status: 400,
    message: "This merchant requires an AP2 Payment Mandate on a vault token's charge.",
  },
  invalid_mandate: {
    status: 400,
    message: "The Payment Mandate could not be verified: its issuer's signature, its key binding or its form.",
  },
  mandate_mismatch: {
    status: 400,
    message: 'The Payment Mandate does not authorize this charge: payee, amount, currency, instrument or a constraint.',
  },
  mandate_constraint_unsupported: {
    status: 400,
    message: 'The Payment Mandate carries a constraint this edge cannot evaluate, so it cannot be accepted.',
  },
  unauthorized: { status: 401, message: 'A valid API key is required.' },
  forbidden_origin: { status: 403, message: 'This request is not allowed from this origin.' },
  merchant_suspended: { status: 403, message: 'This merchant is suspended; its keys are refused.' },
  wrong_key_type: { status: 403, message: 'This API key cannot be used for this request.' },
  forbidden_host: { status: 403, message: 'The destination host is not on the allow-list.' },
  not_found: { status: 404, message: 'No such object.' },
  method_not_allowed: { status: 405, message: 'This method is not allowed on this path.' },
  idempotency_conflict: { status: 409, message: 'This Idempotency-Key was used with another request body.' },
  audit_chain_broken: {
    status: 409,
    message: "The audit trail's hash chain is broken: an event was changed or removed.",
  },
  audit_chain_truncated: {
    status: 409,
    message: 'The audit trail no longer holds the head you kept: its newest events were removed.',
  },
  vault_token_consumed: { status: 409, message: 'This vault token was spent already.' },
  vault_token_revoked: { status: 409, message: 'This vault token was revoked.' },
  vault_token_expired: { status: 409, message: "This vault token's allowance has expired." },
  mandate_replayed: {
    status: 409,
    message: 'This Payment Mandate was accepted already; a mandate authorizes one charge.',
  },
  merchant_exists: { status: 409, message: 'A merchant with this id exists already.' },
  agent_exists: { status: 409, message: 'An agent platform with this id exists already.' },
  kek_in_use: { status: 409, message: 'This KEK still wraps keys; rotate them to another KEK first.' },
  key_revoked: { status: 409, message: 'This key is revoked; issue a new one instead.' },
  too_many_webhook_endpoints: { status: 409, message: 'This merchant has as many webhook endpoints as allowed.' },
  payload_too_large: { status: 413, message: 'The request body is too large.' },
  unsupported_media_type: { status: 415, message: 'The request body must be application/json.' },
  rate_limited: { status: 429, message: 'Too many requests; retry after the time given.' },
  internal_error: { status: 500, message: 'An internal error occurred.' },
  forward_failed: {
    status: 502,
    message: 'The destination of the forward could not be reached, timed out or sent an answer too large to pass on.',
  },
} as const satisfies Record<string, { status: number; message: string }>;

export type ApiErrorCode = keyof typeof API_ERRORS;

export function isApiErrorCode(value: unknown): value is ApiErrorCode {
  return typeof value === 'string' && Object.hasOwn(API_ERRORS, value);
}

/** Error codes a field shows the shopper; also the `error` of a `change` message. */
export const FIELD_ERRORS = {
  incomplete_number: 'Your card number is incomplete.',
  invalid_number: 'Your card number is invalid.',
  incomplete_expiry: "Your card's expiration date is incomplete.",
  invalid_expiry: "Your card's expiration date is invalid.",
  expired: "Your card's expiration date is in the past.",
  incomplete_cvc: "Your card's security code is incomplete.",
  invalid_cvc: "Your card's security code is invalid.",
  incomplete_name: 'Your cardholder name is incomplete.',
  invalid_name: 'Your cardholder name is invalid.',
  incomplete_postal_code: 'Your postal code is incomplete.',
  invalid_postal_code: 'Your postal code is invalid.',
} as const;

export type FieldErrorCode = keyof typeof FIELD_ERRORS;

export function isFieldErrorCode(value: unknown): value is FieldErrorCode {
  return typeof value === 'string' && Object.hasOwn(FIELD_ERRORS, value);
}

/**
 * Kinds of failure the SDK returns as values (`{ error }`), in the manner of stripe-js. `integration_error` is a
 * setup the merchant must fix (a key the edge does not know, an origin the key does not allow): `loadTessera`
 * throws it as an `IntegrationError`, and an element that meets it anyway reports it in `loaderror`.
 */
export const SDK_ERROR_TYPES = [
  'validation_error',
  'api_error',
  'network_error',
  'frame_error',
  'integration_error',
] as const;
export type SdkErrorType = (typeof SDK_ERROR_TYPES)[number];

/**
 * Failures the browser side finds itself (the SDK in the merchant page, or a field page), with their kind and
 * fixed message. Failures the edge reports keep their code from `API_ERRORS`.
 */
export const CLIENT_ERRORS = {
  not_mounted: { type: 'frame_error', message: 'The card element is not mounted or not ready yet.' },
  frame_timeout: {
    type: 'frame_error',
    message: 'The card form did not answer in time. Check your connection and try again.',
  },
  busy: { type: 'frame_error', message: 'A token is already being created for this card element.' },
  /** An expiry or CVC frame of a split group was asked to tokenize; the group's number frame collects the card. */
  not_number_element: {
    type: 'frame_error',
    message: 'Split fields are tokenized through their group’s card number element.',
  },
  /** This browser cannot seal, even with webcrypto-liner (or the liner could not be loaded). */
  sealing_unavailable: { type: 'frame_error', message: 'This browser cannot encrypt the card.' },
  network: { type: 'network_error', message: 'Could not reach Tessera. Check the connection and try again.' },
  /** The edge knows no publishable key by that name (or it is not a publishable key). */
  invalid_key: {
    type: 'integration_error',
    message: 'The edge does not know this publishable key: check the key, and that it belongs to this edge.',
  },
  /** The key is real, but this page's origin is not one of the origins its merchant allows. */
  origin_not_allowed: {
    type: 'integration_error',
    message: "This page's origin is not allowed for this publishable key: add it to the key's allowed origins.",
  },
} as const satisfies Record<string, { type: SdkErrorType; message: string }>;

export type ClientErrorCode = keyof typeof CLIENT_ERRORS;

/** The codes of setups the merchant must fix, carried by `IntegrationError` and by `loaderror`. */
export type IntegrationErrorCode = {
  [K in ClientErrorCode]: (typeof CLIENT_ERRORS)[K]['type'] extends 'integration_error' ? K : never;
}[ClientErrorCode];

/** An expected failure, as the SDK and the field page hand it back. Never carries card data. */
export interface TesseraError {
  type: SdkErrorType;
  code: ApiErrorCode | FieldErrorCode | ClientErrorCode;
  message: string;
}

/**
 * The error value of one of the browser side's own failures.
 *
 * @example
 * if (pending) return { error: clientError('busy') };
 */
export function clientError(code: ClientErrorCode): TesseraError {
  const { type, message } = CLIENT_ERRORS[code];
  return { type, code, message };
}
