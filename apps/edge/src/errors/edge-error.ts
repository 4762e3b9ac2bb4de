import { API_ERRORS, type ApiErrorCode } from '@tessera/protocol';

export interface EdgeErrorOptions {
  /** Which request field was wrong; a name, never a value. */
  param?: string;
  /** Extra fixed text; never request data. */
  detail?: string;
  headers?: Record<string, string>;
  /** `audit_chain_broken`: the id of the first event that does not check. */
  event?: string;
}

/**
 * An expected failure with a stable code from the catalog. `app.onError` turns it into a problem response;
 * anything that is not an EdgeError becomes a generic 500.
 */
export class EdgeError extends Error {
  override readonly name = 'EdgeError';
  readonly code: ApiErrorCode;
  readonly status: number;
  readonly param: string | undefined;
  readonly detail: string | undefined;
  readonly headers: Record<string, string>;
  readonly event: string | undefined;

  constructor(code: ApiErrorCode, options: EdgeErrorOptions = {}) {
    // The catalog message only: an EdgeError's message can never carry request data.
    super(API_ERRORS[code].message);
    this.code = code;
    this.status = API_ERRORS[code].status;
    this.param = options.param;
    this.detail = options.detail;
    this.headers = options.headers ?? {};
    this.event = options.event;
  }
}
