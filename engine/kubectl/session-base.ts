/**
 * A learner's kubectl session: the simulated kubeconfig (contexts, the current namespace) that
 * `kubectl config` reads and changes, and the entry that runs one command line — shell-like
 * splitting, the `k` alias, pipes into grep/wc/head/tail — against the API client.
 *
 * The session runs the commands it is given: session.ts's KubectlSession has every verb, and the
 * lab's first answers (worker/first-answers.ts) need only `get`, without the code of the others.
 */
import type { ApiClient } from './client/api-client.ts';
import { KubectlError } from './client/api-client.ts';
import { credentialedClient } from './client/credentials.ts';
import { globalFlags, helpFlag, renderHelp, unknownCommandMessage, type CommandSpec, type Output, type StreamControl } from './command.ts';
import type { DeferredEdit } from './commands/edit-deferred.ts';
import type { PendingEdit } from './commands/edit-run.ts';
import { flagBool, flagString, parseFlags, type FlagSpec } from './flags.ts';
import { rootCommandOrder, rootHelp } from './root-text.ts';
import { runFilter } from './shell/pipes.ts';
import { splitCommandLine } from './shell/split.ts';

/** What a command line printed and how it ended. */
export interface KubectlResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** One context of the simulated kubeconfig. */
export interface KubeconfigContext {
  name: string;
  cluster: string;
  user: string;
  namespace?: string;
}

/** The simulated kubeconfig (~/.kube/config) of the session. */
export interface Kubeconfig {
  clusters: { name: string; server: string }[];
  contexts: KubeconfigContext[];
  currentContext: string;
  users: { name: string }[];
}

export interface SessionOptions {
  /** The API server address the kubeconfig names (cluster-info prints it). Default `http://127.0.0.1:8080`. */
  server?: string;
  /** The namespace of the current context; `default` when absent. */
  namespace?: string;
  /** The virtual clock (describe's ages); defaults to the client's `now()` when it has one (a Cluster does). */
  now?: () => number;
  /**
   * `kubectl edit`'s editor: gets the text to edit, returns the saved text, or undefined when it was
   * closed without saving. Called again for each reopening after an invalid save.
   */
  editor?: (text: string) => string | undefined;
  /**
   * The lab's terminal cannot block: `kubectl edit` stops where it would launch the editor and
   * leaves a pending edit (`pendingEdit()`), which `finishEdit(text)` continues. Wins over `editor`.
   */
  deferEdits?: boolean;
}

export type { PendingEdit } from './commands/edit-run.ts';

/** Options of one command line: the working directory's files (for `-f`) and stdin. */
export interface RunOptions {
  files?: Record<string, string>;
  stdin?: string;
}

/** Where a started command writes, chunk by chunk (the lab's terminal). */
export interface OutputSink {
  stdout(chunk: string): void;
  stderr(chunk: string): void;
}

/**
 * A command line started with `KubectlSessionBase.start`: most finish at once; `get -w` and `logs -f`
 * keep writing to the sink as virtual time moves the cluster, until they end or are cancelled.
 */
export interface RunningCommand {
  /** The exit code once finished; undefined while the command is still streaming. */
  readonly exitCode: number | undefined;
  /** Resolves with the exit code when the command finishes or is cancelled. */
  readonly exited: Promise<number>;
  /** Ctrl-C: close the watch or log stream; the exit code is 130, as a shell reports SIGINT. */
  cancel(): void;
}

/** The lab's kubeconfig: one cluster, one user, one context, all named after the lab. */
export function defaultKubeconfig(server: string, namespace?: string): Kubeconfig {
  return {
    clusters: [{ name: 'kubelab', server }],
    contexts: [{ name: 'kubelab', cluster: 'kubelab', user: 'learner', ...(namespace ? { namespace } : {}) }],
    currentContext: 'kubelab',
    users: [{ name: 'learner' }],
  };
}

/** The commands a session runs, by name. */
export type CommandTable = Readonly<Record<string, CommandSpec>>;

/** Find the command path the way cobra's Find does: skip flags (and the values of flags that take one). */
function findCommand(argv: string[], flags: FlagSpec[], commands: CommandTable): { spec?: CommandSpec; path: string[]; typed: string[]; firstWord?: string } {
  const takesValue = (token: string): boolean => {
    if (token.includes('=')) return false;
    if (token.startsWith('--')) return flags.find((f) => f.name === token.slice(2))?.type !== 'bool';
    return token.length === 2 && flags.find((f) => f.shorthand === token[1])?.type !== 'bool';
  };
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i];
    if (token === '--') break;
    if (token.startsWith('-') && token.length > 1) {
      if (takesValue(token)) i++;
      continue;
    }
    words.push(token);
  }
  const spec = commands[words[0]] ?? Object.values(commands).find((c) => c.aliases?.includes(words[0]));
  if (!spec) return { path: [], typed: [], firstWord: words[0] };
  // Walk down subcommands as far as the words name them (`create secret generic`, `create svc nodeport`).
  let current = spec;
  const path = [spec.name];
  const typed = [words[0]];
  for (const word of words.slice(1)) {
    const sub = current.subcommands?.find((s) => s.name === word || s.aliases?.includes(word));
    if (!sub) break;
    current = sub;
    path.push(sub.name);
    typed.push(word);
  }
  return { spec: current, path, typed };
}

