import { FORWARD_METHODS, type ForwardMethod } from '@tessera/protocol';
import * as v from 'valibot';
import { EdgeError } from '../../errors/edge-error';
import { parseJsonBytes } from '../../request/parse-json';
import {
  type CardField,
  checkJsonTemplate,
  type Escaping,
  escapingFor,
  HEADER_VALUE,
  templateFields,
} from '../../vault/forward/template';

export const MAX_URL_LENGTH = 2048;
export const MAX_HEADERS = 32;
export const MAX_HEADER_VALUE_LENGTH = 4096;
/** A compact SD-JWT with a handful of disclosures and its key binding is 2 to 3 KB; room for a few more. */
export const MAX_MANDATE_LENGTH = 8192;

// RFC 9110 token characters.
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,128}$/;
/** Set by the edge's own HTTP client, or hop-by-hop: a merchant cannot choose them. */
const FORBIDDEN_HEADERS: ReadonlySet<string> = new Set([
  'host',
  'content-length',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'upgrade',
  'te',
  'trailer',
  'expect',
  'proxy-authorization',
  'proxy-connection',
]);

const NAME_WHERE =
  '{{card.name}} is filled in only in a JSON, form or XML body, where it can be escaped; set the Content-Type.';

const BODY_MEMBERS: ReadonlySet<string> = new Set(['token', 'request', 'payment']);
const REQUEST_MEMBERS: ReadonlySet<string> = new Set(['url', 'method', 'headers', 'body']);

/**
 * The body of `POST /v1/forward`, as validated (unknown members are refused before it runs, naming only the
 * object that holds them); also the OpenAPI document's request schema.
 */
export const ForwardSchema = v.strictObject({
  token: v.pipe(
    v.string(),
    v.description("The token (tok_…) or an agent's vault token (vt_…) whose card fills the placeholders."),
  ),
  payment: v.optional(
    v.pipe(
      v.strictObject({
        amount: v.pipe(v.number(), v.safeInteger(), v.minValue(1)),
        currency: v.pipe(v.string(), v.regex(/^[a-z]{3}$/)),
        checkout_session_id: v.pipe(v.string(), v.minLength(1), v.maxLength(256)),
        mandate: v.optional(
          v.pipe(
            v.string(),
            v.maxLength(MAX_MANDATE_LENGTH),
            v.regex(/^[A-Za-z0-9_.~-]+$/),
            v.description(
              'An AP2 Payment Mandate authorizing this charge: the SD-JWT VC (`vct` `mandate.payment.1`) with its ' +
                'disclosures and a key-binding JWT, in compact form. Required when the merchant requires mandates.',
            ),
          ),
        ),
      }),
      v.description(
        "A vault token's charge, checked against its allowance; the request carries it as {{payment.amount}} and {{payment.currency}}.",
      ),
    ),
  ),
  request: v.strictObject({
    url: v.pipe(v.string(), v.maxLength(MAX_URL_LENGTH)),
    method: v.picklist(FORWARD_METHODS),
    headers: v.optional(v.record(v.string(), v.pipe(v.string(), v.maxLength(MAX_HEADER_VALUE_LENGTH)))),
    body: v.optional(v.string()),
  }),
});

