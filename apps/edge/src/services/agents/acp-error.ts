// Errors of POST /agentic_commerce/delegate_payment: the ACP spec's flat `{ type, code, message, param? }`, not
// problem+json. `type` is always one of the spec's four. `code` is one of the spec's six where one of them says
// what happened; where none does (a bad key, an unsupported version, an allowance this edge refuses), a stable
// code of ours, as the spec's own examples do for 401 and 429.

export type AcpErrorType = 'invalid_request' | 'rate_limit_exceeded' | 'processing_error' | 'service_unavailable';

export interface AcpErrorBody {
  type: AcpErrorType;
  code: string;
  message: string;
  param?: string;
  supported_versions?: string[];
}

export class AcpError extends Error {
  override readonly name = 'AcpError';
  readonly body: AcpErrorBody;

  constructor(
    readonly status: number,
    body: Omit<AcpErrorBody, 'type'> & { type?: AcpErrorType },
    readonly headers: Record<string, string> = {},
  ) {
    super(body.message);
    this.body = { ...body, type: body.type ?? 'invalid_request' };
  }
}

/** The API versions this edge speaks, newest first. */
export const SUPPORTED_VERSIONS = ['2026-04-17'];

export const acp = {
  unauthorized: () =>
    new AcpError(
      401,
      { code: 'unauthorized', message: 'A valid agent platform key is required.' },
      {
        'WWW-Authenticate': 'Bearer realm="tessera"',
      },
    ),
  wrongKey: () =>
    new AcpError(403, { code: 'wrong_key_type', message: 'This route takes an agent platform key (ak_…).' }),
  version: () =>
    new AcpError(400, {
      code: 'unsupported_api_version',
      message: `API-Version must be one of ${SUPPORTED_VERSIONS.join(', ')}.`,
      supported_versions: SUPPORTED_VERSIONS,
    }),
  mediaType: () =>
    new AcpError(415, { code: 'unsupported_media_type', message: 'The request body must be application/json.' }),
  tooLarge: () => new AcpError(413, { code: 'payload_too_large', message: 'The request body is too large.' }),
  keyRequired: () =>
    new AcpError(400, { code: 'idempotency_key_required', message: 'Idempotency-Key header is required' }),
  conflict: () =>
    new AcpError(422, {
      code: 'idempotency_conflict',
      message: 'Idempotency-Key has already been used with a different request body',
    }),
  inFlight: () =>
    new AcpError(
      409,
      { code: 'idempotency_in_flight', message: 'A request with this Idempotency-Key is currently being processed' },
      { 'Retry-After': '1' },
    ),
  signature: (message: string) => new AcpError(401, { code: 'invalid_signature', message }),
  invalid: (param: string, message: string) => new AcpError(400, { code: 'invalid_request', message, param }),
  card: (param: string, message: string) => new AcpError(422, { code: 'invalid_card', message, param }),
  allowance: (param: string, message: string) => new AcpError(422, { code: 'invalid_allowance', message, param }),
  rateLimited: (retryAfter: number) =>
    new AcpError(
      429,
      { type: 'rate_limit_exceeded', code: 'too_many_requests', message: 'Too many requests, please retry later' },
      { 'Retry-After': String(retryAfter) },
    ),
  internal: () =>
    new AcpError(500, { type: 'processing_error', code: 'internal_error', message: 'An internal error occurred.' }),
};
