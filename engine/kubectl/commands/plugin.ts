/**
 * `kubectl plugin` and `kubectl plugin list` (kubectl's cmd/plugin). Plugins are `kubectl-*`
 * executables on the PATH; the lab's shell has none, so `plugin list` always answers as kubectl
 * does when its search finds nothing: `error: unable to find any kubectl plugins in your PATH`,
 * exit 1 (with or without `--name-only`; extra words are ignored, as kubectl ignores them).
 */
import { KubectlError } from '../client/api-client.ts';
import type { CommandSpec } from '../command.ts';
import { pluginHelp } from './help/plugin.ts';
import { pluginListHelp } from './help/plugin-list.ts';
import { specFromHelp } from './help/types.ts';
import { defaultSubCommandRun } from './sub-command-run.ts';

/** What `kubectl plugin list` says when no plugin is on the PATH. */
export const noPluginsMessage = 'unable to find any kubectl plugins in your PATH';

/** `kubectl plugin list`. */
export const pluginListCommand: CommandSpec = specFromHelp('list', pluginListHelp, () => {
  throw KubectlError.client(noPluginsMessage);
});

/** `kubectl plugin`: alone, its help on stderr and exit 1 (cmdutil.DefaultSubCommandRun). */
export const pluginCommand: CommandSpec = specFromHelp('plugin', pluginHelp, defaultSubCommandRun('plugin', () => pluginCommand), [pluginListCommand]);
