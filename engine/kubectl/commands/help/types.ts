/**
 * The help data of a command as kubectl 1.32 prints it off a terminal; the files beside this one
 * are generated from the real binary's `--help` and turned into CommandSpecs by `specFromHelp`.
 */
import { KubectlError } from '../../client/api-client.ts';
import type { CommandSpec } from '../../command.ts';
import type { FlagSpec } from '../../flags.ts';

/** One command's `--help`: short line, aliases, long text, examples, usage line and options. */
export interface HelpData {
  short: string;
  aliases: string[];
  long: string;
  examples?: string;
  usage: string;
  flags: FlagSpec[];
}

/** A CommandSpec from generated help data and a `run`. */
export function specFromHelp(name: string, help: HelpData, run: CommandSpec['run'], subcommands?: CommandSpec[]): CommandSpec {
  return {
    name,
    ...(help.aliases.length ? { aliases: help.aliases } : {}),
    short: help.short,
    long: help.long,
    examples: help.examples,
    usage: help.usage,
    flags: help.flags,
    run,
    ...(subcommands ? { subcommands } : {}),
  };
}

/** A subcommand the lab does not serve yet: listed in its parent's help, refused with a lab message when run. */
export function notServedCommand(parent: string, name: string, short: string): CommandSpec {
  return {
    name, short, long: short, usage: `kubectl ${parent} ${name}`, flags: [],
    run: () => {
      throw new KubectlError(`error: kubelab: "kubectl ${parent} ${name}" is not available in this lab yet`);
    },
  };
}
