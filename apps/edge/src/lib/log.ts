/**
 * The edge's only way to log. Fields are a closed set of kinds so no call site can pass a card, a sealed
 * blob or a key by accident: ids, routes, statuses, codes and error names.
 */
export interface LogFields {
  requestId?: string | undefined;
  /** The merchant a request's key named, by id. */
  merchant?: string | undefined;
  method?: string;
  route?: string;
  status?: number;
  code?: string | undefined;
  error?: string;
  /** Which secret failed to parse, and where in it (a path such as `0.key`, never a value). */
  secret?: string;
  issues?: string[];
  ms?: number;
}

export function logEvent(level: 'info' | 'warn' | 'error', message: string, fields: LogFields = {}): void {
  const line = JSON.stringify({ level, message, ...fields });
  if (level === 'error') console.error(line);
  else if (level === 'warn') console.warn(line);
  else console.log(line);
}
