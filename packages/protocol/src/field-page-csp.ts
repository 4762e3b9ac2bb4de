/**
 * The Content-Security-Policy every field page runs under. It is a contract between the edge, which sends it,
 * and the field page, which must work inside it: scripts only by nonce (and what they load, `strict-dynamic`),
 * no inline styles, talk only to the edge, framed only by the merchant's configured origins.
 */
export interface FieldPageCspOptions {
  nonce: string;
  /** Origins the key's configuration holds (the edge passes the one validated parent). Empty: nobody may frame. */
  frameAncestors: readonly string[];
  /** Where violations are reported (tests read them there). */
  reportUri?: string;
}

/**
 * The only origins a field page loads web fonts from: its CSP's `font-src` names them, and `sanitizeFonts` drops a
 * font anywhere else. A font is a request the page makes, and where it goes is ours to say. (Defined here because
 * this module imports nothing: Node loads it as it is in the field page's test server.)
 */
export const FONT_ORIGINS = ['https://fonts.gstatic.com', 'https://fonts.bunny.net'] as const;

/** The field page's one address below the edge's base (`/elements/v1/`), for every element. */
export const FIELD_PAGE = 'card.html';
/** The build's page for split fields, the code loaded from its file: the field page's address answers them with it. */
export const SPLIT_FIELD_PAGE = 'split.html';

/**
 * The built page that answers the field page's address with this query (its URLSearchParams): a split field's
 * (`type`) loads the code from its hashed file, which the three frames of a group share; the combined card's holds
 * it inline.
 */
export function fieldPageFile(query: { has(name: string): boolean }): string {
  return query.has('type') ? SPLIT_FIELD_PAGE : FIELD_PAGE;
}

/** The Trusted Types policies a field page may create: Lit's, and the one that loads webcrypto-liner. */
export const FIELD_PAGE_TRUSTED_TYPES = ['lit-html', 'tessera-liner'] as const;

export function fieldPageCsp({ nonce, frameAncestors, reportUri }: FieldPageCspOptions): string {
  const directives = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}' 'strict-dynamic'`,
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data:",
    // Web fonts of the merchant's appearance, from the allow-listed font hosts only (loaded with FontFace).
    `font-src 'self' ${FONT_ORIGINS.join(' ')}`,
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    // DOM sinks that take script (script src, innerHTML, …) take only values made by the page's own two
    // policies: Lit's templates and the loader of the WebCrypto fallback.
    "require-trusted-types-for 'script'",
    `trusted-types ${FIELD_PAGE_TRUSTED_TYPES.join(' ')}`,
    // An empty source list would allow any ancestor; 'none' keeps a merchant without origins unframeable.
    `frame-ancestors ${frameAncestors.length > 0 ? frameAncestors.join(' ') : "'none'"}`,
  ];
  if (reportUri !== undefined) directives.push(`report-uri ${reportUri}`);
  return directives.join('; ');
}
