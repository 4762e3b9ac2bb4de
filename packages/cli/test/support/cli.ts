// Runs the CLI in-process, as `pnpm tessera …` would, with its output captured and an environment of the test's own
// (never the developer's TESSERA_* variables).
import { PassThrough, Writable } from 'node:stream';
import { run } from '../../src/main';

export interface Ran {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout, parsed. */
  json<T = Record<string, unknown>>(): T;
  /** stdout's lines, each parsed (what streams with --json). */
  jsonLines<T = Record<string, unknown>>(): T[];
}

export interface RunOptions {
  env?: Record<string, string | undefined>;
  cwd?: string;
  signal?: AbortSignal;
  /** Pretend stdout is a terminal. */
  tty?: boolean;
  /** Called with each chunk written to stdout, as it is written. */
  onStdout?: (text: string) => void;
  /** What a person types at a prompt; stdin is then a terminal (with `tty`). */
  typed?: string;
}

export async function tessera(argv: string[], options: RunOptions = {}): Promise<Ran> {
  let stdout = '';
  let stderr = '';
  // A real stream, since a progress bar or a prompt on a terminal needs one.
  const out = Object.assign(
    new Writable({
      write(chunk: Buffer | string, _encoding, done) {
        const text = chunk.toString();
        stdout += text;
        options.onStdout?.(text);
        done();
      },
    }),
    { isTTY: options.tty ?? false, columns: 100 },
  );
  let stdin: (PassThrough & { isTTY: boolean }) | undefined;
  if (options.typed !== undefined) {
    const keys = options.typed;
    stdin = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => stdin });
    // Typed once the prompt is up, as a person would.
    setTimeout(() => stdin?.write(keys), 100);
  }
  const code = await run(argv, {
    stdout: out,
    stdin,
    stderr: { write: (text: string) => (stderr += text), isTTY: false },
    env: { ...options.env },
    cwd: options.cwd ?? process.cwd(),
    signal: options.signal,
  });
  return {
    code,
    stdout,
    stderr,
    json: <T>() => JSON.parse(stdout) as T,
    jsonLines: <T>() =>
      stdout
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as T),
  };
}
