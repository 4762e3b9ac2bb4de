import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import type { TokenObject } from '@tessera/protocol';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  call,
  createToken,
  DEMO_PK,
  DEMO_SK,
  expectNothingWritten,
  expectProblem,
  getToken,
  MASTERCARD,
  OTHER_SK,
  validCard,
} from '../../test/support/edge';
import { DeletedTokenListSchema, TokenListSchema } from '../openapi/response-schemas';

// Fingerprint search and erase by card: a merchant server finds its tokens of one card, and erases them all
// when the cardholder asks for deletion.

const withSk = (sk = DEMO_SK) => ({ Authorization: `Bearer ${sk}` });

async function tokenOf(card = validCard({ number: MASTERCARD })): Promise<TokenObject> {
  const res = await createToken(card);
  const { id } = (await res.json()) as { id: string };
  return (await (await getToken(id)).json()) as TokenObject;
}

describe('tokens by fingerprint', () => {
  it("lists this merchant's tokens of one card, newest first, and audits each as a read", async () => {
    const first = await tokenOf();
    const second = await tokenOf(validCard({ number: MASTERCARD, expMonth: 3 }));
    const other = await tokenOf(validCard());
    expect(second.card.fingerprint).toBe(first.card.fingerprint);
    const res = await call(`/v1/tokens?fingerprint=${first.card.fingerprint}`, { headers: withSk() });
    expect(res.status).toBe(200);
    const list = v.parse(TokenListSchema, await res.json());
    const ids = list.data.map((t) => t.id);
    expect(ids).toEqual(expect.arrayContaining([first.id, second.id]));
    expect(ids).not.toContain(other.id);
    const reads = await runInDurableObject(env.VAULT.get(env.VAULT.idFromName('demo')), (_, state) =>
      state.storage.sql
        .exec("SELECT token_id FROM events WHERE action = 'token.read' AND token_id IN (?, ?)", first.id, second.id)
        .toArray(),
    );
    expect(reads.length).toBeGreaterThanOrEqual(4); // one read each to make them above, one each for the list
  });

  it("finds nothing with another merchant's key: fingerprints and vaults are per merchant", async () => {
    const ours = await tokenOf();
    const res = await call(`/v1/tokens?fingerprint=${ours.card.fingerprint}`, { headers: withSk(OTHER_SK) });
    expect(await res.json()).toEqual({ object: 'list', data: [] });
  });

  it('refuses a missing or malformed fingerprint (400) and a publishable key (403), writing nothing', async () => {
    await expectNothingWritten(async () => {
      for (const query of ['', '?fingerprint=', '?fingerprint=fp_short', `?fingerprint=${'4'.repeat(16)}`]) {
        await expectProblem(await call(`/v1/tokens${query}`, { headers: withSk() }), 'invalid_request', {
          param: 'fingerprint',
        });
      }
      await expectProblem(
        await call('/v1/tokens?fingerprint=fp_aaaaaaaaaaaaaaaaaaaaaa', {
          headers: { Authorization: `Bearer ${DEMO_PK}` },
        }),
        'wrong_key_type',
      );
    });
  });

  it('erases every token of one card and nothing else; each is gone and audited', async () => {
    const a = await tokenOf(validCard({ number: '4000056655665556' }));
    const b = await tokenOf(validCard({ number: '4000056655665556', expMonth: 2 }));
    const keep = await tokenOf(validCard());
    const res = await call(`/v1/tokens?fingerprint=${a.card.fingerprint}`, { method: 'DELETE', headers: withSk() });
    expect(res.status).toBe(200);
    const erased = v.parse(DeletedTokenListSchema, await res.json());
    expect(erased.data.map((t) => t.id).sort()).toEqual([a.id, b.id].sort());
    for (const id of [a.id, b.id]) expect((await getToken(id)).status).toBe(404);
    expect((await getToken(keep.id)).status).toBe(200);
    const again = await call(`/v1/tokens?fingerprint=${a.card.fingerprint}`, { method: 'DELETE', headers: withSk() });
    expect(await again.json()).toEqual({ object: 'list', data: [] });
  });
});
