import type { Command } from 'commander';
import { type Context, contextOf } from './context';
import type { Io } from './io';

/** What a command does, given its context, its positional arguments and its own options. */
export type Handler<O> = (context: Context, args: string[], options: O) => Promise<void>;

/** Turns a handler into a commander action (which passes positionals, then options, then the command). */
export type Act = <O = Record<string, never>>(handler: Handler<O>) => (...params: unknown[]) => Promise<void>;

export const actWith =
  (io: Io): Act =>
  (handler) =>
  async (...params) => {
    const command = params.at(-1) as Command;
    const options = params.at(-2) as Parameters<typeof handler>[2];
    const args = params.slice(0, -2).flatMap((value) => (value === undefined ? [] : value)) as string[];
    await handler(contextOf(io, command), args, options);
  };
