/**
 * Styling a merchant may pass into the field page. It crosses from the merchant page into the edge origin,
 * so only a fixed set of properties with plain values gets through: no url(), no @-rules, no way out of a value.
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
const UNSAFE_WORDS = /url\s*\(|expression\s*\(|image-set|-moz-binding|\\|\/\*|@|;|[{}<>]/i;

export function isSafeStyleValue(value: unknown): value is string {
  return typeof value === 'string' && SAFE_VALUE.test(value) && !UNSAFE_WORDS.test(value);
}

function sanitizeRules(rules: unknown): StyleRules | undefined {
  if (typeof rules !== 'object' || rules === null) return undefined;
  const out: StyleRules = {};
  for (const property of STYLE_PROPERTIES) {
    const value: unknown = (rules as Record<string, unknown>)[property];
    if (isSafeStyleValue(value)) out[property] = value;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Keeps only the allowed properties with safe values; drops everything else silently. */
export function sanitizeStyle(style: unknown): ElementStyle {
  if (typeof style !== 'object' || style === null) return {};
  const out: ElementStyle = {};
  for (const state of ['base', 'invalid', 'complete'] as const) {
    const rules = sanitizeRules((style as Record<string, unknown>)[state]);
    if (rules) out[state] = rules;
  }
  return out;
}
