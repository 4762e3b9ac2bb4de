import { env } from 'cloudflare:workers';
import { describe, expect, it, vi } from 'vitest';
import { EdgeError } from '../errors/edge-error';
import { sha256Hex } from '../lib/encoding';
import { getConfig, isDevelopment, parseEdgeConfig } from './config';

const merchants = () => JSON.parse(env.TESSERA_MERCHANTS) as Record<string, unknown>[];
const keks = () => JSON.parse(env.TESSERA_KEKS) as Record<string, unknown>[];
const sealKeys = () => JSON.parse(env.TESSERA_SEAL_KEYS) as Record<string, unknown>[];

describe('edge configuration', () => {
  it('parses the three secrets into keys, merchants and key hashes', async () => {
    const config = await parseEdgeConfig(env);
    expect(config.keks.active.kid).toBe(keks()[0]!.kid);
    expect(config.keks.active.key.extractable).toBe(false);
    expect(config.sealKeys[0]!.publicJwk).toEqual({
      kty: 'EC',
      crv: 'P-256',
      x: sealKeys()[0]!.x,
      y: sealKeys()[0]!.y,
      kid: sealKeys()[0]!.kid,
      alg: 'ECDH-ES',
      use: 'enc',
    });
    expect(config.apiKeys.get(await sha256Hex('pk_test_demo_local'))).toMatchObject({
      type: 'publishable',
      merchant: { id: 'demo' },
    });
    expect(config.apiKeys.get(await sha256Hex('sk_test_other_local'))).toMatchObject({
      type: 'secret',
      merchant: { id: 'other', allowedOrigins: ['http://localhost:5199'] },
    });
  });

  it('reads forwardHosts, and takes a merchant without them as one that cannot forward', async () => {
    const config = await parseEdgeConfig(env);
    expect(config.merchants.get('demo')!.forwardHosts).toEqual([
      expect.stringMatching(/^127\.0\.0\.1:\d+$/),
      expect.stringMatching(/^localhost:\d+$/),
    ]);
    const { forwardHosts: _, ...older } = merchants()[0]!;
    const parsed = await parseEdgeConfig({ ...env, TESSERA_MERCHANTS: JSON.stringify([older]) });
    expect(parsed.merchants.get('demo')!.forwardHosts).toEqual([]);
  });

  it('is development only when TESSERA_ENVIRONMENT says exactly that', () => {
    expect(isDevelopment(env)).toBe(true);
    for (const other of ['production', 'dev', 'Development', '', undefined]) {
      expect(isDevelopment({ TESSERA_ENVIRONMENT: other as string })).toBe(false);
    }
  });

  it('parses once per isolate for the same secrets', async () => {
    expect(getConfig(env)).toBe(getConfig(env));
  });

  const broken: [string, Partial<Record<'TESSERA_KEKS' | 'TESSERA_SEAL_KEYS' | 'TESSERA_MERCHANTS', string>>][] = [
    ['a missing secret', { TESSERA_KEKS: undefined as unknown as string }],
    ['a secret that is not JSON', { TESSERA_KEKS: 'kek=abc' }],
    ['no KEK', { TESSERA_KEKS: '[]' }],
    ['a short KEK', { TESSERA_KEKS: JSON.stringify([{ kid: 'kek_a', key: 'AAAA' }]) }],
    ['duplicate KEK ids', { TESSERA_KEKS: JSON.stringify([keks()[0], keks()[0]]) }],
    ['a public seal key', { TESSERA_SEAL_KEYS: JSON.stringify([{ ...sealKeys()[0], d: undefined }]) }],
    ['a seal key off the curve', { TESSERA_SEAL_KEYS: JSON.stringify([{ ...sealKeys()[0], x: 'A'.repeat(43) }]) }],
    [
      'an origin with a path',
      { TESSERA_MERCHANTS: JSON.stringify([{ ...merchants()[0], allowedOrigins: ['https://a.test/x'] }]) },
    ],
    [
      'a raw key instead of a hash',
      { TESSERA_MERCHANTS: JSON.stringify([{ ...merchants()[0], secretKeyHashes: ['sk_test_demo_local'] }]) },
    ],
    [
      'one hash for two merchants',
      { TESSERA_MERCHANTS: JSON.stringify([merchants()[0], { ...merchants()[0], id: 'copy' }]) },
    ],
    [
      'a forward host with a scheme',
      { TESSERA_MERCHANTS: JSON.stringify([{ ...merchants()[0], forwardHosts: ['https://api.processor.test'] }]) },
    ],
    [
      'a forward host with a path',
      { TESSERA_MERCHANTS: JSON.stringify([{ ...merchants()[0], forwardHosts: ['api.processor.test/charge'] }]) },
    ],
    [
      'a forward host in capitals',
      { TESSERA_MERCHANTS: JSON.stringify([{ ...merchants()[0], forwardHosts: ['API.processor.test'] }]) },
    ],
    ['an unknown member', { TESSERA_MERCHANTS: JSON.stringify([{ ...merchants()[0], admin: true }]) }],
  ];

  it.each(broken)('fails closed on %s, logging where but not what', async (_, change) => {
    const lines: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      lines.push(args.map(String).join(' '));
    });
    try {
      const error = await getConfig({ ...env, ...change }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(EdgeError);
      expect((error as EdgeError).code).toBe('internal_error');
    } finally {
      spy.mockRestore();
    }
    expect(lines).toHaveLength(1);
    for (const secret of [...keks().map((k) => k.key), ...sealKeys().map((k) => k.d)]) {
      expect(lines[0]).not.toContain(String(secret));
    }
    expect(lines[0]).not.toContain('sk_test_demo_local');
  });

  const withMerchant = (change: Record<string, unknown>) => ({
    TESSERA_MERCHANTS: JSON.stringify([{ ...merchants()[0], ...change }]),
  });
  const checks: [string, () => Record<string, string>, () => string, string[]][] = [
    [
      'an origin with a path',
      () => withMerchant({ allowedOrigins: ['https://shop.secret-example.test/pay'] }),
      () => 'shop.secret-example.test',
      ['0.allowedOrigins.0: not an origin'],
    ],
    [
      'a forward host with a scheme',
      () => withMerchant({ forwardHosts: ['https://pay.secret-example.test'] }),
      () => 'pay.secret-example.test',
      ['0.forwardHosts.0: not a host'],
    ],
    [
      'a KEK listed twice',
      () => ({ TESSERA_KEKS: JSON.stringify([keks()[0], keks()[0]]) }),
      () => String(keks()[0]!.key),
      ['(root): duplicate kid'],
    ],
  ];

  it.each(checks)('names the rule a check refused %s by, never the value', async (_, secrets, value, issues) => {
    const error = (await parseEdgeConfig({ ...env, ...secrets() }).catch((e: unknown) => e)) as { issues?: string[] };
    expect(error.issues).toEqual(issues);
    expect(error.issues?.join(' ')).not.toContain(value());
  });

  it('keeps what any other issue expected: a pattern, a type', async () => {
    const merchant = { ...merchants()[0], secretKeyHashes: ['sk_test_demo_local'], maxAllowanceSeconds: 'a week' };
    const error = (await parseEdgeConfig({ ...env, TESSERA_MERCHANTS: JSON.stringify([merchant]) }).catch(
      (e: unknown) => e,
    )) as { issues?: string[] };
    expect(error.issues).toEqual(['0.secretKeyHashes.0: /^[0-9a-f]{64}$/', '0.maxAllowanceSeconds: number']);
    expect(error.issues?.join(' ')).not.toContain('sk_test_demo_local');
  });
});
