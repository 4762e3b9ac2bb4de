import { kebab, safeValue } from './appearance';
import { type FontSource, sanitizeFonts } from './fonts';
import { isRecord, own, reportUnknown, type SanitizeContext } from './sanitize-context';

/** Built-in looks; `variables` and `rules` refine the one chosen. */
export const THEMES = ['default', 'night', 'flat'] as const;
export type Theme = (typeof THEMES)[number];

/** Each variable, and the CSS property its value must be valid for. */
export const APPEARANCE_VARIABLES = {
  colorPrimary: 'color',
  colorBackground: 'color',
  colorText: 'color',
  colorTextPlaceholder: 'color',
  colorIcon: 'color',
  colorBorder: 'color',
  colorDanger: 'color',
  colorSuccess: 'color',
  fontFamily: 'font-family',
  fontSizeBase: 'font-size',
  fontLineHeight: 'line-height',
  spacingUnit: 'padding-top',
  borderRadius: 'border-top-left-radius',
  focusRingColor: 'color',
  focusRingWidth: 'outline-width',
} as const;
export type AppearanceVariable = keyof typeof APPEARANCE_VARIABLES;
export type AppearanceVariables = Partial<Record<AppearanceVariable, string>>;

/** What `rules` may style: the inputs in each state, their placeholder and autofilled look, labels and errors. */
export const APPEARANCE_SELECTORS = [
  '.Input',
  '.Input:focus',
  '.Input--invalid',
  '.Input--complete',
  '.Input::placeholder',
  '.Input:autofill',
  '.Label',
  '.Error',
] as const;
export type AppearanceSelector = (typeof APPEARANCE_SELECTORS)[number];

/** Properties of text, allowed in every rule. */
export const TEXT_PROPERTIES = [
  'color',
  'fontFamily',
  'fontSize',
  'fontWeight',
  'fontStyle',
  'fontVariant',
  'letterSpacing',
  'lineHeight',
  'textTransform',
  'textDecoration',
  'textShadow',
] as const;
/** Properties of the box around the inputs, and of the icon and placeholder inside it: `.Input` rules only. */
export const BOX_PROPERTIES = [
  'backgroundColor',
  'borderColor',
  'borderWidth',
  'borderStyle',
  'borderRadius',
  'boxShadow',
  'padding',
  'iconColor',
  'placeholderColor',
] as const;
export type RuleProperty = (typeof TEXT_PROPERTIES)[number] | (typeof BOX_PROPERTIES)[number];
export type AppearanceRule = Partial<Record<RuleProperty, string>>;
export type AppearanceRules = Partial<Record<AppearanceSelector, AppearanceRule>>;

/** Where the labels go: read by screen readers only (the default), or shown above each input. */
export const LABEL_PLACEMENTS = ['hidden', 'above'] as const;
export type LabelPlacement = (typeof LABEL_PLACEMENTS)[number];

/**
 * The look of the fields, like Stripe's Appearance API: a theme, variables that the theme's styles are built on,
 * rules per selector and state, web fonts from `FONT_ORIGINS`, and where labels go.
 *
 * @example
 * { theme: 'night', variables: { colorPrimary: '#7c5cff', borderRadius: '8px' }, rules: { '.Input:focus': { boxShadow: 'none' } } }
 */
export interface Appearance {
  theme?: Theme;
  variables?: AppearanceVariables;
  rules?: AppearanceRules;
  fonts?: FontSource[];
  labels?: LabelPlacement;
}

const ALL_PROPERTIES: readonly RuleProperty[] = [...TEXT_PROPERTIES, ...BOX_PROPERTIES];
/** The properties each selector takes: an autofilled input may also change its background. */
export function ruleProperties(selector: AppearanceSelector): readonly RuleProperty[] {
  if (selector === '.Input:autofill') return [...TEXT_PROPERTIES, 'backgroundColor', 'boxShadow'];
  return selector.startsWith('.Input') && selector !== '.Input::placeholder' ? ALL_PROPERTIES : TEXT_PROPERTIES;
}

