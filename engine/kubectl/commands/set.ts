/** `kubectl set`: the parent of the subcommands that change one field of a pod template or binding. */
import type { CommandSpec } from '../command.ts';
import { setHelp } from './help/set.ts';
import { specFromHelp } from './help/types.ts';
import { setEnvCommand } from './set-env.ts';
import { setImageCommand } from './set-image.ts';
import { setResourcesCommand } from './set-resources.ts';
import { setSelectorCommand } from './set-selector.ts';
import { setServiceAccountCommand } from './set-serviceaccount.ts';
import { setSubjectCommand } from './set-subject.ts';
import { defaultSubCommandRun } from './sub-command-run.ts';

/** `set` with its subcommands, in kubectl's order. */
export const setCommand: CommandSpec = specFromHelp('set', setHelp, defaultSubCommandRun('set', () => setCommand), [
  setEnvCommand, setImageCommand, setResourcesCommand, setSelectorCommand, setServiceAccountCommand, setSubjectCommand,
]);
