/**
 * What a kubectl command is to the emulator: its flags, help text and examples as data (copied
 * from kubectl 1.32's `--help`), and a `run` that talks to the API through the session's client.
 * Commands register themselves in `commandRegistry` (commands/index.ts), one file per verb.
 */
import type { ApiClient } from './client/api-client.ts';
import { formatFlagUsages, type FlagSpec, type ParsedFlags } from './flags.ts';
import type { KubectlSessionBase } from './session-base.ts';

/** Where a command writes; kubectl's IOStreams. */
export interface Output {
  stdout: string[];
  stderr: string[];
}

/**
 * How a command keeps running after `run` returns (`get -w`, `logs -f`), when the session was
 * started with `KubectlSession.start`: it writes later output through `write`, says it is still
 * running with `hold` (giving what Ctrl-C must close), and calls `end` if it finishes by itself.
 */
export interface StreamControl {
  write(stream: 'stdout' | 'stderr', chunk: string): void;
  hold(close: () => void): void;
  end(exitCode: number): void;
}

/** Everything a command's `run` gets. */
export interface CommandContext {
  api: ApiClient;
  session: KubectlSessionBase;
  /** Positional arguments (the command path removed). */
  args: string[];
  /** The whole command line after `kubectl`, as typed (for --record's change cause). */
  argv?: string[];
  /** The command being run (its flags name the shorthands in `argv`). */
  spec?: CommandSpec;
  flags: ParsedFlags;
  /** The namespace in effect: `-n`, else the context's, else `default`. */
  namespace: string;
  /** Whether `-n/--namespace` was given on the command line. */
  explicitNamespace: boolean;
  /** Files of the learner's working directory (for `-f`), and stdin (for `-f -`). */
  files: Record<string, string>;
  stdin?: string;
  out: Output;
  /** Present when the terminal can take streamed output; absent for one-shot runs (the control API). */
  stream?: StreamControl;
}

/** A kubectl command or subcommand. */
export interface CommandSpec {
  /** The name as typed (`get`, `view`). */
  name: string;
  aliases?: string[];
  /** The one-line description in the parent's command list. */
  short: string;
  /** The text at the top of `--help`, as kubectl prints it. */
  long: string;
  /** The `Examples:` block, indented as printed (blank example lines keep their two spaces). */
  examples?: string;
  /** The line under `Usage:`. */
  usage: string;
  flags: FlagSpec[];
  subcommands?: CommandSpec[];
  /** Runs the command; returns the exit code, or throws a KubectlError that the caller prints. */
  run?(context: CommandContext): number;
}

/** cobra's `-h, --help`, accepted by every command and never listed under Options. */
export const helpFlag: FlagSpec = { name: 'help', shorthand: 'h', type: 'bool', usage: 'help', hidden: true };

/** The global flags of `kubectl options`; the emulator honours -n, --context and --request-timeout and accepts the rest. */
export const globalFlags: FlagSpec[] = [
  ...['as', 'as-uid', 'certificate-authority', 'client-certificate', 'client-key', 'cluster', 'context', 'kubeconfig',
    'password', 'profile', 'profile-output', 'request-timeout', 'tls-server-name', 'token', 'user', 'username', 'vmodule',
    'cache-dir', 'log-flush-frequency'].map((name): FlagSpec => ({ name, type: 'string', usage: '', hidden: true })),
  { name: 'as-group', type: 'stringArray', usage: '', hidden: true },
  ...['disable-compression', 'insecure-skip-tls-verify', 'match-server-version', 'warnings-as-errors']
    .map((name): FlagSpec => ({ name, type: 'bool', usage: '', hidden: true })),
  { name: 'namespace', shorthand: 'n', type: 'string', usage: '', hidden: true },
  { name: 'server', shorthand: 's', type: 'string', usage: '', hidden: true },
  // klog's Level: an int32 read in base 10 (`-v=0x1` is invalid syntax, unlike pflag's ints).
  { name: 'v', shorthand: 'v', type: 'level', usage: '', hidden: true },
];

/** `kubectl get --help`: long text, aliases, examples, subcommands, options and usage, as cobra lays them out. */
export function renderHelp(spec: CommandSpec, path: string): string {
  const parts = [`${spec.long}\n`];
  if (spec.aliases?.length) parts.push(`Aliases:\n${[spec.name, ...spec.aliases].join(', ')}\n`);
  if (spec.examples) parts.push(`Examples:\n${spec.examples}\n`);
  if (spec.subcommands?.length) {
    // cobra pads names to the longest sibling, at least 11, then kubectl's template adds 3 spaces.
    const width = Math.max(11, ...spec.subcommands.map((s) => s.name.length)) + 3;
    const sorted = [...spec.subcommands].sort((a, b) => (a.name < b.name ? -1 : 1));
    parts.push(`Available Commands:\n${sorted.map((s) => `  ${s.name.padEnd(width)}${s.short}`).join('\n')}\n`);
  }
  const options = formatFlagUsages(spec.flags);
  if (options) parts.push(`Options:\n${options}`);
  parts.push(`Usage:\n  ${spec.usage}\n`);
  const footer = spec.subcommands?.length ? `Use "kubectl ${path} <command> --help" for more information about a given command.\n` : '';
  return `${parts.join('\n')}\n${footer}Use "kubectl options" for a list of global command-line options (applies to all commands).\n`;
}

/** Levenshtein distance, case-insensitive, as cobra computes it for suggestions. */
function levenshtein(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  let previous = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const current = [i];
    for (let j = 1; j <= t.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (s[i - 1] === t[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[t.length];
}

/** cobra's suggestions: commands within distance 2, or that start with what was typed, in their order. */
export function suggestionsFor(typed: string, names: string[]): string[] {
  return names.filter((name) => levenshtein(typed, name) <= 2 || name.toLowerCase().startsWith(typed.toLowerCase()));
}

/**
 * `error: unknown command "gett" for "kubectl"` with cobra's "Did you mean this?" list, as kubectl
 * 1.32 prints it: cobra's error goes through kubectl's CheckErr, which lowercases the prefix and
 * ends the text with one newline (cobra's own printer would add a blank line).
 */
export function unknownCommandMessage(typed: string, parent: string, names: string[]): string {
  const suggestions = suggestionsFor(typed, names);
  const hint = suggestions.length ? `\n\nDid you mean this?\n${suggestions.map((s) => `\t${s}`).join('\n')}` : '';
  return `error: unknown command "${typed}" for "${parent}"${hint}\n`;
}
