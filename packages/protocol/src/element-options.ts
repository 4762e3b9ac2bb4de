import { type ElementStyle, sanitizeStyle } from './appearance';
import { type Appearance, sanitizeAppearance } from './appearance-options';
import { type LocaleOption, type Strings, sanitizeLocale, sanitizeStrings } from './locales';
import { isRecord, own, reportUnknown, type SanitizeContext } from './sanitize-context';

/** Whether the combined card shows an optional input, and whether the shopper must fill it. */
export const FIELD_REQUIREMENTS = ['never', 'optional', 'required'] as const;
export type FieldRequirement = (typeof FIELD_REQUIREMENTS)[number];

/** The combined card's optional inputs (`never` unless asked for): the name on the card and the postal code. */
export interface CardFields {
  name?: FieldRequirement;
  postalCode?: FieldRequirement;
}

/**
 * Options given to `elements.create(type, options)` (and, as defaults, to `elements(options)`); they reach the
 * field page in the URL fragment and in `update` messages, and it reads them with `readElementOptions`.
 */
export interface CardElementOptions {
  /** The first styling option: rules per state (`base`, `invalid`, `complete`); it still applies over `appearance`. */
  style?: ElementStyle;
  appearance?: Appearance;
  /** A supported locale, or `auto` (the default): the shopper's browser language. */
  locale?: LocaleOption;
  /** The merchant's own text for any label, placeholder, error or frame title. */
  strings?: Strings;
  /** The combined card only: show the name on the card and the postal code. */
  fields?: CardFields;
  disabled?: boolean;
  /** Hides the brand icon inside the number input. */
  hideIcon?: boolean;
  /**
   * `false` hides the frame's own error text (screen readers still hear it), for a merchant that shows the
   * `change` event's `error` its own way. Shown by default.
   */
  showErrors?: boolean;
}

/** Every option's name: the SDK refuses any other at setup. */
export const ELEMENT_OPTION_NAMES = [
  'style',
  'appearance',
  'locale',
  'strings',
  'fields',
  'disabled',
  'hideIcon',
  'showErrors',
] as const satisfies readonly (keyof CardElementOptions)[];

function readFields(input: unknown, ctx: SanitizeContext): CardFields | undefined {
  if (!isRecord(input)) {
    ctx.report?.('fields', 'object');
    return undefined;
  }
  reportUnknown(input, ['name', 'postalCode'], 'fields', ctx);
  const out: CardFields = {};
  for (const field of ['name', 'postalCode'] as const) {
    const value = own(input, field);
    if ((FIELD_REQUIREMENTS as readonly unknown[]).includes(value)) out[field] = value as FieldRequirement;
    else if (value !== undefined) ctx.report?.(`fields.${field}`, 'choice', FIELD_REQUIREMENTS);
  }
  return out;
}

function readBoolean(
  input: Record<string, unknown>,
  name: 'disabled' | 'hideIcon' | 'showErrors',
  ctx: SanitizeContext,
) {
  const value = own(input, name);
  if (typeof value === 'boolean') return value;
  if (value !== undefined) ctx.report?.(name, 'boolean');
  return undefined;
}

/**
 * Reads element options from untrusted input (the URL fragment, an `update` message, or the merchant's call in the
 * SDK), keeping only what is safe and reporting the rest to `ctx`.
 */
export function readElementOptions(input: unknown, ctx: SanitizeContext = {}): CardElementOptions {
  if (!isRecord(input)) return {};
  reportUnknown(input, ELEMENT_OPTION_NAMES, 'options', ctx);
  const out: CardElementOptions = {};
  if (own(input, 'style') !== undefined) out.style = sanitizeStyle(own(input, 'style'), ctx);
  if (own(input, 'appearance') !== undefined) out.appearance = sanitizeAppearance(own(input, 'appearance'), ctx);
  const locale = sanitizeLocale(own(input, 'locale'), ctx);
  if (locale !== undefined) out.locale = locale;
  if (own(input, 'strings') !== undefined) out.strings = sanitizeStrings(own(input, 'strings'), ctx);
  if (own(input, 'fields') !== undefined) {
    const fields = readFields(own(input, 'fields'), ctx);
    if (fields) out.fields = fields;
  }
  const disabled = readBoolean(input, 'disabled', ctx);
  if (disabled !== undefined) out.disabled = disabled;
  const hideIcon = readBoolean(input, 'hideIcon', ctx);
  if (hideIcon !== undefined) out.hideIcon = hideIcon;
  const showErrors = readBoolean(input, 'showErrors', ctx);
  if (showErrors !== undefined) out.showErrors = showErrors;
  return out;
}
