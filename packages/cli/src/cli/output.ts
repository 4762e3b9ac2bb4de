import { CLI_ERRORS, type CliError } from '../errors/cli-error';
import { type Colour, type Io, paint } from './io';

/**
 * How a command answers: with `--json`, one JSON document on stdout (or one line per item for what streams);
 * otherwise lines for a person. Warnings and notices go to stderr either way, so stdout stays parseable.
 */
export class Output {
  readonly json: boolean;
  readonly #io: Io;

  constructor(io: Io, json: boolean) {
    this.#io = io;
    this.json = json;
  }

  /** The command's answer: `value` with `--json`, `human()`'s lines otherwise. */
  result(value: unknown, human: () => string | string[]): void {
    if (this.json) this.#io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
    else this.lines(human());
  }

  /** One item of a stream (`events tail`, `--watch`): a compact JSON line with `--json`. */
  item(value: unknown, human: () => string): void {
    if (this.json) this.#io.stdout.write(`${JSON.stringify(value)}\n`);
    else this.lines(human());
  }

  lines(text: string | string[]): void {
    const all = Array.isArray(text) ? text : [text];
    if (all.length > 0) this.#io.stdout.write(`${all.join('\n')}\n`);
  }

  /** Something the operator must act on (store a key now); stderr, so it never mixes with a piped answer. */
  warn(text: string): void {
    this.#io.stderr.write(`${paint(this.#io.stderr, this.#io.env, 'yellow', `! ${text}`)}\n`);
  }

  paint(colour: Colour, text: string): string {
    return paint(this.#io.stdout, this.#io.env, colour, text);
  }

  /** A refusal: `{ error }` on stdout with `--json`; one plain line on stderr otherwise. */
  error(error: CliError): void {
    if (this.json) {
      this.#io.stdout.write(`${JSON.stringify(error.toJSON(), null, 2)}\n`);
      return;
    }
    const where = [
      error.status === undefined ? error.code : `${error.status} ${error.code}`,
      ...(error.param === undefined ? [] : [`param ${error.param}`]),
      ...(error.requestId === undefined ? [] : [`request ${error.requestId}`]),
    ].join(', ');
    const text = error.code === 'usage' ? `${CLI_ERRORS.usage} ${error.detail ?? ''}`.trim() : error.message;
    this.#io.stderr.write(`${paint(this.#io.stderr, this.#io.env, 'red', 'tessera:')} ${text} (${where})\n`);
  }
}

/** Columns for a person: each as wide as its widest cell. */
export function table(header: string[], rows: (string | number | null | undefined)[][]): string[] {
  const cells = [
    header,
    ...rows.map((row) => row.map((cell) => (cell === null || cell === undefined ? '-' : `${cell}`))),
  ];
  const widths = header.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? '').length)));
  return cells.map((row) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd(),
  );
}

/** A unix time for a person: ISO 8601 to the second, or `-`. */
export const time = (seconds: number | null | undefined) =>
  seconds === null || seconds === undefined ? '-' : new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
