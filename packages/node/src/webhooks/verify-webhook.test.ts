// verifyWebhook against the reference Standard Webhooks library (`standardwebhooks`): it accepts what the reference
// signs, the reference accepts what is signed the way the edge signs (test/support/sign.ts), and for any delivery,
// tampered or not, the two agree on whether to trust it.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import fc from 'fast-check';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { signLikeTheEdge } from '../../test/support/sign';
import { verifyWebhook } from './verify-webhook';
import { WebhookVerificationError, type WebhookVerificationErrorCode } from './webhook-verification-error';

const secret = () => `whsec_${randomBytes(32).toString('base64')}`;
const now = () => Math.floor(Date.now() / 1000);
const body = JSON.stringify({
  id: 'evt_1',
  type: 'token.created',
  created: 1_790_000_000,
  data: { token: { id: 'tok_1', object: 'token', note: 'añø €' } },
});

/** The reference library's headers for `payload`, signed at `timestamp` (unix seconds). */
function theirs(key: string, payload: string, timestamp = now(), id = 'evt_1') {
  const signature = new Webhook(key).sign(id, new Date(timestamp * 1000), payload);
  return { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': signature };
}

/** The code verifyWebhook throws with, or undefined when it accepts. */
function refusal(run: () => unknown): WebhookVerificationErrorCode | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(WebhookVerificationError);
    return (error as WebhookVerificationError).code;
  }
}

