import { CLIENT_ERRORS } from '@tessera/protocol';
import { IntegrationError } from './integration-error';
import { checkKeyAtEdge } from './key-check';
import { Tessera } from './tessera';

/** Options of `loadTessera`. */
export interface LoadTesseraOptions {
  /** Origin of the Tessera edge, e.g. `https://edge.example.com` (`http:` is allowed for test keys only). */
  edge: string;
}

const PUBLISHABLE_KEY = /^pk_(test|live)_\w{1,200}$/;
const cache = new Map<string, Promise<Tessera>>();
const preconnected = new Set<string>();

/**
 * Loads Tessera for a publishable key and an edge. Before anything mounts, it asks the edge whether the key may
 * show fields on this page's origin, and rejects with an `IntegrationError` whose `code` names what to fix
 * (`invalid_key`, `origin_not_allowed`); when the edge cannot answer, it resolves anyway. Calls with the same key
 * and edge share one promise; a failed load is forgotten, so calling again retries.
 * @throws IntegrationError at once for a malformed key or edge URL: those are bugs, not failures to retry.
 *
 * @example
 * const tessera = await loadTessera('pk_test_demo_local', { edge: 'http://127.0.0.1:8787' });
 */
export function loadTessera(publishableKey: string, options: LoadTesseraOptions): Promise<Tessera> {
  const key = checkKey(publishableKey);
  if (typeof options !== 'object' || options === null) {
    throw new IntegrationError('loadTessera() needs options with the edge origin: { edge: "https://…" }.');
  }
  const edgeOrigin = checkEdge(options.edge, key.startsWith('pk_live_'));
  const cacheKey = `${key} ${edgeOrigin}`;
  const cached = cache.get(cacheKey);
  if (cached) return cached;

  const loading = Promise.resolve().then(async () => {
    if (typeof document === 'undefined') throw new Error('Tessera runs in a browser page.');
    // The edge frames only origins allowed for the key; an opaque origin (file:, sandbox) can never be one.
    if (location.origin === 'null') throw new Error('Tessera needs a page served over http(s).');
    preconnect(edgeOrigin);
    const outcome = await checkKeyAtEdge(edgeOrigin, key);
    if (outcome === 'invalid_key' || outcome === 'origin_not_allowed') {
      throw new IntegrationError(CLIENT_ERRORS[outcome].message, outcome);
    }
    return new Tessera(key, edgeOrigin);
  });
  cache.set(cacheKey, loading);
  loading.catch(() => {
    if (cache.get(cacheKey) === loading) cache.delete(cacheKey);
  });
  return loading;
}

function checkKey(publishableKey: unknown): string {
  if (typeof publishableKey === 'string' && PUBLISHABLE_KEY.test(publishableKey)) return publishableKey;
  if (typeof publishableKey === 'string' && publishableKey.startsWith('sk_')) {
    throw new IntegrationError(
      'That is a secret key: keep it on your server and give loadTessera a publishable key.',
      'invalid_key',
    );
  }
  throw new IntegrationError('loadTessera() needs a publishable key: pk_test_… or pk_live_….', 'invalid_key');
}

function checkEdge(edge: unknown, live: boolean): string {
  const fail = (why: string): never => {
    throw new IntegrationError(`Invalid edge ${JSON.stringify(edge)}: ${why}.`);
  };
  if (typeof edge !== 'string' || edge === '') return fail('pass the edge origin, e.g. https://edge.example.com');
  let url: URL;
  try {
    url = new URL(edge);
  } catch {
    return fail('not an absolute URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return fail('use https:');
  if (url.username || url.password || url.search || url.hash || url.pathname !== '/') {
    return fail('give only the origin (scheme, host and port), with no path, query or credentials');
  }
  if (live && url.protocol !== 'https:') return fail('live keys need an https edge');
  return url.origin;
}

/** Starts the connection to the edge early; the frame and its assets come from there. */
function preconnect(origin: string): void {
  if (preconnected.has(origin)) return;
  preconnected.add(origin);
  const link = document.createElement('link');
  link.rel = 'preconnect';
  link.href = origin;
  document.head.append(link);
}
