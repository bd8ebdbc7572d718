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
import { annotateCommand, labelCommand } from './label-annotate.ts';
import { applyCommand } from './apply.ts';
import { createCommand } from './create.ts';
import { deleteCommand } from './delete.ts';
import { describeCommand } from './describe.ts';
import { editCommand } from './edit.ts';
import { exposeCommand } from './expose.ts';
import { logsCommand } from './logs.ts';
import { patchCommand } from './patch.ts';
import { replaceCommand } from './replace.ts';
import { runCommand } from './run.ts';
import { scaleCommand } from './scale.ts';
import { setCommand } from './set.ts';
import { rolloutCommand } from './rollout.ts';
import { cordonCommand, uncordonCommand } from './cordon.ts';
import { taintCommand } from './taint.ts';
import { drainCommand } from './drain.ts';
import { waitCommand } from './wait.ts';
import { eventsCommand } from './events.ts';
import { topCommand } from './top.ts';
import { execCommand } from './exec.ts';
import { portForwardCommand } from './port-forward.ts';
import { explainCommand } from './explain.ts';
import { diffCommand } from './diff.ts';
import { autoscaleCommand } from './autoscale.ts';
import { authCommand } from './auth.ts';
import { debugCommand } from './debug.ts';
import { certificateCommand } from './certificate.ts';
import { pluginCommand } from './plugin.ts';

/** Every command the emulator knows, by name. */
export const commandRegistry: Record<string, CommandSpec> = {
  get: getCommand,
  version: versionCommand,
  'api-resources': apiResourcesCommand,
  'api-versions': apiVersionsCommand,
  'cluster-info': clusterInfoCommand,
  config: configCommand,
  describe: describeCommand,
  apply: applyCommand,
  create: createCommand,
  delete: deleteCommand,
  replace: replaceCommand,
  patch: patchCommand,
  label: labelCommand,
  annotate: annotateCommand,
  scale: scaleCommand,
  run: runCommand,
  expose: exposeCommand,
  edit: editCommand,
  logs: logsCommand,
  set: setCommand,
  rollout: rolloutCommand,
  cordon: cordonCommand,
  uncordon: uncordonCommand,
  taint: taintCommand,
  drain: drainCommand,
  wait: waitCommand,
  events: eventsCommand,
  top: topCommand,
  exec: execCommand,
  'port-forward': portForwardCommand,
  explain: explainCommand,
  diff: diffCommand,
  autoscale: autoscaleCommand,
  auth: authCommand,
  debug: debugCommand,
  certificate: certificateCommand,
  plugin: pluginCommand,
};

/** Add (or replace) a command. */
export function registerCommand(spec: CommandSpec): void {
  commandRegistry[spec.name] = spec;
}
