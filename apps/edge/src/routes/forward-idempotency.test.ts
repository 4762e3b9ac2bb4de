import { env } from 'cloudflare:workers';
import type { TokenObject } from '@tessera/protocol';
import { describe, expect, it } from 'vitest';
import { deleteTokenCall, expectProblem, getToken, VISA } from '../../test/support/edge';
import {
  charge,
  checkForwardLogs,
  DASHED,
  forwardCall,
  forwardEvents,
  forwarded,
  forwardWithEnv,
  peerHost,
  peerId,
  received,
  SPACED,
  token,
} from '../../test/support/forward';

checkForwardLogs();

// POST /v1/forward: Idempotency-Key, and destinations that fail.

describe('POST /v1/forward: Idempotency-Key', () => {
  it('replays the first (masked) result for the same bytes, sends once, and refuses other bytes with 409', async () => {
    const tok = await token();
    const id = peerId();
    const body = JSON.stringify(charge(tok.id, `/echo/${id}`));
    const first = await forwardCall(body, { idempotencyKey: `fwd-${id}` });
    const firstAnswer = await forwarded(first);
    const again = await forwardCall(body, { idempotencyKey: `fwd-${id}` });
    expect(again.headers.get('Idempotent-Replayed')).toBe('true');
    expect(await forwarded(again)).toEqual(firstAnswer);
    expect(await received(id)).toHaveLength(1);

    await expectProblem(
      await forwardCall(JSON.stringify(charge(tok.id, `/echo/${id}`, { body: '{}' })), { idempotencyKey: `fwd-${id}` }),
      'idempotency_conflict',
    );
    expect(await received(id)).toHaveLength(1);
    const events = (await forwardEvents()).filter((e) => e.token_id === tok.id || e.token_id === null);
    expect(events.slice(-3).map((e) => [e.action, e.host, e.status])).toEqual([
      ['token.forwarded', peerHost(), 200],
      ['token.forward_replayed', peerHost(), 200],
      ['token.idempotency_conflict', null, null],
    ]);
    // What is kept for replays is the masked answer only.
    const { runInDurableObject } = await import('cloudflare:test');
    const stored = await runInDurableObject(env.VAULT.get(env.VAULT.idFromName('demo')), (_, state) =>
      state.storage.sql.exec("SELECT * FROM idempotency WHERE scope = 'forward' AND key = ?", `fwd-${id}`).one(),
    );
    for (const secret of [VISA, SPACED, DASHED]) expect(JSON.stringify(stored)).not.toContain(secret);
  });

  it('keeps no copy of a deleted token: a replayed forward answers 404 and its masked answer is gone', async () => {
    const tok = await token();
    const id = peerId();
    const body = JSON.stringify(charge(tok.id, `/echo/${id}`));
    await forwarded(await forwardCall(body, { idempotencyKey: `gone-${id}` }));
    expect((await deleteTokenCall(tok.id)).status).toBe(200);
    await expectProblem(await forwardCall(body, { idempotencyKey: `gone-${id}` }), 'not_found');
    expect(await received(id)).toHaveLength(1);
    const { runInDurableObject } = await import('cloudflare:test');
    const stored = await runInDurableObject(env.VAULT.get(env.VAULT.idFromName('demo')), (_, state) =>
      state.storage.sql.exec("SELECT result FROM idempotency WHERE scope = 'forward' AND key = ?", `gone-${id}`).one(),
    );
    expect(stored).toEqual({ result: '{"erased":true}' });
  });

  it('serves concurrent duplicates one after another: one send, one result', async () => {
    const tok = await token();
    const id = peerId();
    const body = JSON.stringify(charge(tok.id, `/echo/${id}`));
    const answers = await Promise.all([1, 2, 3].map(() => forwardCall(body, { idempotencyKey: `dup-${id}` })));
    const results = await Promise.all(answers.map(forwarded));
    expect(new Set(results.map((r) => JSON.stringify(r))).size).toBe(1);
    expect(answers.filter((a) => a.headers.get('Idempotent-Replayed') === 'true')).toHaveLength(2);
    expect(await received(id)).toHaveLength(1);
  });
});

describe('POST /v1/forward: when the destination fails', () => {
  it('answers 502 forward_failed for an answer over 1 MB, audits it and erases the CVC', async () => {
    const tok = await token();
    const res = await forwardCall(charge(tok.id, `/big/${peerId()}`));
    await expectProblem(res, 'forward_failed');
    const events = await forwardEvents(tok.id);
    expect(events.findLast((e) => e.action === 'token.forwarded')).toMatchObject({ host: peerHost(), status: 200 });
    expect(events.at(-1)).toMatchObject({ action: 'token.cvc_erased' });
    expect(((await (await getToken(tok.id)).json()) as TokenObject).cvc).toBe('absent');
  });

  it('answers 502 forward_failed when nothing listens, and replays that for the same key', async () => {
    const tok = await token();
    const merchants = (JSON.parse(env.TESSERA_MERCHANTS) as { forwardHosts: string[] }[]).map((m) => ({
      ...m,
      forwardHosts: ['127.0.0.1:9'],
    }));
    const change = { TESSERA_MERCHANTS: JSON.stringify(merchants) };
    const body = JSON.stringify(charge(tok.id, '', { url: 'http://127.0.0.1:9/charge' }));
    const problem = await expectProblem(
      await forwardWithEnv(change, body, { idempotencyKey: `down-${tok.id}` }),
      'forward_failed',
    );
    expect(problem.detail).toBe('The destination could not be reached.');
    const again = await forwardWithEnv(change, body, { idempotencyKey: `down-${tok.id}` });
    expect(again.headers.get('Idempotent-Replayed')).toBe('true');
    await expectProblem(again, 'forward_failed');
    const events = await forwardEvents(tok.id);
    expect(events.findLast((e) => e.action === 'token.forwarded')).toMatchObject({ host: '127.0.0.1:9', status: null });
  });
});
