// Small runtime checks for the edge's answers. They check the shape a caller relies on (the discriminating
// `object` member, ids, lists), not every field: the edge is trusted, these catch a wrong URL or a proxy's page.

export type Rec = Record<string, unknown>;

/** A list answer of the API. */
export interface List<T> {
  object: 'list';
  data: T[];
}

export const isRecord = (value: unknown): value is Rec =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A `{ object: 'list', data: [...] }` whose items all pass `item`. */
export function isListOf<T>(value: unknown, item: (v: unknown) => v is T): value is List<T> {
  return isRecord(value) && value.object === 'list' && Array.isArray(value.data) && value.data.every(item);
}

/** An object of the API: a string `id` and the given `object` name. */
export const isObjectOf =
  <T>(name: string) =>
  (value: unknown): value is T =>
    isRecord(value) && value.object === name && typeof value.id === 'string';

/** `{ id, object: name, deleted: true }`. */
export const isDeletedOf =
  <T>(name: string) =>
  (value: unknown): value is T =>
    isObjectOf(name)(value) && (value as Rec).deleted === true;