/** A forward whose shape and templates were checked; the card is not read yet. */
export interface ParsedForward {
  tokenId: string;
  url: URL;
  method: ForwardMethod;
  /** In the order given; names as given (HTTP names are case-insensitive, duplicates were refused). */
  headers: [name: string, value: string][];
  body: string | undefined;
  bodyEscaping: Escaping;
  /** Every card field some header value or the body uses. */
  fields: CardField[];
  /** A vault token's charge, and the AP2 Payment Mandate (compact SD-JWT+KB) that authorizes it, if given. */
  payment?: { amount: number; currency: string; checkoutSessionId: string; mandate?: string };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const invalid = (param: string, detail?: string) =>
  new EdgeError('invalid_request', detail === undefined ? { param } : { param, detail });

/**
 * Reads the body of `POST /v1/forward`: `{ token, request: { url, method, headers?, body? } }`. Problems name the
 * field (`param`: `body`, `token`, `request`, `request.url`, `request.method`, `request.headers`,
 * `request.body`), never a value, and an unknown member or a header is named only by the object holding it.
 */
export function parseForwardBody(bytes: Uint8Array): ParsedForward {
  const json = parseJsonBytes(bytes);
  if (!isRecord(json) || Object.keys(json).some((key) => !BODY_MEMBERS.has(key))) throw invalid('body');
  if (isRecord(json.request) && Object.keys(json.request).some((key) => !REQUEST_MEMBERS.has(key))) {
    throw invalid('request');
  }
  const result = v.safeParse(ForwardSchema, json);
  if (!result.success) {
    const path = (result.issues[0] && v.getDotPath(result.issues[0])) || 'body';
    // Deeper than `request.headers` lies a header's name: merchant data, not worth echoing.
    throw invalid(path.split('.').slice(0, 2).join('.'));
  }
  const { token, request, payment } = result.output;

  const url = parseUrl(request.url);
  const headers = Object.entries(request.headers ?? {});
  checkHeaders(headers);
  const contentType = headers.find(([name]) => name.toLowerCase() === 'content-type')?.[1];
  const bodyEscaping = escapingFor(contentType);
  if (request.body !== undefined && request.method === 'GET') throw invalid('request.body', 'A GET has no body.');

  const fields = new Set<CardField>();
  for (const [, value] of headers) {
    const used = templateFields(value);
    if (used === null) throw invalid('request.headers', 'Unknown placeholder; use {{card.number}}, {{card.cvc}}, …');
    if (used.has('name')) throw invalid('request.headers', NAME_WHERE);
    for (const field of used) fields.add(field);
  }
  if (request.body !== undefined) {
    const used = templateFields(request.body);
    if (used === null) throw invalid('request.body', 'Unknown placeholder; use {{card.number}}, {{card.cvc}}, …');
    if (used.has('name') && bodyEscaping === 'raw') throw invalid('request.body', NAME_WHERE);
    for (const field of used) fields.add(field);
    if (bodyEscaping === 'json') checkJsonTemplate(request.body);
  }

  checkPayment(token, payment, fields);
  const parsed: ParsedForward = {
    tokenId: token,
    url,
    method: request.method,
    headers,
    body: request.body,
    bodyEscaping,
    fields: [...fields],
  };
  if (payment !== undefined) {
    parsed.payment = {
      amount: payment.amount,
      currency: payment.currency,
      checkoutSessionId: payment.checkout_session_id,
      ...(payment.mandate === undefined ? {} : { mandate: payment.mandate }),
    };
  }
  return parsed;
}

/**
 * A vault token's charge names its payment and carries both amount and currency through placeholders, so the
 * destination sees exactly what the vault checked; an ordinary token's forward has neither.
 */
function checkPayment(token: string, payment: unknown, fields: ReadonlySet<CardField>): void {
  const charge = token.startsWith('vt_');
  if (charge && payment === undefined) {
    throw invalid('payment', "A vault token's charge names its payment: { amount, currency, checkout_session_id }.");
  }
  if (!charge && payment !== undefined)
    throw invalid('payment', 'Only a vault token (vt_…) is charged with a payment.');
  const usesPayment = fields.has('amount') || fields.has('currency');
  if (charge && !(fields.has('amount') && fields.has('currency'))) {
    throw invalid('request', 'Put {{payment.amount}} and {{payment.currency}} in the request the processor receives.');
  }
  if (!charge && usesPayment) throw invalid('request', '{{payment.…}} is filled in only for a vault token.');
}

function parseUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw invalid('request.url');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw invalid('request.url', 'Use an https URL.');
  // Card data goes in headers and the body only: a URL ends up in access logs along the way.
  if (text.includes('{{')) throw invalid('request.url', 'Placeholders are filled in headers and the body only.');
  if (url.username !== '' || url.password !== '') throw invalid('request.url', 'Send credentials in a header.');
  if (url.hash !== '') throw invalid('request.url', 'A URL fragment is never sent.');
  return url;
}

function checkHeaders(headers: [string, string][]): void {
  if (headers.length > MAX_HEADERS) throw invalid('request.headers', `At most ${MAX_HEADERS} headers.`);
  const seen = new Set<string>();
  for (const [name, value] of headers) {
    const lower = name.toLowerCase();
    if (!HEADER_NAME.test(name) || !HEADER_VALUE.test(value) || seen.has(lower)) throw invalid('request.headers');
    if (FORBIDDEN_HEADERS.has(lower) || lower.startsWith('cf-')) {
      throw invalid('request.headers', 'Host, Content-Length, hop-by-hop and cf-* headers are set by the edge.');
    }
    seen.add(lower);
  }
}
