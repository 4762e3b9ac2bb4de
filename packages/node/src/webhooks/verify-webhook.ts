import { createHmac, timingSafeEqual } from 'node:crypto';
import type { WebhookEvent } from '@tessera/protocol';
import { isRecord } from '../types/guards';
import { WebhookVerificationError } from './webhook-verification-error';

/** Header values as `Headers`, or as Node's `IncomingMessage.headers` (any letter case) and similar records. */
export type WebhookHeaders = Headers | Record<string, string | string[] | undefined>;

export interface VerifyWebhookOptions {
  /** How far the webhook-timestamp may be from now, either way, in seconds; 300 by default. */
  toleranceSeconds?: number;
  /** The current time in milliseconds, as `Date.now()` gives it (the default). */
  now?: () => number;
}

const SECRET = /^whsec_([A-Za-z0-9+/]+={0,2})$/;
const TIMESTAMP = /^\d{1,15}$/;

function secretKeys(secrets: string | string[]): Buffer[] {
  const list = Array.isArray(secrets) ? secrets : [secrets];
  if (list.length === 0) throw new WebhookVerificationError('invalid_secret');
  return list.map((secret) => {
    const base64 = typeof secret === 'string' ? SECRET.exec(secret)?.[1] : undefined;
    if (base64 === undefined || base64.length % 4 !== 0) throw new WebhookVerificationError('invalid_secret');
    return Buffer.from(base64, 'base64');
  });
}

function header(headers: WebhookHeaders, name: string): string | undefined {
  let value: string | string[] | null | undefined;
  if (typeof (headers as Headers).get === 'function' && typeof (headers as Headers).has === 'function') {
    value = (headers as Headers).get(name);
  } else {
    const record = headers as Record<string, string | string[] | undefined>;
    value = record[name] ?? Object.entries(record).find(([key]) => key.toLowerCase() === name)?.[1];
  }
  // Repeated headers read as one, joined the way Fetch's Headers.get() joins them.
  const text = (Array.isArray(value) ? value.join(', ') : (value ?? '')).trim();
  return text === '' ? undefined : text;
}

/**
 * Checks a webhook delivery the Standard Webhooks way and answers its event: the `webhook-signature` must hold a
 * `v1,` HMAC-SHA256 of `${webhook-id}.${webhook-timestamp}.${body}` under one of `secrets` (pass two while a secret
 * rotates), and the timestamp must be within `toleranceSeconds` of now. Pass the body exactly as received, before
 * any JSON parsing. Throws `WebhookVerificationError` otherwise.
 *
 * @example
 * app.post('/webhooks/tessera', express.raw({ type: 'application/json' }), (req, res) => {
 *   const event = verifyWebhook(req.body, req.headers, process.env.TESSERA_WEBHOOK_SECRET!);
 *   if (event.type === 'token.created') console.log(event.data.token.card.last4);
 *   res.sendStatus(204);
 * });
 */
export function verifyWebhook(
  rawBody: string | Uint8Array,
  headers: WebhookHeaders,
  secrets: string | string[],
  options: VerifyWebhookOptions = {},
): WebhookEvent {
  const keys = secretKeys(secrets);
  const tolerance = options.toleranceSeconds ?? 300;
  if (!Number.isFinite(tolerance) || tolerance < 0) throw new RangeError('toleranceSeconds must be 0 or more');

  const id = header(headers, 'webhook-id');
  const timestamp = header(headers, 'webhook-timestamp');
  const signatures = header(headers, 'webhook-signature');
  if (id === undefined || timestamp === undefined || signatures === undefined) {
    throw new WebhookVerificationError('missing_header');
  }
  if (!TIMESTAMP.test(timestamp)) throw new WebhookVerificationError('invalid_timestamp');
  const now = Math.floor((options.now ?? Date.now)() / 1000);
  const sent = Number(timestamp);
  if (now - sent > tolerance) throw new WebhookVerificationError('timestamp_too_old');
  if (sent - now > tolerance) throw new WebhookVerificationError('timestamp_too_new');

  const body = typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : Buffer.from(rawBody);
  const signed = Buffer.concat([Buffer.from(`${id}.${timestamp}.`, 'utf8'), body]);
  // Compared as base64 text, as the reference library does: a signature is accepted in its one canonical form.
  const expected = keys.map((key) => Buffer.from(createHmac('sha256', key).update(signed).digest('base64')));
  const given = signatures
    .split(' ')
    .filter((entry) => entry.startsWith('v1,'))
    .map((entry) => Buffer.from(entry.slice(3)));
  const matches = given.some((signature) =>
    expected.some((mac) => signature.length === mac.length && timingSafeEqual(signature, mac)),
  );
  if (!matches) throw new WebhookVerificationError('invalid_signature');

  let event: unknown;
  try {
    event = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
  } catch {
    throw new WebhookVerificationError('invalid_payload');
  }
  if (
    !isRecord(event) ||
    typeof event.id !== 'string' ||
    typeof event.type !== 'string' ||
    typeof event.created !== 'number' ||
    !isRecord(event.data)
  ) {
    throw new WebhookVerificationError('invalid_payload');
  }
  return event as unknown as WebhookEvent;
}
