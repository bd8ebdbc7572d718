/**
 * The command registry: one entry per verb, each defined in its own file. Add a verb by adding
 * its spec here (or at run time with `registerCommand`).
 */
import type { CommandSpec } from '../command.ts';
import { apiResourcesCommand, apiVersionsCommand } from './api-resources.ts';
import { clusterInfoCommand } from './cluster-info.ts';
import { configCommand } from './config.ts';
import { getCommand } from './get.ts';
import { versionCommand } from './version.ts';

/** Every command the emulator knows, by name. */
export const commandRegistry: Record<string, CommandSpec> = {
  get: getCommand,
  version: versionCommand,
  'api-resources': apiResourcesCommand,
  'api-versions': apiVersionsCommand,
  'cluster-info': clusterInfoCommand,
  config: configCommand,
};

/** Add (or replace) a command. */
export function registerCommand(spec: CommandSpec): void {
  commandRegistry[spec.name] = spec;
}
