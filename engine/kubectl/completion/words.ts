/**
 * The command line as completion sees it: the words before the cursor, the word being typed and
 * where it starts, the command path (`rollout status`), the positional arguments and the flags
 * given so far. Quotes are not interpreted: the lab's terminal completes plain words.
 */
import type { CommandSpec } from '../command.ts';
import { globalFlags } from '../command.ts';
import type { FlagSpec } from '../flags.ts';

/** What is typed before the cursor, split up the way cobra's `__complete` sees it. */
export interface CompletionLine {
  /** Where the word being completed starts in the line. */
  from: number;
  /** The part of that word before the cursor. */
  current: string;
  /** `kubectl` or `k` was typed first. */
  program: boolean;
  /** The command path resolved so far (empty before the verb). */
  path: CommandSpec[];
  /** Positional arguments after the command path, before the current word. */
  args: string[];
  /** Flags given before the current word, by long name (last value wins). */
  flags: Map<string, string>;
  /** The flag whose value is being typed (`-n ▮`, `--namespace=▮`), by long name. */
  valueFor?: string;
}

/** The flags a command accepts: its own, then kubectl's global ones it does not shadow. */
export function flagsOf(command: CommandSpec | undefined): FlagSpec[] {
  const own = command?.flags ?? [];
  const names = new Set(own.map((f) => f.name));
  return [...own, ...globalFlags.filter((f) => !names.has(f.name))];
}

function findFlag(specs: FlagSpec[], word: string): FlagSpec | undefined {
  if (word.startsWith('--')) return specs.find((f) => f.name === word.slice(2).split('=')[0]);
  return specs.find((f) => f.shorthand !== undefined && f.shorthand === word.slice(1, 2));
}

/** Split `line` up to `cursor` and resolve the command path against `registry`. */
export function parseLine(line: string, cursor: number, registry: Record<string, CommandSpec>): CompletionLine {
  const before = line.slice(0, cursor);
  const from = Math.max(before.lastIndexOf(' '), before.lastIndexOf('\t')) + 1;
  const words = before.slice(0, from).split(/\s+/).filter(Boolean);
  let current = before.slice(from);
  const result: CompletionLine = { from, current, program: false, path: [], args: [], flags: new Map() };
  let i = 0;
  if (words[0] === 'kubectl' || words[0] === 'k') {
    result.program = true;
    i = 1;
  }
  let pending: FlagSpec | undefined;
  for (; i < words.length; i++) {
    const word = words[i];
    const command = result.path.at(-1);
    const specs = flagsOf(command);
    if (pending) {
      result.flags.set(pending.name, word);
      pending = undefined;
      continue;
    }
    if (word.startsWith('-') && word !== '-' && word !== '--') {
      const flag = findFlag(specs, word);
      const eq = word.indexOf('=');
      if (flag && flag.type !== 'bool' && eq < 0 && !(word.startsWith('-') && !word.startsWith('--') && word.length > 2)) pending = flag;
      else if (flag) result.flags.set(flag.name, eq >= 0 ? word.slice(eq + 1) : word.length > 2 && !word.startsWith('--') ? word.slice(2) : 'true');
      continue;
    }
    // A word before any positional argument may name the verb or a subcommand.
    const next = result.args.length ? undefined
      : command ? command.subcommands?.find((s) => s.name === word || s.aliases?.includes(word))
        : registry[word] ?? Object.values(registry).find((s) => s.aliases?.includes(word));
    if (next) result.path.push(next);
    else result.args.push(word);
  }
  if (pending) result.valueFor = pending.name;
  else if (current.startsWith('--') && current.includes('=')) {
    const flag = findFlag(flagsOf(result.path.at(-1)), current);
    if (flag && flag.type !== 'bool') {
      result.valueFor = flag.name;
      const eq = current.indexOf('=') + 1;
      result.from += eq;
      current = current.slice(eq);
      result.current = current;
    }
  }
  return result;
}
