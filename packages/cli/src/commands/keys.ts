import type { Command } from 'commander';
import type { ApiKey, IssuedKey } from '../api/admin-types';
import type { Act } from '../cli/action';
import type { Output } from '../cli/output';
import { table, time } from '../cli/output';
import { usageError } from '../errors/cli-error';

const KEY_TYPES = { publishable: 'publishable', secret: 'secret', pk: 'publishable', sk: 'secret' } as const;

/** The warning that comes with every key the CLI prints: it is never shown again. */
export const STORE_KEY_WARNING =
  'Store this key now, in your secret store: it is shown this once. The edge keeps only its hash, so a lost key ' +
  'cannot be shown again, only rolled or revoked.';

/** `--expires-at`: an ISO 8601 time or unix seconds; the edge wants unix seconds. */
export function parseTime(value: string): number {
  if (/^\d{1,12}$/.test(value)) return Number(value);
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw usageError(`--expires-at ${value}: an ISO 8601 time or unix seconds`);
  return Math.floor(ms / 1000);
}

const shown = (key: ApiKey) => `${key.prefix}…${key.last4 ?? ''}`;

/** Prints a key just issued, once, with the warning to store it. */
function printIssued(out: Output, answer: IssuedKey, headline: string, extra: string[] = []): void {
  out.result(answer, () => [headline, ...extra, '', `  ${answer.key}`, '']);
  out.warn(STORE_KEY_WARNING);
}

/** `keys list|issue|roll|revoke`. */
export function keysCommand(parent: Command, act: Act) {
  const keys = parent.command('keys').description("a merchant's API keys: issued, listed, rolled and revoked");

  keys
    .command('list')
    .description("a merchant's keys, by prefix and last four (never the keys)")
    .argument('<merchant>')
    .action(
      act(async (context, [merchant = '']) => {
        const answer = await context.admin().keys.list(merchant);
        context.out.result(answer, () =>
          table(
            ['ID', 'TYPE', 'KEY', 'STATUS', 'CREATED', 'LAST USED', 'EXPIRES'],
            answer.data.map((k) => [
              k.id,
              k.type,
              shown(k),
              k.rolledTo === undefined ? k.status : `${k.status} (rolled to ${k.rolledTo})`,
              time(k.created),
              time(k.lastUsed),
              time(k.expiresAt),
            ]),
          ),
        );
      }),
    );

  keys
    .command('issue')
    .description('a new key, printed once')
    .argument('<merchant>')
    .requiredOption('--type <type>', 'publishable (pk) or secret (sk)')
    .option('--expires-at <time>', 'when it stops working: ISO 8601 or unix seconds')
    .action(
      act<{ type: string; expiresAt?: string }>(async (context, [merchant = ''], options) => {
        const type = KEY_TYPES[options.type as keyof typeof KEY_TYPES];
        if (type === undefined) throw usageError(`--type ${options.type}: publishable or secret`);
        const expiresAt = options.expiresAt === undefined ? undefined : parseTime(options.expiresAt);
        const issued = await context
          .admin()
          .keys.issue(merchant, { type, ...(expiresAt === undefined ? {} : { expiresAt }) });
        printIssued(context.out, issued, `Issued a ${type} key for ${merchant}: ${issued.id}`);
      }),
    );

  keys
    .command('roll')
    .description('a new key in place of one; the old one works until --expires-in has passed')
    .argument('<merchant>')
    .argument('<key-id>')
    .option('--expires-in <seconds>', 'how long the old key still works (default 86400; 0 ends it now)')
    .action(
      act<{ expiresIn?: string }>(async (context, [merchant = '', keyId = ''], options) => {
        const { expiresIn } = options;
        if (expiresIn !== undefined && !/^\d{1,9}$/.test(expiresIn)) {
          throw usageError(`--expires-in ${expiresIn}: whole seconds`);
        }
        const rolled = await context
          .admin()
          .keys.roll(merchant, keyId, expiresIn === undefined ? {} : { expiresIn: Number(expiresIn) });
        printIssued(context.out, rolled, `Rolled ${keyId} of ${merchant}: the new key is ${rolled.id}`, [
          `The old key works until ${time(rolled.previous.expiresAt)}.`,
        ]);
      }),
    );

  keys
    .command('revoke')
    .description('refuses a key from its next request on')
    .argument('<merchant>')
    .argument('<key-id>')
    .action(
      act(async (context, [merchant = '', keyId = '']) => {
        const revoked = await context.admin().keys.revoke(merchant, keyId);
        context.out.result(revoked, () => [`Revoked ${revoked.id} (${shown(revoked)}) of ${merchant}.`]);
      }),
    );
}
