import type { ApiErrorCode } from '@tessera/protocol';

/**
 * Codes a `TesseraApiError` carries: the edge's catalog, plus `invalid_response` for an answer that is neither the
 * expected JSON nor a problem document. A newer edge may send codes this version does not list.
 */
export type TesseraApiErrorCode = ApiErrorCode | 'invalid_response' | (string & {});

/** What a `TesseraApiError` is built from: the problem document's members, and the request id. */
export interface TesseraApiErrorInit {
  status: number;
  code: TesseraApiErrorCode;
  title: string;
  type?: string | undefined;
  detail?: string | undefined;
  param?: string | undefined;
  requestId?: string | undefined;
  event?: string | undefined;
}

/**
 * The edge refused or failed a request: its problem document (RFC 9457), typed. `code` is stable; switch on it.
 *
 * @example
 * try {
 *   await tessera.tokens.retrieve(id);
 * } catch (error) {
 *   if (error instanceof TesseraApiError && error.code === 'not_found') return null;
 *   throw error;
 * }
 */
export class TesseraApiError extends Error {
  override readonly name = 'TesseraApiError';
  /** The HTTP status. */
  readonly status: number;
  /** The stable error code, e.g. `not_found`, `rate_limited`, `audit_chain_broken`. */
  readonly code: TesseraApiErrorCode;
  /** The catalog's fixed message for the code. */
  readonly title: string;
  /** The problem's `type` URI. */
  readonly type: string | undefined;
  /** More about this occurrence, when the edge gave it. */
  readonly detail: string | undefined;
  /** Which request field was wrong, when one was (e.g. `url`, `events[0]`). */
  readonly param: string | undefined;
  /** The edge's request id (problem `instance`, or the `X-Request-Id` header), to find the request in its logs. */
  readonly requestId: string | undefined;
  /** For `audit_chain_broken`: the id of the first event whose hash does not follow. */
  readonly event: string | undefined;

  constructor(init: TesseraApiErrorInit) {
    super(`${init.title}${init.detail === undefined ? '' : ` ${init.detail}`} (${init.status} ${init.code})`);
    this.status = init.status;
    this.code = init.code;
    this.title = init.title;
    this.type = init.type;
    this.detail = init.detail;
    this.param = init.param;
    this.requestId = init.requestId;
    this.event = init.event;
  }
}

/** Why a request never got an answer. */
export type TesseraConnectionErrorReason = 'network' | 'timeout';

/**
 * The edge could not be reached, or did not answer in time, after every retry. The original failure is `cause`.
 */
export class TesseraConnectionError extends Error {
  override readonly name = 'TesseraConnectionError';
  /** `timeout` when `timeoutMs` passed without an answer, `network` for any other failure to connect or read. */
  readonly reason: TesseraConnectionErrorReason;

  constructor(reason: TesseraConnectionErrorReason, edge: string, options?: { cause?: unknown }) {
    super(
      reason === 'timeout'
        ? `The Tessera edge at ${edge} did not answer in time.`
        : `Could not reach the Tessera edge at ${edge}.`,
      options,
    );
    this.reason = reason;
  }
}
