import { describe, expect, it } from 'vitest';
import { ndjson } from './ndjson';

const isNumberRecord = (v: unknown): v is { n: number } =>
  typeof v === 'object' && v !== null && typeof (v as { n?: unknown }).n === 'number';
const invalid = () => new Error('invalid line');

async function* chunks(...parts: (string | Uint8Array)[]) {
  for (const part of parts) yield typeof part === 'string' ? new TextEncoder().encode(part) : part;
}

async function collect<T>(lines: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const line of lines) out.push(line);
  return out;
}

describe('ndjson', () => {
  it('parses lines split anywhere across chunks, including inside a character', async () => {
    const euro = new TextEncoder().encode('{"n":2,"s":"€"}\n');
    expect(await collect(ndjson(chunks('{"n":1}\n{"n"', ':2}'), isNumberRecord, invalid))).toEqual([
      { n: 1 },
      { n: 2 },
    ]);
    // "€" is three bytes; the chunk boundary falls between its first and second.
    const split = chunks('{"n":1}\n', euro.slice(0, 13), euro.slice(13));
    expect(await collect(ndjson(split, isNumberRecord, invalid))).toEqual([{ n: 1 }, { n: 2, s: '€' }]);
  });

  it('skips blank lines and tolerates CRLF and a missing final newline', async () => {
    const lines = ndjson(chunks('\n{"n":1}\r\n\n  \n{"n":2}'), isNumberRecord, invalid);
    expect(await collect(lines)).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it('ends with the given error at a line that is not JSON or fails the guard', async () => {
    await expect(collect(ndjson(chunks('{"n":1}\nnot json\n'), isNumberRecord, invalid))).rejects.toThrow(
      'invalid line',
    );
    await expect(collect(ndjson(chunks('{"n":"one"}\n'), isNumberRecord, invalid))).rejects.toThrow('invalid line');
    await expect(collect(ndjson(chunks(new Uint8Array([0xff, 0x0a])), isNumberRecord, invalid))).rejects.toThrow(
      'invalid line',
    );
  });

  it('reads no further than the caller asks', async () => {
    let pulled = 0;
    async function* counted() {
      for (let n = 0; n < 100; n++) {
        pulled += 1;
        yield new TextEncoder().encode(`{"n":${n}}\n`);
      }
    }
    for await (const line of ndjson(counted(), isNumberRecord, invalid)) if (line.n === 2) break;
    expect(pulled).toBe(3);
  });
});
