/**
 * `kubectl rollout`: the parent of status, history, undo, pause, resume and restart, one file each.
 * Without a subcommand it prints its help and fails, as kubectl's DefaultSubCommandRun does.
 */
import type { CommandSpec } from '../command.ts';
import { rolloutHelp } from './help/rollout.ts';
import { specFromHelp } from './help/types.ts';
import { rolloutHistoryCommand } from './rollout-history.ts';
import { rolloutPauseCommand, rolloutRestartCommand, rolloutResumeCommand } from './rollout-pause-resume-restart.ts';
import { rolloutStatusCommand } from './rollout-status.ts';
import { rolloutUndoCommand } from './rollout-undo.ts';
import { defaultSubCommandRun } from './sub-command-run.ts';

/** The `rollout` command with its subcommands. */
export const rolloutCommand: CommandSpec = specFromHelp('rollout', rolloutHelp, defaultSubCommandRun('rollout', () => rolloutCommand, 'stdout'), [
  rolloutHistoryCommand, rolloutPauseCommand, rolloutRestartCommand, rolloutResumeCommand, rolloutStatusCommand, rolloutUndoCommand,
]);
