import { EdgeError } from '../errors/edge-error';

/**
 * One file of the assets binding, by its URL path (the assets directory mirrors the edge's URLs, see
 * wrangler.jsonc), with the request's validators passed on when `conditional` so that the answer can be a 304.
 * A missing file is 404 `not_found`; the caller sets every header the file needs.
 */
export async function fetchStaticAsset(
  assets: Fetcher,
  request: Request,
  urlPath: string,
  conditional: boolean,
): Promise<Response> {
  const headers = new Headers();
  if (conditional) {
    for (const name of ['If-None-Match', 'If-Modified-Since']) {
      const value = request.headers.get(name);
      if (value !== null) headers.set(name, value);
    }
  }
  const response = await assets.fetch(new Request(new URL(urlPath, request.url), { headers }));
  if (response.status === 404) throw new EdgeError('not_found');
  return response;
}
