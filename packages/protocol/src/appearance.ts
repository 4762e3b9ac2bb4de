import { isRecord, own, reportUnknown, type SanitizeContext } from './sanitize-context';

/**
 * Styling a merchant may pass into the field page. It crosses from the merchant page into the edge origin,
 * so only a fixed set of properties with plain values gets through: no url(), no @-rules, no way out of a value.
 * `style` is the first styling option; `appearance` (appearance-options.ts) is the fuller one, with the same values.
 */
export const STYLE_PROPERTIES = [
  'color',
  'backgroundColor',
  'fontFamily',
  'fontSize',
  'fontWeight',
  'fontStyle',
  'letterSpacing',
  'lineHeight',
  'textTransform',
  'placeholderColor',
  'borderColor',
  'borderRadius',
  'focusColor',
  'iconColor',
] as const;

export type StyleProperty = (typeof STYLE_PROPERTIES)[number];
export type StyleRules = Partial<Record<StyleProperty, string>>;

/** Style per state of the field, like Stripe's `style.base` / `style.invalid`. */
export interface ElementStyle {
  base?: StyleRules;
  invalid?: StyleRules;
  complete?: StyleRules;
}

const SAFE_VALUE = /^[\w\s#%.,()"'+-]{1,100}$/;
// Functions that load something or read something: none has a place in a colour, a length or a font name.
const UNSAFE_WORDS =
  /(?:url|src|image|element|paint|attr|env|var|expression|cross-fade)\s*\(|image-set|-moz-binding|\\|\/\*|@|;|[{}<>]/i;

/** A value that cannot leave its declaration, load anything or read anything (see the README for the rules). */
export function isSafeStyleValue(value: unknown): value is string {
  return typeof value === 'string' && SAFE_VALUE.test(value) && !UNSAFE_WORDS.test(value);
}

/** `fontFamily` → `font-family`. */
export const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/**
 * `value` when it is safe and, where the context can tell, a valid value of the CSS `property`; otherwise reports
 * `option` and returns undefined, so the default applies.
 */
export function safeValue(value: unknown, property: string, option: string, ctx: SanitizeContext): string | undefined {
  if (!isSafeStyleValue(value)) {
    ctx.report?.(option, 'unsafe');
    return undefined;
  }
  if (ctx.supports && !ctx.supports(property, value)) {
    ctx.report?.(option, 'invalid', [property]);
    return undefined;
  }
  return value;
}

/** The CSS property each style property is checked as (its own name, or what it styles). */
const styleCss = (property: StyleProperty) =>
  property === 'placeholderColor' || property === 'iconColor' || property === 'focusColor' ? 'color' : kebab(property);

function sanitizeRules(rules: unknown, path: string, ctx: SanitizeContext): StyleRules | undefined {
  if (!isRecord(rules)) {
    if (rules !== undefined) ctx.report?.(path, 'object');
    return undefined;
  }
  reportUnknown(rules, STYLE_PROPERTIES, path, ctx);
  const out: StyleRules = {};
  for (const property of STYLE_PROPERTIES) {
    const value = own(rules, property);
    if (value === undefined) continue;
    const safe = safeValue(value, styleCss(property), `${path}.${property}`, ctx);
    if (safe !== undefined) out[property] = safe;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Keeps only the allowed properties with safe values; reports everything else to `ctx` and drops it. */
export function sanitizeStyle(style: unknown, ctx: SanitizeContext = {}): ElementStyle {
  if (!isRecord(style)) {
    if (style !== undefined) ctx.report?.('style', 'object');
    return {};
  }
  reportUnknown(style, ['base', 'invalid', 'complete'], 'style', ctx);
  const out: ElementStyle = {};
  for (const state of ['base', 'invalid', 'complete'] as const) {
    const rules = sanitizeRules(own(style, state), `style.${state}`, ctx);
    if (rules) out[state] = rules;
  }
  return out;
}