/** The root command of `commands` an argument list runs (`edit` for `-n web edit deploy/web`), found as `kubectl` finds it. */
export function rootCommandIn(argv: string[], commands: CommandTable): string | undefined {
  return findCommand(argv, [...globalFlags, helpFlag], commands).path[0];
}

/** Remove the command path words as typed (first occurrences, in order; aliases too) from argv, keeping flags where they were. */
function withoutPath(argv: string[], typed: string[]): string[] {
  const out = [...argv];
  for (const word of typed) {
    const index = out.indexOf(word);
    if (index >= 0) out.splice(index, 1);
  }
  return out;
}

/** A kubectl emulator session over a table of commands: holds the kubeconfig and answers command lines through the API client. */
export class KubectlSessionBase {
  kubeconfig: Kubeconfig;
  /** The clock describe reads ages from, when one was given. */
  readonly now?: () => number;
  /** The editor `kubectl edit` opens, when one was given. */
  readonly editor?: (text: string) => string | undefined;
  /** Whether `kubectl edit` waits for `finishEdit` instead of calling `editor`. */
  readonly deferEdits: boolean;
  /** The edit waiting for the learner's editor; `kubectl edit` sets it and clears it when the run ends. */
  deferredEdit?: DeferredEdit;

  constructor(readonly api: ApiClient, options: SessionOptions, private readonly commands: CommandTable) {
    this.kubeconfig = defaultKubeconfig(options.server ?? 'http://127.0.0.1:8080', options.namespace);
    this.now = options.now;
    this.editor = options.editor;
    this.deferEdits = options.deferEdits ?? false;
  }

  /** What the editor must show for a deferred `kubectl edit`, or undefined when no edit waits. */
  pendingEdit(): PendingEdit | undefined {
    return this.deferredEdit?.pending;
  }

  /**
   * Continue the pending edit with the saved text (undefined: closed without saving). Returns what
   * kubectl printed from there on; a new `pendingEdit()` means the editor opens again (exit code 0
   * meanwhile). A command started with `start` also gets this output on its sink, and ends with it.
   */
  finishEdit(text: string | undefined): KubectlResult {
    if (!this.deferredEdit) return { stdout: '', stderr: 'kubelab: no kubectl edit is waiting for the editor\n', exitCode: 1 };
    return this.deferredEdit.finish(text);
  }

  /** The current context, if the kubeconfig names one that exists. */
  get context(): KubeconfigContext | undefined {
    return this.kubeconfig.contexts.find((c) => c.name === this.kubeconfig.currentContext);
  }

  /** The namespace commands use when `-n` is not given. */
  get namespace(): string {
    return this.context?.namespace || 'default';
  }

  /** Run a command line as typed in the terminal: `kubectl get pods -A | grep web`. */
  run(commandLine: string, options: RunOptions = {}): KubectlResult {
    const split = splitCommandLine(commandLine);
    if (!split.ok) return { stdout: '', stderr: `${split.error}\n`, exitCode: 2 };
    const [first, ...filters] = split.stages;
    if (first.length === 0) return { stdout: '', stderr: '', exitCode: 0 };
    const [program, ...argv] = first;
    let result: KubectlResult;
    if (program === 'kubectl' || program === 'k') result = this.kubectl(argv, options);
    else return { stdout: '', stderr: `${program}: command not found\n`, exitCode: 127 };
    let { stdout, exitCode } = result;
    let stderr = result.stderr;
    for (const words of filters) {
      const filtered = runFilter(words, stdout);
      if (!filtered) return { stdout: '', stderr: `${stderr}kubelab: ${words[0]} is not supported in this terminal (grep, wc, head and tail are)\n`, exitCode: 127 };
      ({ stdout, exitCode } = filtered);
      stderr += filtered.stderr;
    }
    return { stdout, stderr, exitCode };
  }

