import type { ApiErrorCode } from '@tessera/protocol';
import type { EdgeError } from '../../errors/edge-error';
import { ERROR_PAGE_TEXT, pickErrorPageLanguage } from './error-page-text';
import { fieldPageHeaders, newNonce } from './field-page';

/**
 * The code the page names: the SDK's name for a setup to fix (what `loadTessera` throws and `loaderror` reports),
 * the edge's code otherwise.
 */
export function errorPageCode(code: ApiErrorCode): string {
  if (code === 'unauthorized' || code === 'wrong_key_type') return 'invalid_key';
  if (code === 'forbidden_origin') return 'origin_not_allowed';
  return code;
}

const STYLE =
  'html{color-scheme:light dark}body{margin:0;padding:12px 16px;font:14px/1.45 system-ui,sans-serif}' +
  'h1{margin:0 0 4px;font-size:15px}p{margin:0 0 4px}small{opacity:.7}';

/**
 * What `card.html` answers when it cannot serve the fields: a short page in the shopper's language, never the
 * problem JSON, under the field pages' own headers (CSP, nosniff, no-referrer, no-store). Its CSP frames it
 * nowhere (`frame-ancestors 'none'`): the refusal may be of the very page that frames it, so no origin has been
 * found that may, and a page that is shown outside a frame (the frame's address opened directly) is all it needs.
 * It has no script; the SDK learns the cause from the key check, never from this page.
 */
export function fieldPageErrorResponse(error: EdgeError, acceptLanguage: string | null | undefined): Response {
  const language = pickErrorPageLanguage(acceptLanguage);
  const text = ERROR_PAGE_TEXT[language];
  const nonce = newNonce();
  const html =
    `<!doctype html><html lang="${language}"><head><meta charset="utf-8">` +
    '<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="referrer" content="no-referrer">' +
    `<title>${text.title}</title><style nonce="${nonce}">${STYLE}</style></head>` +
    `<body><main><h1>${text.title}</h1><p>${text.body}</p>` +
    `<p><small>${text.code}: ${errorPageCode(error.code)}</small></p></main></body></html>`;
  const headers = fieldPageHeaders(nonce, []);
  // Whoever caches it must keep one answer per language.
  headers.set('Vary', 'Accept-Language');
  for (const [name, value] of Object.entries(error.headers)) headers.set(name, value);
  return new Response(html, { status: error.status, headers });
}
