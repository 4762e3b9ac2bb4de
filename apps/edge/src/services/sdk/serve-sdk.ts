import { EdgeError } from '../../errors/edge-error';
import { fetchStaticAsset } from '../../request/static-asset';

/** Where the edge serves the SDK's script-tag builds (scripts/assets.mjs puts them there). */
export const SDK_BASE = '/js/v1/';
/** The manifest that names each script's hashed file and its Subresource Integrity hash. */
export const SDK_MANIFEST = 'manifest.json';

/** `tessera.js` / `tessera-card.js`, or their hashed copies `tessera.<16 hex>.js`: nothing else is a script here. */
const SCRIPT = /^(?:tessera|tessera-card)(?:\.[0-9a-f]{16})?\.js$/;
const HASHED = /\.[0-9a-f]{16}\.js$/;

/** A hashed file never changes; the plain names and the manifest follow the latest v1 build, checked often. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
const CURRENT = 'public, max-age=300';

/** The file below the base, or null for anything the edge never serves there. */
export function sdkFile(pathname: string): string | null {
  if (!pathname.startsWith(SDK_BASE)) return null;
  const name = pathname.slice(SDK_BASE.length);
  return name === SDK_MANIFEST || SCRIPT.test(name) ? name : null;
}

/**
 * `GET /js/v1/*`: the SDK for pages without a bundler, like js.stripe.com. Any origin may load it, with
 * `crossorigin` and `integrity` (Subresource Integrity needs CORS on a cross-origin script), and may read the
 * manifest that publishes the hashes.
 */
export async function serveSdkFile(env: Env, request: Request): Promise<Response> {
  const name = sdkFile(new URL(request.url).pathname);
  if (name === null) throw new EdgeError('not_found');
  const asset = await fetchStaticAsset(env.ASSETS, request, `${SDK_BASE}${name}`, true);
  const response = new Response(asset.body, asset);
  response.headers.set('Access-Control-Allow-Origin', '*');
  response.headers.set('Cross-Origin-Resource-Policy', 'cross-origin');
  response.headers.set('X-Content-Type-Options', 'nosniff');
  response.headers.set(
    'Content-Type',
    name === SDK_MANIFEST ? 'application/json; charset=utf-8' : 'text/javascript; charset=utf-8',
  );
  if (asset.status === 200 || asset.status === 304) {
    response.headers.set('Cache-Control', HASHED.test(name) ? IMMUTABLE : CURRENT);
  }
  return response;
}