/** The CSS property a rule property is checked as. */
export const ruleCss = (property: RuleProperty) =>
  property === 'iconColor' || property === 'placeholderColor' ? 'color' : kebab(property);

function pick<T extends string>(value: unknown, allowed: readonly T[], option: string, ctx: SanitizeContext) {
  if ((allowed as readonly unknown[]).includes(value)) return value as T;
  if (value !== undefined) ctx.report?.(option, 'choice', allowed);
  return undefined;
}

function sanitizeVariables(input: unknown, ctx: SanitizeContext): AppearanceVariables | undefined {
  if (input === undefined) return undefined;
  if (!isRecord(input)) {
    ctx.report?.('appearance.variables', 'object');
    return undefined;
  }
  const names = Object.keys(APPEARANCE_VARIABLES) as AppearanceVariable[];
  reportUnknown(input, names, 'appearance.variables', ctx);
  const out: AppearanceVariables = {};
  for (const name of names) {
    const value = own(input, name);
    if (value === undefined) continue;
    const safe = safeValue(value, APPEARANCE_VARIABLES[name], `appearance.variables.${name}`, ctx);
    if (safe !== undefined) out[name] = safe;
  }
  return out;
}

function sanitizeRule(input: unknown, selector: AppearanceSelector, ctx: SanitizeContext): AppearanceRule {
  const path = `appearance.rules['${selector}']`;
  if (!isRecord(input)) {
    ctx.report?.(path, 'object');
    return {};
  }
  const allowed = ruleProperties(selector);
  reportUnknown(input, allowed, path, ctx);
  const out: AppearanceRule = {};
  for (const property of allowed) {
    const value = own(input, property);
    if (value === undefined) continue;
    const safe = safeValue(value, ruleCss(property), `${path}.${property}`, ctx);
    if (safe !== undefined) out[property] = safe;
  }
  return out;
}

function sanitizeRules(input: unknown, ctx: SanitizeContext): AppearanceRules | undefined {
  if (input === undefined) return undefined;
  if (!isRecord(input)) {
    ctx.report?.('appearance.rules', 'object');
    return undefined;
  }
  for (const key of Object.keys(input)) {
    if (!(APPEARANCE_SELECTORS as readonly string[]).includes(key)) {
      ctx.report?.(`appearance.rules['${key}']`, 'unknown', APPEARANCE_SELECTORS);
    }
  }
  const out: AppearanceRules = {};
  for (const selector of APPEARANCE_SELECTORS) {
    const rule = own(input, selector);
    if (rule === undefined) continue;
    const safe = sanitizeRule(rule, selector, ctx);
    if (Object.keys(safe).length > 0) out[selector] = safe;
  }
  return out;
}

/**
 * Keeps only what the field page can apply safely: a known theme and label placement, known variables and
 * selectors with safe (and, where `ctx.supports` says, valid) values, and fonts from `FONT_ORIGINS`. Everything
 * dropped is reported to `ctx`, and its default applies.
 */
export function sanitizeAppearance(input: unknown, ctx: SanitizeContext = {}): Appearance {
  if (!isRecord(input)) {
    if (input !== undefined) ctx.report?.('appearance', 'object');
    return {};
  }
  reportUnknown(input, ['theme', 'variables', 'rules', 'fonts', 'labels'], 'appearance', ctx);
  const out: Appearance = {};
  const theme = pick(own(input, 'theme'), THEMES, 'appearance.theme', ctx);
  if (theme) out.theme = theme;
  const variables = sanitizeVariables(own(input, 'variables'), ctx);
  if (variables && Object.keys(variables).length > 0) out.variables = variables;
  const rules = sanitizeRules(own(input, 'rules'), ctx);
  if (rules && Object.keys(rules).length > 0) out.rules = rules;
  const fonts = own(input, 'fonts');
  if (fonts !== undefined) {
    const safe = sanitizeFonts(fonts, 'appearance.fonts', ctx);
    if (safe.length > 0) out.fonts = safe;
  }
  const labels = pick(own(input, 'labels'), LABEL_PLACEMENTS, 'appearance.labels', ctx);
  if (labels) out.labels = labels;
  return out;
}
