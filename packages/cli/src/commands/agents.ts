import type { Command } from 'commander';
import type { Act } from '../cli/action';
import { table } from '../cli/output';
import { STORE_KEY_WARNING } from './keys';

/** `agents create|list`: the agent platforms that delegate shoppers' cards (agent commerce). */
export function agentsCommand(parent: Command, act: Act) {
  const agents = parent.command('agents').description('agent platforms and their ak_ keys');

  agents
    .command('list')
    .description('every agent platform (never their keys)')
    .action(
      act(async (context) => {
        const answer = await context.admin().agents.list();
        context.out.result(answer, () =>
          table(
            ['ID', 'NAME'],
            answer.data.map((a) => [a.id, a.name]),
          ),
        );
      }),
    );

  agents
    .command('create')
    .description('a new agent platform and its ak_ key, printed once')
    .requiredOption('--name <name>', 'its name')
    .option('--id <id>', 'its id: lowercase letters, digits and -; random when left out')
    .action(
      act<{ name: string; id?: string }>(async (context, _args, options) => {
        const created = await context
          .admin()
          .agents.create({ name: options.name, ...(options.id === undefined ? {} : { id: options.id }) });
        context.out.result(created, () => [
          `Created agent platform ${created.id} (${created.name}); its key ${created.keyId}:`,
          '',
          `  ${created.key}`,
          '',
        ]);
        context.out.warn(STORE_KEY_WARNING);
      }),
    );
}
