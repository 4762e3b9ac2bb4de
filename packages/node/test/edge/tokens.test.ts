// tokens.* against the real edge: what a merchant server does with a token the card fields made.
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { Tessera, TesseraApiError } from '../../src/index';
import { client, createToken, edge } from '../support/edge';

/** The rejection of `promise`, which must be a TesseraApiError. */
async function apiError(promise: Promise<unknown>): Promise<TesseraApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TesseraApiError);
  return error as TesseraApiError;
}

describe('tokens', () => {
  it('retrieves the masked token object of a token the fields made', async () => {
    const { id, card } = await createToken();
    const token = await client().tokens.retrieve(id);
    expect(token).toMatchObject({
      id,
      object: 'token',
      type: 'card',
      cvc: 'present',
      card: { brand: 'visa', last4: card.number.slice(-4), bin: card.number.slice(0, 6), expMonth: 12, expYear: 2034 },
    });
    expect(token.card.fingerprint).toMatch(/^fp_/);
    expect(JSON.stringify(token)).not.toContain(card.number);
  });

  it('lists and erases the tokens of one card by its fingerprint', async () => {
    const first = await createToken();
    const second = await createToken({ ...first.card, cvc: '456' });
    const other = await createToken();
    const tessera = client();
    const { fingerprint } = (await tessera.tokens.retrieve(first.id)).card;

    const list = await tessera.tokens.list({ fingerprint });
    expect(list.object).toBe('list');
    expect(list.data.map((t) => t.id).sort()).toEqual([first.id, second.id].sort());

    const erased = await tessera.tokens.deleteByFingerprint(fingerprint);
    expect(erased.data.map((t) => t.id).sort()).toEqual([first.id, second.id].sort());
    expect(erased.data.every((t) => t.deleted === true && t.object === 'token')).toBe(true);
    expect((await tessera.tokens.list({ fingerprint })).data).toEqual([]);
    expect((await tessera.tokens.retrieve(other.id)).id).toBe(other.id);
  });

  it('deletes a token; reading it again is a not_found TesseraApiError with the request id', async () => {
    const { id } = await createToken();
    const tessera = client();
    expect(await tessera.tokens.delete(id)).toEqual({ id, object: 'token', deleted: true });
    const error = await apiError(tessera.tokens.retrieve(id));
    expect(error).toMatchObject({ status: 404, code: 'not_found', title: 'No such object.' });
    expect(error.requestId).toMatch(/^req_/);
  });

  it("never shows one merchant another's token", async () => {
    const { id } = await createToken();
    const rival = client({}, edge().otherSecretKey);
    expect((await apiError(rival.tokens.retrieve(id))).code).toBe('not_found');
  });

  it('turns a refused key into an unauthorized error that does not hold the key, nor does the client', async () => {
    const key = 'sk_test_not_a_known_key';
    const tessera = new Tessera(key, { edge: edge().origin });
    const error = await apiError(tessera.tokens.retrieve('tok_anything'));
    expect(error).toMatchObject({ status: 401, code: 'unauthorized' });
    for (const shown of [error.message, error.stack, inspect(error), JSON.stringify(error), inspect(tessera)]) {
      expect(shown).not.toContain(key);
    }
  });

  it('sends ids as one path segment, so no id reaches another route', async () => {
    const error = await apiError(client().tokens.retrieve('../forward'));
    expect(error.code).toBe('not_found');
  });
});
