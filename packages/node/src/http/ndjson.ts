/**
 * Parses newline-delimited JSON as it arrives: one value per non-empty line, each checked by `guard`. A line that
 * is not JSON or fails the guard ends the stream with `invalid()`'s error. Reads no further than the caller asks.
 */
export async function* ndjson<T>(
  chunks: AsyncIterable<Uint8Array>,
  guard: (value: unknown) => value is T,
  invalid: () => Error,
): AsyncGenerator<T, void, undefined> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const parse = (line: string): T => {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw invalid();
    }
    if (!guard(value)) throw invalid();
    return value;
  };
  let buffered = '';
  for await (const chunk of chunks) {
    try {
      buffered += decoder.decode(chunk, { stream: true });
    } catch {
      throw invalid();
    }
    let end = buffered.indexOf('\n');
    while (end !== -1) {
      const line = buffered.slice(0, end).trim();
      buffered = buffered.slice(end + 1);
      if (line !== '') yield parse(line);
      end = buffered.indexOf('\n');
    }
  }
  try {
    buffered += decoder.decode();
  } catch {
    throw invalid();
  }
  if (buffered.trim() !== '') yield parse(buffered.trim());
}
