import type { Command } from 'commander';
import type { Act } from '../cli/action';
import type { OutStream } from '../cli/io';
import { ExitCode } from '../errors/cli-error';

/** The slice of apps/edge/scripts/secrets.mjs this command runs. */
interface SecretsScript {
  main(argv: string[], io: { stdout: OutStream; stderr: OutStream; cwd: string }): Promise<number>;
}

// The edge's own generator (`pnpm --filter @tessera/edge secrets`), run as it is rather than copied: its key
// material comes from the same functions as the local .dev.vars, and it is tested against the edge's schemas. It
// is loaded by path at run time because it is a script of the edge app, not a package this one may depend on.
const SCRIPT = new URL('../../../../apps/edge/scripts/secrets.mjs', import.meta.url).href;
const THEIR_NAME = 'pnpm --filter @tessera/edge secrets';

/** Its usage lines, with this CLI's name for the command. */
const renamed = (stream: OutStream): OutStream => ({
  write: (text: string) => stream.write(text.split(THEIR_NAME).join('pnpm tessera secrets')),
  isTTY: stream.isTTY,
});

/**
 * `secrets generate|kek|seal-key`: the edge's Worker secrets as the JSON `wrangler secret bulk` takes, fresh KEKs and
 * sealing keys. The output is JSON with or without `--json`, and never goes to a terminal (use a pipe or --out).
 */
export function secretsCommand(parent: Command, act: Act) {
  const secrets = parent
    .command('secrets')
    .description('the edge’s Worker secrets, for wrangler secret bulk (apps/edge/scripts/secrets.mjs)');
  const delegate = (name: string, description: string) =>
    secrets
      .command(name)
      .description(description)
      .helpOption(false)
      .allowUnknownOption()
      .allowExcessArguments()
      .argument('[options...]', 'as `pnpm tessera secrets generate --help` lists them')
      .action(
        act(async (context, args) => {
          const script = (await import(SCRIPT)) as SecretsScript;
          const { io } = context;
          const code = await script.main([name, ...args], {
            stdout: renamed(io.stdout),
            stderr: renamed(io.stderr),
            cwd: io.cwd,
          });
          if (code !== 0) throw new ExitCode(code);
        }),
      );
  delegate(
    'generate',
    'every secret of a new deployment: KEK, sealing key, merchants (their keys shown once on stderr), no agents',
  );
  delegate('kek', 'one fresh TESSERA_KEKS entry, to put first when rolling the KEK');
  delegate('seal-key', 'one fresh TESSERA_SEAL_KEYS entry, to add when rolling the sealing key');
}
