/**
 * `kubectl rollout`: the parent of status, history, undo, pause, resume and restart, one file each.
 * Without a subcommand it prints its help and fails, as kubectl's DefaultSubCommandRun does.
 */
import { KubectlError } from '../client/api-client.ts';
import { renderHelp, type CommandContext, type CommandSpec } from '../command.ts';
import { rolloutHelp } from './help/rollout.ts';
import { specFromHelp } from './help/types.ts';
import { rolloutHistoryCommand } from './rollout-history.ts';
import { rolloutPauseCommand, rolloutRestartCommand, rolloutResumeCommand } from './rollout-pause-resume-restart.ts';
import { rolloutStatusCommand } from './rollout-status.ts';
import { rolloutUndoCommand } from './rollout-undo.ts';

/**
 * cmdutil.DefaultSubCommandRun: with no subcommand, the help and exit code 1; with an unknown word,
 * RequireNoArguments' usage error.
 */
function runRollout(context: CommandContext): number {
  if (context.args.length) {
    throw KubectlError.client(`unknown command ${JSON.stringify(context.args[0])}\nSee 'kubectl rollout -h' for help and examples`);
  }
  context.out.stdout.push(renderHelp(rolloutCommand, 'rollout'));
  return 1;
}

/** The `rollout` command with its subcommands. */
export const rolloutCommand: CommandSpec = specFromHelp('rollout', rolloutHelp, runRollout, [
  rolloutHistoryCommand, rolloutPauseCommand, rolloutRestartCommand, rolloutResumeCommand, rolloutStatusCommand, rolloutUndoCommand,
]);
