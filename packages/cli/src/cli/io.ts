import type { Readable } from 'node:stream';

/** A stream the CLI writes to: process.stdout, or a test's buffer. */
export interface OutStream {
  write(text: string): unknown;
  isTTY?: boolean | undefined;
  columns?: number | undefined;
}

/** Everything the CLI touches outside itself, so tests can run it in-process. */
export interface Io {
  stdout: OutStream;
  stderr: OutStream;
  /** Where a confirmation is read from; prompts only when it is a terminal. */
  stdin?: (Readable & { isTTY?: boolean | undefined }) | undefined;
  env: Record<string, string | undefined>;
  /** Where relative paths (the config file, --out) are read from. */
  cwd: string;
  fetch?: ((url: string, init: RequestInit) => Promise<Response>) | undefined;
  /** Stops `events tail` and `--watch` (Ctrl-C); never aborted by default. */
  signal?: AbortSignal | undefined;
}

const COLOURS = { red: 31, green: 32, yellow: 33, cyan: 36, dim: 2, bold: 1 } as const;
export type Colour = keyof typeof COLOURS;

/** Colours `text` for a terminal that takes it (not with NO_COLOR, not for a pipe or a file). */
export function paint(stream: OutStream, env: Io['env'], colour: Colour, text: string): string {
  if (!stream.isTTY || env.NO_COLOR !== undefined || env.TERM === 'dumb') return text;
  return `\u001b[${COLOURS[colour]}m${text}\u001b[0m`;
}
