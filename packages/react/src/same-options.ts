/**
 * Structural equality of element options (plain JSON data: objects, arrays, strings, numbers, booleans).
 * Wider than a shallow compare on purpose: an inline `options={{ style: { base: … } }}` is a new nested object on
 * every render, and a shallow compare would post an `update` to the frame each time.
 */
export function sameOptions(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const aKeys = Object.keys(a);
  if (aKeys.length !== Object.keys(b).length) return false;
  return aKeys.every(
    (key) =>
      Object.hasOwn(b, key) && sameOptions((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
  );
}
