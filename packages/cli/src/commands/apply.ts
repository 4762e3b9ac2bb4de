import type { Writable } from 'node:stream';
import { confirm, isCancel } from '@clack/prompts';
import type { Command } from 'commander';
import { applyPlan } from '../apply/apply-plan';
import { readConfig } from '../apply/config-file';
import { type Change, planChanges } from '../apply/plan';
import type { Act } from '../cli/action';
import type { Context } from '../cli/context';
import { CliError, ExitCode } from '../errors/cli-error';
import { STORE_KEY_WARNING } from './keys';

interface ApplyOptions {
  yes?: boolean;
  dryRun?: boolean;
}

const show = (value: unknown) => JSON.stringify(value);

/** A plan, for a person: `+` creates, `~` updates, each field with what it was and what it becomes. */
export function describePlan(changes: Change[]): string[] {
  const lines: string[] = [];
  for (const change of changes) {
    lines.push(`  ${change.action === 'create' ? '+' : '~'} ${change.kind} ${change.id}`);
    const width = Math.max(...Object.keys(change.fields).map((name) => name.length));
    for (const [name, field] of Object.entries(change.fields)) {
      const value = 'from' in field ? `${show(field.from)} → ${show(field.to)}` : show(field.to);
      lines.push(`      ${name.padEnd(width)}  ${value}`);
    }
  }
  return lines;
}

const count = (changes: Change[], action: Change['action']) => changes.filter((c) => c.action === action).length;

/** Asks before applying, only where someone can answer: a terminal, without --json. */
async function confirmed(context: Context, options: ApplyOptions): Promise<boolean> {
  if (options.yes) return true;
  const { io, out } = context;
  if (out.json || options.dryRun || io.stdin?.isTTY !== true || io.stdout.isTTY !== true) return false;
  const answer = await confirm({
    message: 'Apply these changes?',
    initialValue: false,
    input: io.stdin,
    output: io.stdout as unknown as Writable,
  });
  return !isCancel(answer) && answer;
}

/**
 * `apply <file>`: config as code. Plans what it takes to bring the edge to the file, shows it, and applies it after a
 * confirmation (or `--yes`). Applying twice changes nothing the second time: its plan is empty.
 */
export function applyCommand(parent: Command, act: Act) {
  parent
    .command('apply')
    .description('brings the edge to tessera.config.json: shows the plan, then applies it once confirmed')
    .argument(
      '<file>',
      '{ "merchants": [{ id, name, origins, forwardHosts, agents?, limits?, vaultShards? }], "agents"?: [{ id, name }] }',
    )
    .option('-y, --yes', 'apply without asking')
    .option('--dry-run', 'show the plan and change nothing')
    .action(
      act<ApplyOptions>(async (context, [file = ''], options) => {
        const { out } = context;
        const config = await readConfig(file, context.io.cwd);
        const admin = context.admin();
        const [merchants, agents] = await Promise.all([admin.merchants.list(), admin.agents.list()]);
        const plan = planChanges(config, { merchants: merchants.data, agents: agents.data });
        for (const warning of plan.warnings) out.warn(warning);
        const { changes } = plan;
        if (changes.length === 0) {
          out.result({ changes, applied: false }, () => `No changes: ${context.edge} matches ${file}.`);
          return;
        }
        if (!out.json) {
          const summary = `${count(changes, 'create')} to create, ${count(changes, 'update')} to update`;
          out.lines([`Plan for ${context.edge} from ${file}: ${summary}.`, '', ...describePlan(changes), '']);
        }
        if (!(await confirmed(context, options))) {
          if (options.dryRun) return out.result({ changes, applied: false }, () => 'Dry run: nothing applied.');
          // Nobody confirmed: the plan, and why nothing was applied, in one document with --json.
          const refusal = new CliError({ code: 'confirmation_required' });
          if (!out.json) throw refusal;
          out.result({ changes, applied: false, ...refusal.toJSON() }, () => []);
          throw new ExitCode(refusal.exitCode);
        }
        const keys = await applyPlan(admin, changes);
        out.result({ changes, applied: true, ...(keys.length === 0 ? {} : { agentKeys: keys }) }, () => [
          `Applied ${changes.length} change${changes.length === 1 ? '' : 's'}.`,
          ...keys.flatMap((k) => ['', `Agent platform ${k.agent}, key ${k.keyId}:`, '', `  ${k.key}`, '']),
        ]);
        if (keys.length > 0) out.warn(STORE_KEY_WARNING);
      }),
    );
}
