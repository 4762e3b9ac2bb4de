import { createExecutionContext, runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { type ForwardResponse, isForwardResponse, type TokenObject } from '@tessera/protocol';
import { expect, inject } from 'vitest';
import worker from '../../src/index';
import { call, createToken, DEMO_SK, EDGE, getToken, VISA, validCard } from './edge';
import { checkEdgeLogs } from './logs';

/** The recording peer of test/processor/recording-server.mjs, as the edge reaches it. */
export const peerHost = () => `127.0.0.1:${inject('processorPort')}`;
export const peerUrl = (path: string) => `http://${peerHost()}${path}`;

/** A fresh id for one test's requests at the peer. */
export const peerId = () => crypto.randomUUID();

export interface Received {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** What the peer received under `id`, oldest first. */
export async function received(id: string): Promise<Received[]> {
  return (await (await fetch(peerUrl(`/received/${id}`))).json()) as Received[];
}

export interface ForwardCallOptions {
  sk?: string;
  idempotencyKey?: string;
  headers?: Record<string, string>;
}

const forwardInit = (body: unknown, options: ForwardCallOptions): RequestInit => ({
  method: 'POST',
  headers: {
    Authorization: `Bearer ${options.sk ?? DEMO_SK}`,
    'Content-Type': 'application/json',
    ...(options.idempotencyKey === undefined ? {} : { 'Idempotency-Key': options.idempotencyKey }),
    ...options.headers,
  },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

/** `POST /v1/forward` with the demo secret key (or another). */
export const forwardCall = (body: unknown, options: ForwardCallOptions = {}) =>
  call('/v1/forward', forwardInit(body, options));

/** `POST /v1/forward` to the worker with some bindings changed (environment, merchants). */
export const forwardWithEnv = (change: Partial<Env>, body: unknown, options: ForwardCallOptions = {}) =>
  worker.fetch(
    new Request(`${EDGE}/v1/forward`, forwardInit(body, options)),
    { ...env, ...change },
    createExecutionContext(),
  );

/** The forward events of a token (or all forward-related events) in the demo vault. */
export function forwardEvents(tokenId?: string) {
  return runInDurableObject(env.VAULT.get(env.VAULT.idFromName('demo')), (_, state) =>
    state.storage.sql
      .exec<{
        action: string;
        token_id: string | null;
        host: string | null;
        status: number | null;
        request_id: string;
      }>(
        `SELECT action, token_id, host, status, request_id FROM events
         WHERE ${tokenId === undefined ? "action LIKE 'token.forward%' OR action = 'token.idempotency_conflict'" : 'token_id = ?'}
         ORDER BY seq`,
        ...(tokenId === undefined ? [] : [tokenId]),
      )
      .toArray(),
  );
}

/** The forward tests' card: a CVC, and a name with quotes that JSON must escape. */
export const CVC = '987';
export const NAME = 'Ada "The Countess" Lovelace';
export const SPACED = '4242 4242 4242 4242';
export const DASHED = '4242-4242-4242-4242';

/** Holds every log line of the calling file to the log rules, with the forward tests' card values (invariant 1). */
export function checkForwardLogs(): void {
  checkEdgeLogs(
    (line) => {
      for (const secret of [VISA, SPACED, DASHED, 'Lovelace', DEMO_SK]) expect(line).not.toContain(secret);
    },
    // The CVC as a value of its own, anywhere but the numbers a log line may hold by right (status, duration).
    { cvcs: [CVC] },
  );
}

/** A new token, read whole with the secret key (the create answer carries only what a field page shows). */
export async function token(card = validCard({ cvc: CVC, name: NAME })): Promise<TokenObject> {
  const res = await createToken(card);
  expect(res.status).toBe(200);
  const { id } = (await res.json()) as { id: string };
  return (await (await getToken(id)).json()) as TokenObject;
}

/** A charge as a merchant writes it: JSON with the card filled in, and the number in a header too. */
export const charge = (tokenId: string, path: string, extra: Record<string, unknown> = {}) => ({
  token: tokenId,
  request: {
    url: peerUrl(path),
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Card-Number': '{{card.number}}', 'X-Api-Key': 'proc_123' },
    body: '{"number":"{{card.number}}","cvc":"{{card.cvc}}","expMonth":{{card.expMonth}},"expYear":{{card.expYear}},"name":"{{card.name}}","amount":1999}',
    ...extra,
  },
});

/** A forward's answer: 200, not cached, of the documented shape. */
export async function forwarded(res: Response): Promise<ForwardResponse> {
  expect(res.status).toBe(200);
  expect(res.headers.get('Cache-Control')).toBe('no-store');
  const body = await res.json();
  expect(isForwardResponse(body)).toBe(true);
  return body as ForwardResponse;
}
