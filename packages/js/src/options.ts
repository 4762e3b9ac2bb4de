import {
  type Appearance,
  type CardElementOptions,
  ELEMENT_OPTION_NAMES,
  type ElementType,
  type FrameToParent,
  type SanitizeProblem,
} from '@tessera/protocol';
import { IntegrationError } from './integration-error';

/** Options shared by every element of a group (`tessera.elements(options)`): each element may refine them. */
export type ElementsOptions = Pick<CardElementOptions, 'style' | 'appearance' | 'locale' | 'strings'>;
const ELEMENTS_OPTION_NAMES = ['style', 'appearance', 'locale', 'strings'] as const;

/**
 * Options given at setup, checked for their shape: not an object, an option name that does not exist, or an option
 * the element type does not take, throws at once. Their values go to the field page as they are: it keeps what it
 * can apply safely, and tells this page about the rest (`warnOption`), whose defaults apply.
 */
export function checkOptions(input: unknown, call: string, type?: ElementType): CardElementOptions {
  if (input === undefined) return {};
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new IntegrationError(`${call} takes an options object.`);
  }
  const names: readonly string[] = type === undefined ? ELEMENTS_OPTION_NAMES : ELEMENT_OPTION_NAMES;
  for (const name of Object.keys(input)) {
    if (!names.includes(name)) {
      throw new IntegrationError(`${call}: unknown option "${name}"; expected one of: ${names.join(', ')}.`);
    }
  }
  if (type !== undefined && type !== 'card' && 'fields' in input) {
    throw new IntegrationError(
      `${call}: "fields" is an option of the "card" element; "${type}" is a field of its own.`,
    );
  }
  return input as CardElementOptions;
}

// What a merchant reads in the console for each value the field page could not apply.
const WORDS: Record<SanitizeProblem, (detail: readonly string[]) => string> = {
  unknown: (d) => (d.length > 0 ? `is not one of ${d.join(', ')}` : 'is not a known option'),
  object: () => 'must be an object',
  array: () => 'must be an array',
  boolean: () => 'must be true or false',
  text: () => 'must be text of 1 to 200 characters, without control characters',
  unsafe: () => 'is not a safe CSS value (no url(), var(), attr(), escapes, comments, at-rules, ;{}<> or non-ASCII)',
  invalid: (d) => `is not a valid value for CSS ${d[0]}`,
  choice: (d) => `must be one of ${d.join(', ')}`,
  family: () => 'must be a font family name of letters, digits, spaces, _ and -',
  font: (d) => `must be the https URL of a .woff2, .woff, .ttf or .otf file on ${d.join(' or ')}`,
  limit: (d) => `holds more than ${d[0]} entries; the rest are ignored`,
};
const warned = new Set<string>();

/** Prints, once per page, a warning the field page sent about an option it could not apply. */
export function warnOption({ option, problem, detail = [] }: Extract<FrameToParent, { type: 'warning' }>['payload']) {
  const text = `Tessera: the option ${option} ${WORDS[problem](detail)}; its default applies.`;
  if (warned.has(text)) return;
  warned.add(text);
  console.warn(text);
}

function mergeAppearance(group: Appearance | undefined, own: Appearance | undefined): Appearance | undefined {
  if (!group || !own) return own ?? group;
  const rules = { ...group.rules };
  for (const [selector, rule] of Object.entries(own.rules ?? {})) {
    Object.assign(rules, { [selector]: { ...rules[selector as keyof typeof rules], ...rule } });
  }
  return { ...group, ...own, variables: { ...group.variables, ...own.variables }, rules };
}

/**
 * An element's options over its group's: its own style replaces the group's per state, its appearance refines the
 * group's (variables and rules one by one), its locale wins, its strings are added to the group's.
 */
export function mergeOptions(group: ElementsOptions, own: CardElementOptions): CardElementOptions {
  const merged: CardElementOptions = { ...group, ...own };
  if (group.style && own.style) merged.style = { ...group.style, ...own.style };
  const appearance = mergeAppearance(group.appearance, own.appearance);
  if (appearance) merged.appearance = appearance;
  if (group.strings && own.strings) merged.strings = { ...group.strings, ...own.strings };
  return merged;
}
