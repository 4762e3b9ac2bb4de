import { FIELD_PAGE, fieldPageFile } from '@tessera/protocol';
import type { EdgeConfig } from '../../config/config';
import { EdgeError } from '../../errors/edge-error';
import { sha256Hex } from '../../lib/encoding';
import { fetchStaticAsset } from '../../request/static-asset';
import { embeddingRefusal } from './embedding';
import { addNonces, fieldPageHeaders, newNonce } from './field-page';

/** Where Vite's `base` puts the field pages. */
export const ELEMENTS_BASE = '/elements/v1/';

/**
 * Who may see the field page: `key` must be a publishable key we know and `parent` one of that merchant's
 * allowed origins. Returns the origin for `frame-ancestors`: the named parent, once it is known to be one of the
 * key's configured origins (never a value the configuration does not hold), so the page is framed by that one
 * origin only.
 */
export async function fieldPageAncestors(config: EdgeConfig, url: URL): Promise<readonly string[]> {
  const key = url.searchParams.get('key');
  if (key === null || key.length === 0 || key.length > 256) throw new EdgeError('unauthorized', { param: 'key' });
  const found = config.apiKeys.get(await sha256Hex(key));
  if (found === undefined) throw new EdgeError('unauthorized', { param: 'key' });
  const parent = url.searchParams.get('parent');
  const refusal = embeddingRefusal(found, parent);
  if (refusal !== undefined) throw new EdgeError(refusal, { param: refusal === 'wrong_key_type' ? 'key' : 'parent' });
  return [parent as string];
}

/** The asset path below the base, or null for anything we never serve. */
export function assetPath(pathname: string): string | null {
  if (!pathname.startsWith(ELEMENTS_BASE)) return null;
  const rest = pathname.slice(ELEMENTS_BASE.length);
  if (rest === '' || rest.endsWith('/') || rest.split('/').some((s) => s === '' || s === '.' || s === '..')) {
    return null;
  }
  // Only the field page is HTML: any other page in dist (split.html too) would be served without its CSP.
  if (rest.endsWith('.html') && rest !== FIELD_PAGE) return null;
  return rest;
}

/**
 * How long an isolate keeps the field page's HTML (the same for every key and parent) between asset reads. A
 * deploy starts new isolates with its own assets; in development, a rebuilt page shows within this.
 */
export const FIELD_PAGE_REUSE_MS = 5_000;

/** A field page with `nonce="<token>"` on every script, style and stylesheet or module-preload link. */
interface FieldPageTemplate {
  html: string;
  /** Random, never sent: each response puts its own nonce in its place. */
  token: string;
  at: number;
}

const templates = new Map<string, FieldPageTemplate>();

/**
 * A field page's HTML with its nonce placeholders, read from the assets (and rewritten) at most once per
 * `FIELD_PAGE_REUSE_MS` per isolate: each field page then costs the edge one string replacement, not an assets read
 * and a streaming rewrite, which the page's script waited on (the frame cannot ask for it before the body is in).
 */
async function fieldPageTemplate(env: Env, request: Request, page: string): Promise<FieldPageTemplate> {
  const kept = templates.get(page);
  if (kept !== undefined && Date.now() - kept.at < FIELD_PAGE_REUSE_MS) return kept;
  // Never conditional: the rewritten page is kept, not the asset's validators.
  const asset = await fetchStaticAsset(env.ASSETS, request, `${ELEMENTS_BASE}${page}`, false);
  if (!asset.ok) throw new EdgeError('not_found');
  const token = newNonce();
  const html = await addNonces(new Response(asset.body), token).text();
  const template = { html, token, at: Date.now() };
  templates.set(page, template);
  return template;
}

/** The field page, with a fresh nonce on every script and style and the key's `frame-ancestors`. */
export async function serveFieldPage(env: Env, config: EdgeConfig, request: Request): Promise<Response> {
  const url = new URL(request.url);
  const ancestors = await fieldPageAncestors(config, url);
  // Split fields' page loads the code from its file; the combined card's holds it inline (fieldPageFile).
  const { html, token } = await fieldPageTemplate(env, request, fieldPageFile(url.searchParams));
  // Every response carries its own nonce, in the page and in its CSP.
  const nonce = newNonce();
  return new Response(
    html.replaceAll(token, () => nonce),
    { status: 200, headers: fieldPageHeaders(nonce, ancestors) },
  );
}

/** Scripts, styles and fonts of the field pages; hashed `assets/*` are cached for good. */
export async function serveAsset(env: Env, request: Request, path: string): Promise<Response> {
  const asset = await fetchStaticAsset(env.ASSETS, request, `${ELEMENTS_BASE}${path}`, true);
  const response = new Response(asset.body, asset);
  response.headers.set('X-Content-Type-Options', 'nosniff');
  if (path.startsWith('assets/') && (asset.status === 200 || asset.status === 304)) {
    response.headers.set('Cache-Control', 'public, max-age=31536000, immutable');
  }
  return response;
}

/** `GET /elements/v1/*`. */
export async function serveElement(env: Env, config: () => Promise<EdgeConfig>, request: Request): Promise<Response> {
  const path = assetPath(new URL(request.url).pathname);
  if (path === null) throw new EdgeError('not_found');
  if (path === FIELD_PAGE) return serveFieldPage(env, await config(), request);
  return serveAsset(env, request, path);
}
