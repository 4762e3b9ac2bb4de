import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import type { TokenObject } from '@tessera/protocol';
import { describe, expect, it } from 'vitest';
import { call, createToken, expectProblem, getToken, VISA, validCard } from '../../test/support/edge';
import { charge, forwardCall, peerId } from '../../test/support/forward';
import { newEndpoint, removeEndpoints } from '../../test/support/webhooks';
import { getEffectiveConfig } from '../config/effective-config';
import { decryptCard } from '../vault/card-records';
import { selectCardRecord } from '../vault/token-store';
import { VaultKeyring } from '../vault/vault-keys';

// KEK rotation you can watch: every merchant's data keys (and webhook secrets) rewrapped under the new KEK in
// the background, while tokenize and forward traffic goes on, resumable after a restart.

const admin = (path: string, body?: unknown) =>
  call(`/v1/admin${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { Authorization: 'Bearer op_test_local', 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

const status = async () =>
  (await (await admin('/rotate')).json()) as {
    state: string;
    done: number;
    total: number;
    failed: number;
    kek: string | null;
  };

const kekOfDataKeys = (merchantId: string) =>
  runInDurableObject(env.VAULT.get(env.VAULT.idFromName(merchantId)), (_i, state) =>
    state.storage.sql
      .exec<{ kek_kid: string }>('SELECT kek_kid FROM data_keys')
      .toArray()
      .map((r) => r.kek_kid),
  );

async function newToken(): Promise<string> {
  const res = await createToken(validCard({ cvc: '123' }));
  expect(res.status).toBe(200);
  return ((await res.json()) as { id: string }).id;
}

describe('KEK rotation', () => {
  it('rewraps every data key under the new KEK while traffic goes on, with no failed decrypt', async () => {
    const before = await Promise.all([newToken(), newToken(), newToken()]);
    await newEndpoint('https://hooks.example.com/rotation', ['token.created']);
    expect(await status()).toMatchObject({ state: 'idle' });
    const oldKek = (await kekOfDataKeys('demo'))[0];
    expect(oldKek).not.toBe('kek_next');

    const started = await admin('/rotate', { kek: 'kek_next' });
    expect(started.status).toBe(202);
    // Traffic during the rotation: creates, reads and forwards of old and new tokens.
    const traffic = await Promise.all([
      ...before.map(async (id) => (await getToken(id)).status),
      ...before.map(
        async (id) => (await forwardCall(charge(id, `/echo/${peerId()}`, { body: '{"n":"{{card.number}}"}' }))).status,
      ),
      ...Array.from({ length: 5 }, async () => (await createToken(validCard())).status),
    ]);
    expect(traffic.every((s) => s === 200)).toBe(true);
    // Calling again with the same KEK changes nothing.
    expect((await admin('/rotate', { kek: 'kek_next' })).status).toBe(202);

    await expect.poll(async () => (await status()).state, { timeout: 10_000 }).toBe('done');
    expect(await status()).toMatchObject({ kek: 'kek_next', failed: 0 });
    expect(new Set(await kekOfDataKeys('demo'))).toEqual(new Set(['kek_next']));
    for (const id of before) expect(((await (await getToken(id)).json()) as TokenObject).id).toBe(id);
    // As a restarted vault would: its keys unwrapped afresh from storage still open every old record.
    const opened = await runInDurableObject(env.VAULT.get(env.VAULT.idFromName('demo')), async (_i, state) => {
      const keyring = new VaultKeyring(state.storage.sql, () => getEffectiveConfig(env));
      const numbers: string[] = [];
      for (const id of before) {
        const stored = selectCardRecord(state.storage.sql, id);
        if (stored === null) continue;
        const keys = await keyring.version(stored.keyVersion);
        numbers.push((await decryptCard(keys, 'demo', id, stored.card)).number);
      }
      return numbers;
    });
    expect(opened).toEqual(before.map(() => VISA));
    const after = await newToken();
    expect((await forwardCall(charge(after, `/echo/${peerId()}`, { body: '{"n":"{{card.number}}"}' }))).status).toBe(
      200,
    );
    const secrets = await runInDurableObject(env.WEBHOOKS.get(env.WEBHOOKS.idFromName('demo')), (_i, state) =>
      state.storage.sql.exec<{ kek_kid: string }>('SELECT kek_kid FROM endpoints').toArray(),
    );
    expect(secrets.every((s) => s.kek_kid === 'kek_next')).toBe(true);

    // The old KEK wraps nothing now and may leave the secret; the active one may not.
    expect(await (await admin('/rotate/retire', { kek: oldKek })).json()).toEqual({ kek: oldKek, retirable: true });
    await expectProblem(await admin('/rotate/retire', { kek: 'kek_next' }), 'kek_in_use');
    await removeEndpoints();
  });

  it('resumes an interrupted rotation where it stopped, and finishes it', async () => {
    await newToken();
    await admin('/rotate', { kek: 'kek_next' });
    await expect.poll(async () => (await status()).state, { timeout: 10_000 }).toBe('done');
    // As after a restart in the middle: the stored cursor says one merchant was done, the alarm rings again.
    await runInDurableObject(env.REGISTRY.get(env.REGISTRY.idFromName('registry')), async (_i, state) => {
      state.storage.sql.exec("UPDATE rotation SET state = 'running', cursor = 1, failed = '[]' WHERE id = 1");
      await state.storage.setAlarm(Date.now());
    });
    await expect.poll(async () => (await status()).state, { timeout: 10_000 }).toBe('done');
    expect(await status()).toMatchObject({ failed: 0, done: (await status()).total });
  });

  it('refuses a KEK the secret does not list, and changes nothing', async () => {
    await expectProblem(await admin('/rotate', { kek: 'kek_unknown' }), 'invalid_request', { param: 'kek' });
    await expectProblem(await admin('/rotate', { kek: 'bad kid!' }), 'invalid_request', { param: 'kek' });
  });
});

describe("a merchant's data-key rotation", () => {
  const dataKeyOf = (tokenId: string) =>
    runInDurableObject(env.VAULT.get(env.VAULT.idFromName('demo')), (_i, state) =>
      state.storage.sql.exec<{ key_version: number }>('SELECT key_version FROM tokens WHERE id = ?', tokenId).one(),
    );

  it('writes new records under the new version and moves an old one to it when next read', async () => {
    const old = await newToken();
    const before = (await dataKeyOf(old)).key_version;
    const res = await admin('/merchants/demo/data-key/rotate', {});
    expect(res.status).toBe(201);
    const { version } = (await res.json()) as { version: number };
    expect(version).toBe(before + 1);
    expect((await dataKeyOf(await newToken())).key_version).toBe(version);
    // The old record still opens, and the forward that opened it writes it again under the new version.
    const sent = await forwardCall(charge(old, `/echo/${peerId()}`, { body: '{"n":"{{card.number}}"}' }));
    expect(sent.status).toBe(200);
    expect(JSON.parse(((await sent.json()) as { body: string }).body).body).toContain('4242');
    expect((await dataKeyOf(old)).key_version).toBe(version);
    const fingerprints = await Promise.all(
      [old, await newToken()].map(async (id) => ((await (await getToken(id)).json()) as TokenObject).card.fingerprint),
    );
    expect(fingerprints[0]).toBe(fingerprints[1]);
    await expectProblem(await admin('/merchants/nobody/data-key/rotate', {}), 'not_found');
  });
});
