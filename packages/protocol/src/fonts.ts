import { FONT_ORIGINS } from './field-page-csp';
import { isRecord, own, reportUnknown, type SanitizeContext } from './sanitize-context';

/** At most this many web fonts per element. */
export const MAX_FONTS = 8;

/**
 * A web font for the field page, loaded with the FontFace API (no stylesheet, no `@font-face` text): `family` is the
 * name to use in `fontFamily`, `src` the font file's https URL on one of `FONT_ORIGINS`. There is no `unicodeRange`:
 * a font split by character ranges would tell its server which characters a field shows.
 */
export interface FontSource {
  family: string;
  src: string;
  /** `400`, `700`, `100 900` (a variable font's range), `normal` or `bold`. */
  weight?: string;
  style?: 'normal' | 'italic';
  display?: 'auto' | 'block' | 'swap' | 'fallback' | 'optional';
}

const FAMILY = /^[\p{L}\p{N} _-]{1,64}$/u;
const WEIGHT = /^(?:normal|bold|[1-9]00(?: [1-9]00)?)$/;
const DISPLAYS = ['auto', 'block', 'swap', 'fallback', 'optional'] as const;
const STYLES = ['normal', 'italic'] as const;
const WEIGHTS = ['normal', 'bold', '100-900', '"100 900"'] as const;
// An https URL on one of FONT_ORIGINS whose path names a font file: no credentials, port, query or fragment, and
// nothing but unreserved characters and percent escapes in the path, so the URL can sit in `url("…")` as it is.
const FONT_URL = /^(https:\/\/[a-z0-9.-]+)(\/[\w.~%/-]{1,1024}\.(?:woff2|woff|ttf|otf))$/;

/** `src` when it is the https URL of a font file on an allowed origin; else null. */
export function fontUrl(src: unknown): string | null {
  if (typeof src !== 'string') return null;
  const origin = FONT_URL.exec(src)?.[1];
  return origin !== undefined && (FONT_ORIGINS as readonly string[]).includes(origin) ? src : null;
}

function sanitizeFont(font: unknown, path: string, ctx: SanitizeContext): FontSource | undefined {
  if (!isRecord(font)) {
    ctx.report?.(path, 'object');
    return undefined;
  }
  reportUnknown(font, ['family', 'src', 'weight', 'style', 'display'], path, ctx);
  const family = own(font, 'family');
  if (typeof family !== 'string' || !FAMILY.test(family)) {
    ctx.report?.(`${path}.family`, 'family');
    return undefined;
  }
  const src = fontUrl(own(font, 'src'));
  if (src === null) {
    ctx.report?.(`${path}.src`, 'font', FONT_ORIGINS);
    return undefined;
  }
  const out: FontSource = { family, src };
  const weight = own(font, 'weight');
  if (typeof weight === 'string' && WEIGHT.test(weight)) out.weight = weight;
  else if (weight !== undefined) ctx.report?.(`${path}.weight`, 'choice', WEIGHTS);
  const style = own(font, 'style');
  if (style === 'normal' || style === 'italic') out.style = style;
  else if (style !== undefined) ctx.report?.(`${path}.style`, 'choice', STYLES);
  const display = own(font, 'display');
  const known = DISPLAYS.find((d) => d === display);
  if (known) out.display = known;
  else if (display !== undefined) ctx.report?.(`${path}.display`, 'choice', DISPLAYS);
  return out;
}

/** The fonts that are safe to load; each one dropped is reported. */
export function sanitizeFonts(fonts: unknown, path: string, ctx: SanitizeContext = {}): FontSource[] {
  if (!Array.isArray(fonts)) {
    ctx.report?.(path, 'array');
    return [];
  }
  if (fonts.length > MAX_FONTS) ctx.report?.(path, 'limit', [String(MAX_FONTS)]);
  const out: FontSource[] = [];
  fonts.slice(0, MAX_FONTS).forEach((font: unknown, i) => {
    const safe = sanitizeFont(font, `${path}[${i}]`, ctx);
    if (safe) out.push(safe);
  });
  return out;
}
