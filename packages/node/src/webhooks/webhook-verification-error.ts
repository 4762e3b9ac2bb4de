/** Why `verifyWebhook` refused a delivery; stable, so callers can switch on it. */
export type WebhookVerificationErrorCode =
  | 'missing_header'
  | 'invalid_timestamp'
  | 'timestamp_too_old'
  | 'timestamp_too_new'
  | 'invalid_signature'
  | 'invalid_secret'
  | 'invalid_payload';

// Fixed messages: none quotes the request, the signature or the secret.
const MESSAGES: Record<WebhookVerificationErrorCode, string> = {
  missing_header: 'The webhook-id, webhook-timestamp or webhook-signature header is missing.',
  invalid_timestamp: 'The webhook-timestamp header is not a number of seconds.',
  timestamp_too_old: 'The webhook timestamp is older than the tolerance allows.',
  timestamp_too_new: 'The webhook timestamp is further in the future than the tolerance allows.',
  invalid_signature: 'No webhook signature matches the body under the given secrets.',
  invalid_secret: 'A webhook secret must be whsec_ followed by base64.',
  invalid_payload: 'The webhook body is not a JSON event.',
};

/**
 * A webhook delivery that must not be trusted (or a secret that is not one). Answer the request with a 4xx and do
 * not act on it.
 */
export class WebhookVerificationError extends Error {
  override readonly name = 'WebhookVerificationError';
  readonly code: WebhookVerificationErrorCode;

  constructor(code: WebhookVerificationErrorCode) {
    super(MESSAGES[code]);
    this.code = code;
  }
}
