import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CliError } from '../errors/cli-error';
import { parseConfig, readConfig } from './config-file';

const shop = { id: 'shop', name: 'Shop', origins: ['https://shop.example'], forwardHosts: ['pay.example:8443'] };

function refusal(value: unknown): CliError {
  try {
    parseConfig(value, 'tessera.config.json');
  } catch (error) {
    if (error instanceof CliError) return error;
    throw error;
  }
  throw new Error('accepted');
}

describe('parseConfig', () => {
  it('takes the documented shape', () => {
    const config = {
      merchants: [{ ...shop, agents: ['bot'], limits: { maxCardsPerClient: 3 }, vaultShards: 4 }],
      agents: [{ id: 'bot', name: 'Bot' }],
    };
    expect(parseConfig(config)).toEqual(config);
  });

  it.each([
    [{ merchants: [shop], colour: 'red' }, 'colour'],
    [{ merchants: [{ ...shop, colour: 'red' }] }, 'merchants[0].colour'],
    [{ merchants: [{ ...shop, limits: { maxCards: 3 } }] }, 'merchants[0].limits.maxCards'],
    [{ merchants: [shop], agents: [{ id: 'bot', name: 'Bot', key: 'ak_x' }] }, 'agents[0].key'],
  ])('refuses an unknown field: %j names %s', (value, param) => {
    const error = refusal(value);
    expect(error).toMatchObject({ code: 'invalid_config', param });
    expect(error.message).toContain(`tessera.config.json, ${param}: an unknown field.`);
  });

  it.each([
    ['https://shop.example/', 'merchants[0].origins[0]'],
    ['https://shop.example/checkout', 'merchants[0].origins[0]'],
    ['shop.example', 'merchants[0].origins[0]'],
    ['ftp://shop.example', 'merchants[0].origins[0]'],
  ])('refuses %s, which is not an origin', (origin, param) => {
    expect(refusal({ merchants: [{ ...shop, origins: [origin] }] })).toMatchObject({ code: 'invalid_config', param });
  });

  it.each(['https://pay.example', 'pay.example/charge', 'user:secret@pay.example', 'pay.example?x=1'])(
    'refuses the forward host %s: a path, a scheme or credentials',
    (host) => {
      const error = refusal({ merchants: [{ ...shop, forwardHosts: [host] }] });
      expect(error).toMatchObject({ code: 'invalid_config', param: 'merchants[0].forwardHosts[0]' });
    },
  );

  it('refuses a missing field, a bad id, a limit below 1, an id given twice and a shard count out of range', () => {
    expect(refusal({ merchants: [{ ...shop, name: undefined }] }).param).toBe('merchants[0].name');
    expect(refusal({ merchants: [{ ...shop, id: 'Shop_1' }] }).param).toBe('merchants[0].id');
    expect(refusal({ merchants: [{ ...shop, limits: { windowSeconds: 0 } }] }).param).toBe(
      'merchants[0].limits.windowSeconds',
    );
    expect(refusal({ merchants: [shop, shop] }).message).toContain('a merchant id given twice');
    for (const [vaultShards, why] of [
      [0, 'at least 1'],
      [1.5, 'a whole number'],
      [65, 'at most 64'],
    ] as const) {
      const error = refusal({ merchants: [{ ...shop, vaultShards }] });
      expect(error).toMatchObject({ code: 'invalid_config', param: 'merchants[0].vaultShards' });
      expect(error.message).toContain(`merchants[0].vaultShards: ${why}.`);
    }
    expect(refusal({ agents: [] }).param).toBe('merchants');
  });
});

describe('readConfig', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-cli-config-'));

  it('reads a file relative to the directory the command was typed in', async () => {
    writeFileSync(join(dir, 'tessera.config.json'), JSON.stringify({ merchants: [shop] }));
    expect(await readConfig('tessera.config.json', dir)).toEqual({ merchants: [shop] });
  });

  it('says a file is missing or not JSON', async () => {
    await expect(readConfig('missing.json', dir)).rejects.toMatchObject({ code: 'config_unreadable' });
    writeFileSync(join(dir, 'broken.json'), '{ "merchants": [');
    await expect(readConfig('broken.json', dir)).rejects.toMatchObject({ code: 'invalid_config' });
  });
});
