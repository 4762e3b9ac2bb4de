import { Command, CommanderError } from 'commander';
import { actWith } from './cli/action';
import { LOCAL_EDGE, LOCAL_OPERATOR_KEY } from './cli/context';
import type { Io } from './cli/io';
import { Output } from './cli/output';
import { agentsCommand } from './commands/agents';
import { applyCommand } from './commands/apply';
import { eventsCommand } from './commands/events';
import { keysCommand } from './commands/keys';
import { merchantsCommand } from './commands/merchants';
import { rotateCommand } from './commands/rotate';
import { secretsCommand } from './commands/secrets';
import { CliError, ExitCode, usageError } from './errors/cli-error';

/** The whole command tree, writing to `io`. */
export function program(io: Io): Command {
  const root = new Command('tessera')
    .description("Tessera's operator CLI: merchants, keys, agent platforms, the trails, secrets and config as code.")
    .option('--edge <url>', `the edge (or TESSERA_EDGE; default ${LOCAL_EDGE})`)
    .option('--operator-key <key>', `the operator key (or TESSERA_OPERATOR_KEY; default ${LOCAL_OPERATOR_KEY})`)
    .option('--json', 'answer in JSON: one document, or one line per item for what streams')
    // Set before the subcommands exist, which inherit them.
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      // Errors are printed by run(), as every other refusal is.
      outputError: () => {},
    });
  const act = actWith(io);
  merchantsCommand(root, act);
  keysCommand(root, act);
  agentsCommand(root, act);
  rotateCommand(root, act);
  eventsCommand(root, act);
  secretsCommand(root, act);
  applyCommand(root, act);
  return root;
}

/**
 * Runs one command line (without `node` and the script); answers the exit code: 0, 1 for a refusal (printed
 * plainly, or as `{ error }` with `--json`), 2 for a usage mistake.
 */
export async function run(argv: string[], io: Io): Promise<number> {
  // Known before parsing, so that even a parse error answers in JSON.
  const out = new Output(io, argv.includes('--json'));
  try {
    await program(io).parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return 0;
      // A command that needs a subcommand: commander has printed its help.
      if (error.code === 'commander.help') return 2;
      out.error(usageError(error.message.replace(/^error: /, '')));
      return 2;
    }
    if (error instanceof ExitCode) return error.code;
    if (error instanceof CliError) {
      out.error(error);
      return error.exitCode;
    }
    throw error;
  }
}
