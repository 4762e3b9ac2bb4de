import { describe, expect, it } from 'vitest';
import type { ApiKey, IssuedKey, RolledKey } from '../../src/api/admin-types';
import { cli, eventsStatus, freshId } from '../support/edge';

async function newMerchant() {
  const id = freshId('keys-shop');
  const created = await cli([
    'merchants',
    'create',
    '--id',
    id,
    '--name',
    'Keys shop',
    '--origin',
    'http://localhost:5177',
  ]);
  expect(created.code).toBe(0);
  return id;
}

async function issue(merchant: string, type: string) {
  const ran = await cli(['keys', 'issue', merchant, '--type', type, '--json']);
  expect(ran.code).toBe(0);
  return { ...ran, key: ran.json<IssuedKey>() };
}

describe('keys', () => {
  it('issues a key once, with the warning to store it; lists keys by prefix and last four only', async () => {
    const shop = await newMerchant();
    const pk = await issue(shop, 'publishable');
    expect(pk.key).toMatchObject({ object: 'api_key', type: 'publishable', status: 'active' });
    // The key names its merchant, with `_` for `-`.
    expect(pk.key.key).toMatch(new RegExp(`^pk_test_${shop.replaceAll('-', '_')}_[0-9a-f]{32}$`));
    expect(pk.stderr).toContain('Store this key now, in your secret store: it is shown this once.');

    const human = await cli(['keys', 'issue', shop, '--type', 'sk']);
    expect(human.code).toBe(0);
    const [, sk = ''] = human.stdout.match(/^ {2}(sk_test_\S+)$/m) ?? [];
    expect(sk).toMatch(/^sk_test_\w+$/);
    expect(human.stdout).toMatch(new RegExp(`^Issued a secret key for ${shop}: key_`));
    expect(await eventsStatus(sk)).toEqual({ status: 200 });

    const list = await cli(['keys', 'list', shop, '--json']);
    expect(list.stdout).not.toContain(pk.key.key);
    expect(list.stdout).not.toContain(sk);
    const keys = list.json<{ object: string; data: ApiKey[] }>();
    expect(keys.object).toBe('list');
    expect(keys.data.map((k) => [k.type, k.last4, k.status])).toEqual(
      expect.arrayContaining([
        ['publishable', pk.key.key.slice(-4), 'active'],
        ['secret', sk.slice(-4), 'active'],
      ]),
    );
    const table = await cli(['keys', 'list', shop]);
    expect(table.stdout.split('\n')[0]).toMatch(/^ID\s+TYPE\s+KEY\s+STATUS\s+CREATED\s+LAST USED\s+EXPIRES$/);
    expect(table.stdout).toContain(`sk_test_…${sk.slice(-4)}`);
  });

  it('rolls a key: the new one works, the old one stops when told; revokes a key from its next request', async () => {
    const shop = await newMerchant();
    const sk = (await issue(shop, 'secret')).key;
    const rolled = await cli(['keys', 'roll', shop, sk.id, '--expires-in', '0', '--json']);
    expect(rolled.code).toBe(0);
    const next = rolled.json<RolledKey>();
    expect(next.previous).toMatchObject({ id: sk.id, rolledTo: next.id });
    expect(rolled.stderr).toContain('Store this key now');
    expect(await eventsStatus(next.key)).toEqual({ status: 200 });
    expect(await eventsStatus(sk.key)).toEqual({ status: 401, code: 'unauthorized' });

    const revoked = await cli(['keys', 'revoke', shop, next.id, '--json']);
    expect(revoked.json()).toMatchObject({ id: next.id, status: 'revoked' });
    expect(await eventsStatus(next.key)).toEqual({ status: 401, code: 'unauthorized' });

    const again = await cli(['keys', 'roll', shop, next.id]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('(409 key_revoked');
  });

  it('answers 404 for an unknown merchant or key, plainly, exiting 1', async () => {
    const shop = await newMerchant();
    const unknownKey = await cli(['keys', 'revoke', shop, 'key_nope']);
    expect(unknownKey.code).toBe(1);
    expect(unknownKey.stderr).toMatch(/^tessera: No such object\. \(404 not_found, request \S+\)\n$/);
    const unknownMerchant = await cli(['keys', 'list', 'no-such-shop', '--json']);
    expect(unknownMerchant.code).toBe(1);
    expect(unknownMerchant.json()).toMatchObject({ error: { code: 'not_found', status: 404 } });
  });
});
