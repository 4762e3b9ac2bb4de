import { CLIENT_ERRORS } from '@tessera/protocol';
import { crossOriginEdge, FAKE_FRAME_KEYS } from '@tessera/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IntegrationError } from './integration-error';
import { loadTessera } from './load-tessera';

const edge = 'https://edge.example';

// These edges are made up: no key check reaches them, and loadTessera goes on as when the edge cannot answer. The
// check is answered for real (by the test kit's fake edge) in the last block. A stub rather than the network, so
// that an edge someone runs on this machine (127.0.0.1:8787) cannot answer for them.
const offline = () => vi.spyOn(window, 'fetch').mockRejectedValue(new TypeError('Failed to fetch'));
beforeEach(() => {
  offline();
});
afterEach(() => vi.restoreAllMocks());

describe('loadTessera: caller mistakes throw at once', () => {
  it.each([
    ['', 'empty'],
    ['pk_demo', 'no mode'],
    ['pk_prod_abc', 'unknown mode'],
    ['pk_test_', 'nothing after the prefix'],
    ['pk_test_a b', 'a space'],
    ['PK_TEST_ABC', 'upper case'],
  ])('rejects the key %j (%s)', (key) => {
    expect(() => loadTessera(key, { edge })).toThrow(IntegrationError);
  });

  it('names a secret key for what it is', () => {
    expect(() => loadTessera('sk_test_demo_local', { edge })).toThrow(/secret key/);
  });

  it('rejects a non-string key and missing options', () => {
    expect(() => loadTessera(42 as unknown as string, { edge })).toThrow(IntegrationError);
    expect(() => loadTessera('pk_test_abc', undefined as unknown as { edge: string })).toThrow(IntegrationError);
  });

  it.each<[string | undefined, string]>([
    [undefined, 'missing'],
    ['', 'empty'],
    ['edge.example', 'not absolute'],
    ['ftp://edge.example', 'wrong scheme'],
    ['javascript:alert(1)', 'script URL'],
    ['https://edge.example/v1', 'a path'],
    ['https://edge.example/?a=1', 'a query'],
    ['https://edge.example/#x', 'a fragment'],
    ['https://user:pw@edge.example', 'credentials'],
  ])('rejects the edge %j (%s)', (bad) => {
    expect(() => loadTessera('pk_test_abc', { edge: bad as string })).toThrow(IntegrationError);
  });

  it('requires https for live keys and allows http for test keys', async () => {
    expect(() => loadTessera('pk_live_abc', { edge: 'http://127.0.0.1:8787' })).toThrow(/https/);
    const tessera = await loadTessera('pk_test_abc', { edge: 'http://127.0.0.1:8787/' });
    expect(tessera.edgeOrigin).toBe('http://127.0.0.1:8787');
  });
});

describe('loadTessera: one promise per key and edge', () => {
  it('returns the same promise for the same key and edge (a trailing slash is the same edge)', () => {
    const a = loadTessera('pk_test_cache', { edge: 'https://cache.example' });
    const b = loadTessera('pk_test_cache', { edge: 'https://cache.example/' });
    expect(b).toBe(a);
  });

  it('returns another instance for another key or another edge', async () => {
    const a = await loadTessera('pk_test_one', { edge: 'https://one.example' });
    const b = await loadTessera('pk_test_two', { edge: 'https://one.example' });
    const c = await loadTessera('pk_test_one', { edge: 'https://two.example' });
    expect(new Set([a, b, c]).size).toBe(3);
  });

  it('adds one preconnect link to the edge', async () => {
    await loadTessera('pk_test_pre', { edge: 'https://preconnect.example' });
    await loadTessera('pk_test_pre2', { edge: 'https://preconnect.example' });
    const links = [...document.head.querySelectorAll('link[rel="preconnect"]')].filter(
      (link) => link.getAttribute('href') === 'https://preconnect.example',
    );
    expect(links).toHaveLength(1);
  });
});

describe('loadTessera: the edge checks the key and this page before anything mounts', () => {
  beforeEach(() => vi.restoreAllMocks());

  it.each([
    [FAKE_FRAME_KEYS.invalid, 'invalid_key'],
    [FAKE_FRAME_KEYS.foreignOrigin, 'origin_not_allowed'],
  ] as const)('rejects %s with an IntegrationError coded %s, well under a second', async (key, code) => {
    const started = performance.now();
    const error = await loadTessera(key, { edge: crossOriginEdge() }).catch((e: unknown) => e);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(error).toBeInstanceOf(IntegrationError);
    expect(error).toMatchObject({ code, message: CLIENT_ERRORS[code].message });
  });

  it('forgets a rejected load, so the next call asks again', async () => {
    const first = loadTessera(FAKE_FRAME_KEYS.invalid, { edge: crossOriginEdge() });
    await expect(first).rejects.toThrow(IntegrationError);
    const second = loadTessera(FAKE_FRAME_KEYS.invalid, { edge: crossOriginEdge() });
    expect(second).not.toBe(first);
    await expect(second).rejects.toThrow(IntegrationError);
  });

  it('asks with the key in the query, no credentials, and resolves once the edge allows it', async () => {
    const fetches = vi.spyOn(window, 'fetch');
    const tessera = await loadTessera('pk_test_checked', { edge: crossOriginEdge() });
    expect(tessera.edgeOrigin).toBe(crossOriginEdge());
    expect(fetches).toHaveBeenCalledTimes(1);
    const [url, init] = fetches.mock.calls[0] ?? [];
    expect(url).toBe(`${crossOriginEdge()}/v1/keys/check?key=pk_test_checked`);
    expect(init).toMatchObject({ credentials: 'omit', cache: 'no-store', referrerPolicy: 'no-referrer' });
    fetches.mockRestore();
  });

  it('goes on when the edge cannot answer: a check must not take payments down', async () => {
    const failing = vi.spyOn(window, 'fetch').mockRejectedValue(new TypeError('Failed to fetch'));
    await expect(loadTessera('pk_test_unreachable', { edge: crossOriginEdge() })).resolves.toBeDefined();
    failing.mockResolvedValue(new Response('{"code":"rate_limited","status":429,"title":"x"}', { status: 429 }));
    await expect(loadTessera('pk_test_limited', { edge: crossOriginEdge() })).resolves.toBeDefined();
    failing.mockRestore();
  });

  it('codes the keys it refuses itself as invalid_key', () => {
    for (const key of ['sk_test_demo_local', 'pk_demo']) {
      expect(() => loadTessera(key, { edge })).toThrow(expect.objectContaining({ code: 'invalid_key' }));
    }
  });
});
