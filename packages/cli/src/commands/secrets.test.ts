import { describe, expect, it } from 'vitest';
import { tessera } from '../../test/support/cli';

// `secrets` runs the edge's own generator (apps/edge/scripts/secrets.mjs, tested there against the edge's schemas);
// these check that the CLI hands it the command line and the streams as they are.

describe('secrets', () => {
  it('generate: the Worker secrets as the JSON wrangler secret bulk takes, the API keys on stderr', async () => {
    const ran = await tessera([
      'secrets',
      'generate',
      '--merchant',
      'shop',
      '--origin',
      'https://shop.example',
      '--forward-host',
      'pay.example',
      '--json',
    ]);
    expect(ran.code).toBe(0);
    const secrets = ran.json<Record<string, string>>();
    expect(Object.keys(secrets)).toEqual(
      expect.arrayContaining(['TESSERA_KEKS', 'TESSERA_SEAL_KEYS', 'TESSERA_MERCHANTS', 'TESSERA_AGENTS']),
    );
    for (const value of Object.values(secrets)) expect(typeof value).toBe('string');
    expect(JSON.parse(secrets.TESSERA_MERCHANTS ?? '')).toMatchObject([
      { id: 'shop', allowedOrigins: ['https://shop.example'] },
    ]);
    const [, secretKey] = ran.stderr.match(/secret key\s+(sk_live_\w+)/) ?? [];
    expect(secretKey).toBeDefined();
    expect(ran.stdout).not.toContain(secretKey);
  });

  it('kek and seal-key: one fresh entry each', async () => {
    const kek = await tessera(['secrets', 'kek']);
    expect(kek.json()).toEqual({ kid: expect.stringMatching(/^kek_/), key: expect.any(String) });
    const seal = await tessera(['secrets', 'seal-key', '--json']);
    expect(seal.json()).toMatchObject({ kty: 'EC', crv: 'P-256', kid: expect.stringMatching(/^seal_/) });
  });

  it('never prints key material to a terminal, and its usage names this CLI', async () => {
    const ran = await tessera(['secrets', 'kek'], { tty: true });
    expect(ran.code).toBe(2);
    expect(ran.stdout).toBe('');
    expect(ran.stderr).toContain('this prints key material');
    expect(ran.stderr).toContain('pnpm tessera secrets generate');
    expect(ran.stderr).not.toContain('@tessera/edge');
  });
});
