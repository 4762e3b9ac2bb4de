import { createExecutionContext, runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { inject } from 'vitest';
import worker from '../../src/index';
import { call, DEMO_SK, EDGE } from './edge';

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