describe('verifyWebhook, against the reference library', () => {
  it("accepts the reference library's signature and answers the parsed event", () => {
    const key = secret();
    const headers = theirs(key, body);
    const event = verifyWebhook(body, headers, key);
    expect(event).toEqual(JSON.parse(body));
    expect(verifyWebhook(new TextEncoder().encode(body), new Headers(headers), key)).toEqual(event);
    expect(verifyWebhook(Buffer.from(body), headers, [secret(), key])).toEqual(event);
  });

  it('signs nothing the reference library would refuse: it accepts deliveries signed as the edge signs them', () => {
    const key = secret();
    const headers = signLikeTheEdge([key], 'evt_1', now(), body);
    expect(new Webhook(key).verify(body, headers)).toEqual(JSON.parse(body));
    expect(verifyWebhook(body, headers, key)).toEqual(JSON.parse(body));
  });

  it('reads headers in any letter case, from a record or from Headers, and from node:http as is', async () => {
    const key = secret();
    const headers = theirs(key, body);
    const shouted = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toUpperCase(), v]));
    expect(verifyWebhook(body, shouted, key).id).toBe('evt_1');

    // The README's plain node:http receiver, for real.
    let verified: unknown;
    const server = createServer(async (request, response) => {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      try {
        verified = verifyWebhook(Buffer.concat(chunks), request.headers, key);
        response.writeHead(204).end();
      } catch (error) {
        response.writeHead(error instanceof WebhookVerificationError ? 400 : 500).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as import('node:net').AddressInfo;
    const post = (h: Record<string, string>) =>
      fetch(`http://127.0.0.1:${port}/`, {
        method: 'POST',
        headers: { ...h, 'content-type': 'application/json' },
        body,
      });
    expect((await post(headers)).status).toBe(204);
    expect(verified).toEqual(JSON.parse(body));
    expect((await post({ ...headers, 'webhook-id': 'evt_2' })).status).toBe(400);
    server.close();
  });

  it('refuses a tampered body, id or timestamp, and a wrong secret, as the reference does', () => {
    const key = secret();
    const headers = theirs(key, body);
    const tampered = body.replace('tok_1', 'tok_2');
    expect(refusal(() => verifyWebhook(tampered, headers, key))).toBe('invalid_signature');
    expect(() => new Webhook(key).verify(tampered, headers)).toThrow();
    const otherId = { ...headers, 'webhook-id': 'evt_2' };
    expect(refusal(() => verifyWebhook(body, otherId, key))).toBe('invalid_signature');
    // One second off the signed one (not `now() - 1`, which equals it when the clock ticks between the two reads).
    const otherTime = { ...headers, 'webhook-timestamp': String(Number(headers['webhook-timestamp']) - 1) };
    expect(refusal(() => verifyWebhook(body, otherTime, key))).toBe('invalid_signature');
    const wrong = secret();
    expect(refusal(() => verifyWebhook(body, headers, wrong))).toBe('invalid_signature');
    expect(() => new Webhook(wrong).verify(body, headers)).toThrow();
    const garbled = { ...headers, 'webhook-signature': `v1,${'A'.repeat(44)}` };
    expect(refusal(() => verifyWebhook(body, garbled, key))).toBe('invalid_signature');
    const otherVersion = { ...headers, 'webhook-signature': headers['webhook-signature'].replace('v1,', 'v2,') };
    expect(refusal(() => verifyWebhook(body, otherVersion, key))).toBe('invalid_signature');
  });

  it('refuses stale and future timestamps beyond the tolerance, and no sooner', () => {
    const key = secret();
    const at = 1_790_000_000;
    const headers = theirs(key, body, at);
    const clock = (seconds: number) => () => seconds * 1000 + 999;
    expect(verifyWebhook(body, headers, key, { now: clock(at + 300) }).id).toBe('evt_1');
    expect(refusal(() => verifyWebhook(body, headers, key, { now: clock(at + 301) }))).toBe('timestamp_too_old');
    expect(verifyWebhook(body, headers, key, { now: clock(at - 300) }).id).toBe('evt_1');
    expect(refusal(() => verifyWebhook(body, headers, key, { now: clock(at - 301) }))).toBe('timestamp_too_new');
    expect(refusal(() => verifyWebhook(body, headers, key, { now: clock(at + 11), toleranceSeconds: 10 }))).toBe(
      'timestamp_too_old',
    );
    // With the real clock, as the reference library has it.
    const stale = theirs(key, body, now() - 400);
    expect(refusal(() => verifyWebhook(body, stale, key))).toBe('timestamp_too_old');
    expect(() => new Webhook(key).verify(body, stale)).toThrow(/too old/);
    const future = theirs(key, body, now() + 400);
    expect(refusal(() => verifyWebhook(body, future, key))).toBe('timestamp_too_new');
    expect(() => new Webhook(key).verify(body, future)).toThrow(/too new/);
    expect(refusal(() => verifyWebhook(body, { ...headers, 'webhook-timestamp': '17e8' }, key))).toBe(
      'invalid_timestamp',
    );
    expect(() => verifyWebhook(body, headers, key, { toleranceSeconds: -1 })).toThrow(RangeError);
  });

  it('accepts either secret while one rotates: two signatures, one per secret', () => {
    const [old, fresh, stranger] = [secret(), secret(), secret()];
    const headers = signLikeTheEdge([old, fresh], 'evt_1', now(), body);
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(verifyWebhook(body, headers, old).id).toBe('evt_1');
    expect(verifyWebhook(body, headers, fresh).id).toBe('evt_1');
    expect(verifyWebhook(body, headers, [stranger, fresh]).id).toBe('evt_1');
    expect(refusal(() => verifyWebhook(body, headers, stranger))).toBe('invalid_signature');
    expect(new Webhook(old).verify(body, headers)).toEqual(JSON.parse(body));
    expect(new Webhook(fresh).verify(body, headers)).toEqual(JSON.parse(body));
    // A server that already has both secrets accepts a delivery signed with either alone.
    expect(verifyWebhook(body, theirs(old, body), [old, fresh]).id).toBe('evt_1');
  });

  it('refuses a delivery with a header missing or empty, as the reference does', () => {
    const key = secret();
    const headers = theirs(key, body);
    for (const name of Object.keys(headers) as (keyof typeof headers)[]) {
      const { [name]: _, ...rest } = headers;
      expect(refusal(() => verifyWebhook(body, rest, key))).toBe('missing_header');
      expect(() => new Webhook(key).verify(body, rest)).toThrow(/Missing required headers/);
      expect(refusal(() => verifyWebhook(body, { ...headers, [name]: '' }, key))).toBe('missing_header');
      expect(refusal(() => verifyWebhook(body, { ...rest, [name]: undefined }, key))).toBe('missing_header');
    }
  });

  it('refuses secrets that are not whsec_ and base64, before looking at the delivery', () => {
    for (const bad of ['', 'whsec_', 'MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'whsec_not*base64', 'whsec_abc', 'we_123']) {
      expect(refusal(() => verifyWebhook(body, {}, bad))).toBe('invalid_secret');
    }
    expect(refusal(() => verifyWebhook(body, {}, []))).toBe('invalid_secret');
    expect(refusal(() => verifyWebhook(body, {}, [secret(), 'nope']))).toBe('invalid_secret');
  });

  it('refuses a signed body that is not a JSON event with invalid_payload', () => {
    const key = secret();
    for (const payload of ['not json', '[]', '{"id":"evt_1"}', '{"id":"evt_1","type":"x","created":"1","data":{}}']) {
      expect(refusal(() => verifyWebhook(payload, theirs(key, payload), key))).toBe('invalid_payload');
    }
    const bytes = new Uint8Array([0x7b, 0xff, 0x7d]); // `{`, a byte that is not UTF-8, `}`
    const headers = signLikeTheEdge([key], 'evt_1', now(), bytes);
    expect(refusal(() => verifyWebhook(bytes, headers, key))).toBe('invalid_payload');
  });

  it('says nothing of the secret or the signature in its messages', () => {
    const key = secret();
    const headers = theirs(key, body);
    for (const run of [
      () => verifyWebhook(`${body} `, headers, key),
      () => verifyWebhook(body, headers, `${key}!`),
      () => verifyWebhook(body, { ...headers, 'webhook-timestamp': '1' }, key),
    ]) {
      const message = (() => {
        try {
          run();
        } catch (error) {
          return String((error as Error).message);
        }
      })();
      expect(message).toBeDefined();
      expect(message).not.toContain(key.slice(6));
      expect(message).not.toContain(headers['webhook-signature'].slice(3));
    }
  });

  it('agrees with the reference library on every delivery, tampered or not', () => {
    const tamper = fc.constantFrom('none', 'body', 'id', 'timestamp', 'signature', 'secret', 'extra-signature');
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 16, maxLength: 64 }),
        fc.stringMatching(/^evt_[A-Za-z0-9_-]{1,24}$/),
        fc.string({ unit: 'grapheme', maxLength: 80 }),
        fc.integer({ min: -250, max: 250 }),
        tamper,
        (keyBytes, id, note, skew, how) => {
          const key = `whsec_${Buffer.from(keyBytes).toString('base64')}`;
          const payload = JSON.stringify({ id, type: 'token.deleted', created: 1_790_000_000, data: { note } });
          const headers = theirs(key, payload, now() + skew, id);
          let [sentBody, sentHeaders, verifyKey] = [payload, { ...headers }, key];
          if (how === 'body') sentBody = `${payload} `;
          if (how === 'id') sentHeaders['webhook-id'] = `${id}x`;
          if (how === 'timestamp') sentHeaders['webhook-timestamp'] = String(now() + skew + 1);
          if (how === 'signature')
            sentHeaders['webhook-signature'] = headers['webhook-signature'].replace(/.(?==$|$)/, (c) =>
              c === 'A' ? 'B' : 'A',
            );
          if (how === 'secret') verifyKey = secret();
          if (how === 'extra-signature')
            sentHeaders['webhook-signature'] = `v1,${'Q'.repeat(44)} ${headers['webhook-signature']}`;

          const ours = refusal(() => verifyWebhook(sentBody, sentHeaders, verifyKey));
          let reference: unknown;
          let refused = false;
          try {
            reference = new Webhook(verifyKey).verify(sentBody, sentHeaders);
          } catch {
            refused = true;
          }
          expect(ours === undefined).toBe(!refused);
          if (!refused) expect(verifyWebhook(sentBody, sentHeaders, verifyKey)).toEqual(reference);
          expect(ours === undefined).toBe(how === 'none' || how === 'extra-signature');
        },
      ),
      { numRuns: 300 },
    );
  });
});