  /**
   * Start a command line in the terminal: output goes to `sink` as it is produced. Commands that
   * stream (`get -w`, `--watch-only`, `logs -f`) stay open, driven by the cluster's watches as
   * virtual time advances, until they end by themselves or `cancel()` (Ctrl-C) is called.
   * A line with pipes runs to completion as `run` does (streams are not piped).
   */
  start(commandLine: string, sink: OutputSink, options: RunOptions = {}): RunningCommand {
    let exitCode: number | undefined;
    let resolveExit: (code: number) => void = () => undefined;
    const exited = new Promise<number>((resolve) => { resolveExit = resolve; });
    let close: (() => void) | undefined;
    let live = false;
    let buffered: Output | undefined;
    const finish = (code: number): void => {
      if (exitCode !== undefined) return;
      exitCode = code;
      close?.();
      close = undefined;
      resolveExit(code);
    };
    const control: StreamControl = {
      write(stream, chunk) {
        if (exitCode !== undefined) return;
        if (live) sink[stream](chunk);
        else buffered?.[stream].push(chunk);
      },
      hold(closer) { close = closer; },
      end: finish,
    };
    const split = splitCommandLine(commandLine);
    const [first, ...filters] = split.ok ? split.stages : [[]];
    let result: KubectlResult;
    if (!split.ok || filters.length || first.length === 0 || (first[0] !== 'kubectl' && first[0] !== 'k')) {
      result = this.run(commandLine, options);
    } else {
      result = this.kubectl(first.slice(1), options, control, (out) => { buffered = out; });
    }
    if (result.stdout) sink.stdout(result.stdout);
    if (result.stderr) sink.stderr(result.stderr);
    live = true;
    // A command that failed after opening its stream is over too.
    if (!close || exitCode !== undefined || result.exitCode !== 0) finish(exitCode ?? result.exitCode);
    return {
      get exitCode() { return exitCode; },
      exited,
      cancel: () => finish(130),
    };
  }

  /** Run kubectl with already-split arguments (no pipes); `stream` lets `get -w` and `logs -f` stay open. */
  kubectl(argv: string[], options: RunOptions = {}, stream?: StreamControl, onOutput?: (out: Output) => void): KubectlResult {
    const out: Output = { stdout: [], stderr: [] };
    onOutput?.(out);
    const result = (exitCode: number): KubectlResult => ({ stdout: out.stdout.join(''), stderr: out.stderr.join(''), exitCode });
    const rootFlags = [...globalFlags, helpFlag];
    const found = findCommand(argv, rootFlags, this.commands);
    if (!found.spec) {
      const parsed = parseFlags(argv, rootFlags);
      if (!parsed.ok) {
        out.stderr.push(`error: ${parsed.error}\nSee 'kubectl --help' for usage.\n`);
        return result(1);
      }
      if (found.firstWord === undefined) {
        out.stdout.push(rootHelp);
        return result(0);
      }
      if (rootCommandOrder.includes(found.firstWord)) {
        out.stderr.push(`kubelab: "kubectl ${found.firstWord}" is not available in this lab yet\n`);
        return result(1);
      }
      out.stderr.push(unknownCommandMessage(found.firstWord, 'kubectl', rootCommandOrder));
      return result(1);
    }
    const spec = found.spec;
    // A command's own flag shadows a global one of the same name (set subject's --user).
    const globals = globalFlags.filter((g) => !spec.flags.some((f) => f.name === g.name));
    const parsed = parseFlags(withoutPath(argv, found.typed), [...spec.flags, ...globals, helpFlag]);
    if (!parsed.ok) {
      out.stderr.push(`error: ${parsed.error}\nSee 'kubectl ${found.path.join(' ')} --help' for usage.\n`);
      return result(1);
    }
    // pflag warns about a deprecated flag (`--record`) as it parses it, before the command runs.
    for (const flag of spec.flags) {
      if (flag.deprecated && parsed.parsed.values.has(flag.name)) out.stderr.push(`Flag --${flag.name} has been deprecated, ${flag.deprecated}\n`);
    }
    if (flagBool(parsed.parsed, 'help') || !spec.run) {
      out.stdout.push(renderHelp(spec, found.path.join(' ')));
      return result(0);
    }
    const contextName = flagString(parsed.parsed, 'context');
    const context = contextName ? this.kubeconfig.contexts.find((c) => c.name === contextName) : this.context;
    if (found.path[0] !== 'config' && found.path[0] !== 'version' && contextName && !context) {
      out.stderr.push(`Error in configuration: context was not found for specified context: ${contextName}\n`);
      return result(1);
    }
    const clientOnly = found.path[0] === 'config' || (found.path[0] === 'version' && flagBool(parsed.parsed, 'client'));
    if (!clientOnly && !this.kubeconfig.clusters.some((c) => c.name === context?.cluster)) {
      // No cluster in the context: kubectl falls back to localhost:8080, where nothing listens.
      out.stderr.push('The connection to the server localhost:8080 was refused - did you specify the right host or port?\n');
      return result(1);
    }
    const namespaceFlag = parsed.parsed.values.get('namespace');
    try {
      return result(spec.run({
        // The global credential flags (`--token`, `--as`, …) become headers, as client-go adds them; `config` builds no client.
        api: clientOnly ? this.api : credentialedClient(this.api, this, parsed.parsed),
        session: this,
        args: parsed.parsed.args,
        argv,
        spec,
        flags: parsed.parsed,
        namespace: (typeof namespaceFlag === 'string' && namespaceFlag) || context?.namespace || 'default',
        explicitNamespace: typeof namespaceFlag === 'string' && namespaceFlag !== '',
        files: options.files ?? {},
        stdin: options.stdin,
        out,
        ...(stream ? { stream } : {}),
      }));
    } catch (error) {
      if (!(error instanceof KubectlError)) throw error;
      out.stderr.push(`${error.text}\n`);
      return result(1);
    }
  }
}
