/** A caller's id or parameter, checked: a mistake here is the caller's, thrown before any request. */
export function required(name: string, value: unknown): string {
  if (typeof value !== 'string' || value === '') throw new TypeError(`${name} must be a non-empty string`);
  return value;
}

/** One path segment from a caller's id: checked, then encoded so an id can never reach another route. */
export const segment = (name: string, value: unknown): string => encodeURIComponent(required(name, value));
