import type { Command } from 'commander';
import { LIMIT_NAMES, type LimitName, type Limits, type Merchant, type MerchantPatch } from '../api/admin-types';
import type { Act, Handler } from '../cli/action';
import { collect } from '../cli/context';
import { table } from '../cli/output';
import { usageError } from '../errors/cli-error';

interface MerchantOptions {
  id?: string;
  name?: string;
  origin?: string[];
  forwardHost?: string[];
  agent?: string[];
  limit?: string[];
  vaultShards?: string;
  status?: string;
}

/** `--limit maxCardsPerClient=5` → `{ maxCardsPerClient: 5 }`; the edge checks the value's range. */
export function parseLimits(pairs: string[] | undefined): Limits | undefined {
  if (pairs === undefined) return undefined;
  const limits: Limits = {};
  for (const pair of pairs) {
    const [name = '', value = ''] = pair.split('=');
    if (!(LIMIT_NAMES as readonly string[]).includes(name)) {
      throw usageError(`--limit ${pair}: one of ${LIMIT_NAMES.join(', ')}, as name=value`);
    }
    if (!/^\d{1,15}$/.test(value)) throw usageError(`--limit ${pair}: the value is a whole number`);
    limits[name as LimitName] = Number(value);
  }
  return limits;
}

/**
 * `--vault-shards 4` → 4. Only a whole number is taken here; the edge checks the range (1 to 64) and refuses a
 * count lower than the merchant's (shards are only ever raised).
 */
export function parseVaultShards(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,15}$/.test(value)) {
    throw usageError(`--vault-shards ${value}: the number of shards is a whole number, such as 4`);
  }
  return Number(value);
}

const list = (values: readonly string[]) => (values.length === 0 ? '-' : values.join(', '));

/** A merchant, for a person. */
export function describeMerchant(m: Merchant): string[] {
  const limits = Object.entries(m.limits)
    .map(([name, value]) => `${name}=${value}`)
    .join(' ');
  return [
    `merchant ${m.id} (${m.status}, ${m.source === 'config' ? "from the edge's secrets" : 'registry'})`,
    ...table(
      ['  name', m.name],
      [
        ['  origins', list(m.origins)],
        ['  forward hosts', list(m.forwardHosts)],
        ['  agents', list(m.agents)],
        ['  limits', limits || '-'],
        ['  vault shards', m.vaultShards],
      ],
    ),
  ];
}

function fields(options: MerchantOptions): MerchantPatch {
  const limits = parseLimits(options.limit);
  const vaultShards = parseVaultShards(options.vaultShards);
  return {
    ...(options.name === undefined ? {} : { name: options.name }),
    ...(options.origin === undefined ? {} : { origins: options.origin }),
    ...(options.forwardHost === undefined ? {} : { forwardHosts: options.forwardHost }),
    ...(options.agent === undefined ? {} : { agents: options.agent }),
    ...(limits === undefined ? {} : { limits }),
    ...(vaultShards === undefined ? {} : { vaultShards }),
  };
}

const setStatus =
  (status: 'active' | 'suspended'): Handler<unknown> =>
  async (context, [id = '']) => {
    const merchant = await context.admin().merchants.update(id, { status });
    context.out.result(merchant, () => [
      status === 'suspended'
        ? `Suspended ${merchant.id}: its keys are refused from the next request on.`
        : `Resumed ${merchant.id}: its keys work again.`,
    ]);
  };

/** `merchants list|create|show|update|suspend|resume`. */
export function merchantsCommand(parent: Command, act: Act) {
  const merchants = parent
    .command('merchants')
    .description('merchants: their origins, forward hosts, agents, limits, vault shards');
  const fieldOptions = (command: Command) =>
    command
      .option('--origin <origin>', 'an origin its pages are served from (repeat; replaces the list)', collect)
      .option(
        '--forward-host <host>',
        'a host it may forward cards to, host[:port] (repeat; replaces the list)',
        collect,
      )
      .option('--agent <id>', 'an agent platform whose vault tokens it accepts (repeat; replaces the list)', collect)
      .option('--limit <name=value>', `a limit: ${LIMIT_NAMES.join(', ')} (repeat)`, collect)
      .option(
        '--vault-shards <n>',
        'how many shards its vault is split into, 1 to 64 (1 by default); only ever raised, and no token moves',
      );

  merchants
    .command('list')
    .description('every merchant, configured or created here')
    .action(
      act(async (context) => {
        const answer = await context.admin().merchants.list();
        context.out.result(answer, () =>
          table(
            ['ID', 'NAME', 'STATUS', 'SOURCE', 'SHARDS', 'ORIGINS'],
            answer.data.map((m) => [m.id, m.name, m.status, m.source, m.vaultShards, list(m.origins)]),
          ),
        );
      }),
    );

  fieldOptions(
    merchants
      .command('create')
      .description('a new merchant; issue its keys with `keys issue`')
      .option('--id <id>', 'its id: lowercase letters, digits and -; random when left out')
      .requiredOption('--name <name>', 'its name'),
  ).action(
    act<MerchantOptions>(async (context, _args, options) => {
      const { id, name = '', origin = [], forwardHost = [], ...rest } = options;
      const merchant = await context.admin().merchants.create({
        ...(id === undefined ? {} : { id }),
        name,
        origins: origin,
        forwardHosts: forwardHost,
        ...fields(rest),
      });
      context.out.result(merchant, () => [`Created ${merchant.id}.`, ...describeMerchant(merchant)]);
    }),
  );

  merchants
    .command('show')
    .description('one merchant')
    .argument('<id>')
    .action(
      act(async (context, [id = '']) => {
        const merchant = await context.admin().merchants.get(id);
        context.out.result(merchant, () => describeMerchant(merchant));
      }),
    );

  fieldOptions(
    merchants
      .command('update')
      .description('changes what is given; lists given replace the current ones')
      .argument('<id>')
      .option('--name <name>', 'its name')
      .option('--status <status>', 'active or suspended'),
  ).action(
    act<MerchantOptions>(async (context, [id = ''], options) => {
      if (options.status !== undefined && options.status !== 'active' && options.status !== 'suspended') {
        throw usageError(`--status ${options.status}: active or suspended`);
      }
      const patch: MerchantPatch = {
        ...fields(options),
        ...(options.status === undefined ? {} : { status: options.status }),
      };
      if (Object.keys(patch).length === 0) throw usageError('update: give at least one field to change');
      const merchant = await context.admin().merchants.update(id, patch);
      context.out.result(merchant, () => [`Updated ${merchant.id}.`, ...describeMerchant(merchant)]);
    }),
  );

  merchants
    .command('suspend')
    .description('refuses all its keys from the next request on')
    .argument('<id>')
    .action(act(setStatus('suspended')));
  merchants
    .command('resume')
    .description('lets a suspended merchant’s keys work again')
    .argument('<id>')
    .action(act(setStatus('active')));
}
