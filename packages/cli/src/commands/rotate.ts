import type { Writable } from 'node:stream';
import { progress } from '@clack/prompts';
import type { Command } from 'commander';
import type { RotateStatus } from '../api/admin-types';
import type { Act } from '../cli/action';
import type { Context } from '../cli/context';
import { CliError, usageError } from '../errors/cli-error';
import { describeRotation, processed, watchRotation } from '../rotate/watch';

interface RotateOptions {
  watch?: boolean;
  interval: string;
}

/**
 * Shows a rotation: once, or with `--watch` until it ends. A terminal gets a progress bar; a pipe gets a line per
 * change, and `--json` a JSON line per change. A rotation that ends with failed vaults exits non-zero.
 */
async function show(context: Context, first: RotateStatus, options: RotateOptions): Promise<void> {
  const { out, io } = context;
  if (!options.watch) {
    out.result(first, () => describeRotation(first));
    return;
  }
  const intervalMs = Number(options.interval);
  if (!/^\d+$/.test(options.interval) || intervalMs < 100) throw usageError('--interval: at least 100 (ms)');
  const bar = !out.json && io.stdout.isTTY === true;
  let meter: ReturnType<typeof progress> | undefined;
  let shown = 0;
  const last = await watchRotation(
    {
      read: () => context.admin().rotate.status(),
      intervalMs,
      signal: io.signal,
      onStatus: (status) => {
        if (!bar) return out.item(status, () => describeRotation(status));
        // The bar shows a running rotation; the line after it says how it ended.
        if (status.state !== 'running' || status.total === 0) return;
        if (meter === undefined) {
          meter = progress({ max: status.total, output: io.stdout as unknown as Writable });
          meter.start(describeRotation(status));
        }
        meter.advance(processed(status) - shown, describeRotation(status));
        shown = processed(status);
      },
    },
    first,
  );
  if (meter !== undefined) meter.stop(describeRotation(last));
  else if (bar) out.lines(describeRotation(last));
  if (last.state === 'done' && last.failed > 0) {
    throw new CliError({ code: 'rotation_failed', detail: `${last.failed} of ${last.total} merchants.` });
  }
}

/** `rotate start|status|retire`: every merchant's data keys and webhook secrets rewrapped under another KEK. */
export function rotateCommand(parent: Command, act: Act) {
  const rotate = parent
    .command('rotate')
    .description("the KEK rotation: every merchant's data keys and webhook secrets rewrapped under another KEK");
  const watchOptions = (command: Command) =>
    command
      .option('--watch', 'follow it until it ends, with a progress bar')
      .option('--interval <ms>', 'between two polls with --watch', '1000');

  watchOptions(
    rotate
      .command('start')
      .description('makes a KEK of TESSERA_KEKS the active one and rewraps everything under it (again: no change)')
      .requiredOption('--kek <kid>', 'the KEK to rotate to, as TESSERA_KEKS lists it (pnpm tessera secrets kek)'),
  ).action(
    act<RotateOptions & { kek: string }>(async (context, _args, options) => {
      await show(context, await context.admin().rotate.start(options.kek), options);
    }),
  );
  watchOptions(rotate.command('status').description('the running or last rotation')).action(
    act<RotateOptions>(async (context, _args, options) => {
      await show(context, await context.admin().rotate.status(), options);
    }),
  );
  rotate
    .command('retire')
    .description('whether a KEK may leave TESSERA_KEKS: not active, and wrapping nothing (409 kek_in_use otherwise)')
    .requiredOption('--kek <kid>', 'the KEK to retire')
    .action(
      act<{ kek: string }>(async (context, _args, options) => {
        const answer = await context.admin().rotate.retire(options.kek);
        context.out.result(answer, () => `${answer.kek} wraps nothing and is not active: it may leave TESSERA_KEKS.`);
      }),
    );
}
