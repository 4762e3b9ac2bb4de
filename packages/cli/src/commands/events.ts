import type { Command } from 'commander';
import { trailPage } from '../api/admin-client';
import type { Act } from '../cli/action';
import { usageError } from '../errors/cli-error';
import { describeEvent, followTrail, MAX_PAGE } from '../events/follow';

interface TailOptions {
  secretKey?: string;
  type?: string;
  lines: string;
  interval: string;
  follow: boolean;
}

const whole = (name: string, value: string, min: number, max: number) => {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) throw usageError(`--${name} ${value}: a whole number, ${min}-${max}`);
  return n;
};

/** `events tail`: the operator trail, or with a merchant's secret key that merchant's, as it grows. */
export function eventsCommand(parent: Command, act: Act) {
  const events = parent.command('events').description('audit trails');

  events
    .command('tail')
    .description(
      "prints the newest events, then each new one as it comes (Ctrl-C stops): the operator trail, or with a secret key the merchant's",
    )
    .option('--secret-key <sk>', "a merchant's secret key: follow its trail (or TESSERA_SECRET_KEY)")
    .option('--type <type>', 'only events of this type, e.g. token.created or admin.key_issued')
    .option('--lines <n>', 'how many of the newest events to print first', '10')
    .option('--interval <ms>', 'between two polls', '2000')
    .option('--no-follow', 'print the newest events and stop')
    .action(
      act<TailOptions>(async (context, _args, options) => {
        const backlog = whole('lines', options.lines, 0, MAX_PAGE);
        const intervalMs = whole('interval', options.interval, 100, 3_600_000);
        const secretKey = options.secretKey ?? context.io.env.TESSERA_SECRET_KEY;
        if (secretKey !== undefined && !secretKey.startsWith('sk_')) {
          throw usageError('--secret-key: a merchant secret key, sk_…');
        }
        const endpoint = { edge: context.edge, key: secretKey ?? '', fetch: context.io.fetch };
        let warned = false;
        await followTrail({
          read:
            secretKey === undefined
              ? (query) => context.admin().events(query)
              : (query) => trailPage(endpoint, '/v1/events', query),
          type: options.type,
          backlog,
          intervalMs,
          follow: options.follow,
          signal: context.io.signal,
          onEvent: (event) => context.out.item(event, () => describeEvent(event)),
          onTransient: (error) => {
            if (!warned) context.out.warn(`${error.message} (${error.code}) Still following.`);
            warned = true;
          },
        });
      }),
    );
}
