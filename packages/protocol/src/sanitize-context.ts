/**
 * Why a value was dropped: not a known name; not an object, array, boolean or printable text; an unsafe CSS value;
 * one the browser's CSS parser refuses (`detail`: the property); not one of `detail`; a family name or font URL
 * that is not allowed (`detail`: the font origins); past a limit (`detail`: the limit). The SDK words them.
 */
export const SANITIZE_PROBLEMS = [
  'unknown',
  'object',
  'array',
  'boolean',
  'text',
  'unsafe',
  'invalid',
  'choice',
  'family',
  'font',
  'limit',
] as const;
export type SanitizeProblem = (typeof SANITIZE_PROBLEMS)[number];

/**
 * How a sanitizer tells its caller what it dropped, and checks a value against the browser's CSS parser. The field
 * page passes both (`CSS.supports`, and a report it posts to the merchant page as a `warning`, which the SDK prints
 * in the console naming the option), so a merchant learns which value did not apply, and its default applies.
 */
export interface SanitizeContext {
  /** Called once per dropped value, with its path in the options (`appearance.variables.colorText`) and why. */
  report?: (option: string, problem: SanitizeProblem, detail?: readonly string[]) => void;
  /** Whether `value` is a valid value of the CSS `property` (kebab-case), as `CSS.supports(property, value)`. */
  supports?: (property: string, value: string) => boolean;
}

/** A plain object (not an array, not null): the only shape an options record may have. */
export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** An own member only: a value from the prototype chain was not in what the caller passed. */
export const own = (r: Record<string, unknown>, key: string): unknown => (Object.hasOwn(r, key) ? r[key] : undefined);

/** Reports every member of `r` that is not in `known`, as `<path>.<member>`. */
export function reportUnknown(
  r: Record<string, unknown>,
  known: readonly string[],
  path: string,
  ctx: SanitizeContext,
) {
  for (const key of Object.keys(r)) if (!known.includes(key)) ctx.report?.(`${path}.${key}`, 'unknown');
}
