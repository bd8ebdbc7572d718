/**
 * The simulated `sh` (busybox flavour): runs a parsed script as a generator of actions — output,
 * sleep, exit — so a container's process can pause in virtual time at each `sleep` and resume when
 * the kubelet's timer fires. This file is the interpreter (lists, loops, expansions, redirections);
 * the commands themselves are in shell-builtins.ts. Files live in a small per-container map.
 */
import type { ShellNode, Word } from './shell-parse.ts';
import { parseShell, plainText, ShellSyntaxError } from './shell-parse.ts';
import type { PodNetwork } from '../../network/cluster-network.ts';
import type { NodeLogEntry } from './fluentd-node-logs.ts';
import type { ShellState } from './shell-builtins.ts';
import { builtin, ExitSignal } from './shell-builtins.ts';
import { fileSystemOf } from '../../storage/file-system.ts';
import { FileSystemError } from '../../storage/file-tree.ts';

export { formatDate } from './shell-builtins.ts';

/** What a running process does next. */
export type ProcessAction =
  | { kind: 'output'; text: string; stream: 'stdout' | 'stderr' }
  | { kind: 'sleep'; ms: number };

/** A process: yields actions, returns its exit code. */
export type ProcessRun = Generator<ProcessAction, number, void>;

/** What the shell can see of its container. */
export interface ShellContext {
  env: Record<string, string>;
  files: Map<string, string>;
  hostname: string;
  /** The pod's IP (status.podIP) when the kubelet passes it: what a server reports as its own address. */
  ip?: string;
  now(): number;
  /** An HTTP GET from inside the pod (`wget`), when the network is simulated. */
  fetch?(url: string): { status: number; body: string } | { error: string };
  /** The pod's view of the cluster network (DNS, Services, policies): `wget`, `curl`, `nslookup`. */
  network?: PodNetwork;
  /** New lines of every container log on this pod's node since `reader` last read (log shippers such as Fluentd). */
  nodeLogs?(reader: string): NodeLogEntry[];
  /** Programs the image has besides the shell's commands, by name (`perl` in the perl image). */
  programs?: Record<string, (args: string[]) => ProcessRun>;
}

/** Commands between two sleeps before a loop is treated as burning CPU: it yields 1 s. */
const busyLimit = 10_000;

/** Runs scripts against one container's environment and files. */
export class Shell {
  private vars: Record<string, string>;
  private status = 0;
  private steps = 0;

  constructor(private readonly ctx: ShellContext) {
    this.vars = { ...ctx.env, HOSTNAME: ctx.hostname };
  }

  /** Run `sh -c SCRIPT`. */
  *script(source: string): ProcessRun {
    let tree: ShellNode;
    try {
      tree = parseShell(source);
    } catch (error) {
      if (!(error instanceof ShellSyntaxError)) throw error;
      yield { kind: 'output', text: `sh: ${error.message}\n`, stream: 'stderr' };
      return 2;
    }
    try {
      return yield* this.run(tree);
    } catch (signal) {
      if (signal instanceof ExitSignal) return signal.code;
      throw signal;
    }
  }

  /** Run one command given as argv (a container `command` without a shell, an exec probe). */
  *command(argv: string[]): ProcessRun {
    try {
      return yield* builtin(this.state(), argv, undefined);
    } catch (signal) {
      if (signal instanceof ExitSignal) return signal.code;
      throw signal;
    }
  }

  private *run(node: ShellNode): Generator<ProcessAction, number, void> {
    switch (node.t) {
      case 'list': {
        for (const item of node.items) this.status = yield* this.run(item);
        return this.status;
      }
      case 'andor': {
        let status = yield* this.run(node.first);
        for (const { op, node: next } of node.rest) {
          if ((op === '&&') === (status === 0)) status = yield* this.run(next);
        }
        return (this.status = status);
      }
      case 'pipe': {
        // Pipes are rare in container commands: the last command's output and status count.
        let status = 0;
        for (const command of node.commands) status = yield* this.run(command);
        return status;
      }
      case 'group':
        return yield* this.run(node.body);
      case 'loop': {
        for (;;) {
          const cond = yield* this.run(node.cond);
          if ((cond === 0) === node.until) return (this.status = 0);
          yield* this.run(node.body);
          yield* this.breathe();
        }
      }
      case 'for': {
        const items = node.items ? node.items.flatMap((w) => this.expandWords(w)) : [];
        for (const item of items) {
          this.vars[node.name] = item;
          yield* this.run(node.body);
          yield* this.breathe();
        }
        return this.status;
      }
      case 'if': {
        for (const branch of node.branches) {
          if ((yield* this.run(branch.cond)) === 0) return yield* this.run(branch.body);
        }
        return node.otherwise ? yield* this.run(node.otherwise) : 0;
      }
      case 'simple':
        return yield* this.simple(node);
    }
  }

  /** A loop that never sleeps still takes time: every `busyLimit` commands cost a second. */
  private *breathe(): Generator<ProcessAction, void, void> {
    if (++this.steps >= busyLimit) {
      this.steps = 0;
      yield { kind: 'sleep', ms: 1000 };
    }
  }

  private *simple(node: Extract<ShellNode, { t: 'simple' }>): Generator<ProcessAction, number, void> {
    let words = node.words;
    // Leading NAME=value words are assignments.
    while (words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(plainText([words[0][0]]) ?? '')) {
      const first = words[0];
      const text = this.expandWord(first);
      const eq = text.indexOf('=');
      this.vars[text.slice(0, eq)] = text.slice(eq + 1);
      words = words.slice(1);
    }
    const argv = words.flatMap((w) => this.expandWords(w));
    if (!argv.length) return 0;
    if (!node.redirects.length) return (this.status = yield* builtin(this.state(), argv, undefined));
    const captured: string[] = [];
    const status = yield* builtin(this.state(), argv, captured);
    for (const redirect of node.redirects) {
      const path = this.expandWord(redirect.target);
      try {
        fileSystemOf(this.ctx.files, this.ctx.now).write(path, captured.join(''), redirect.append);
      } catch (error) {
        if (!(error instanceof FileSystemError)) throw error;
        // ash words a missing directory its own way; other errors are strerror's.
        yield { kind: 'output', text: `sh: can't create ${path}: ${error.errno === 'No such file or directory' ? 'nonexistent directory' : error.errno}\n`, stream: 'stderr' };
        return (this.status = 1);
      }
    }
    return (this.status = status);
  }

  /** The shell as its commands see it. */
  private state(): ShellState {
    const get = (): number => this.status;
    return {
      ctx: this.ctx,
      vars: this.vars,
      get status() {
        return get();
      },
      rested: () => {
        this.steps = 0;
      },
      subshell: (script) => new Shell({ ...this.ctx, env: this.vars }).script(script),
    };
  }

  /** Expand a word to one string (no field splitting). */
  private expandWord(word: Word): string {
    return word.map((segment) => {
      switch (segment.kind) {
        case 'sq': return segment.text;
        case 'lit': return this.expandVariables(segment.text);
        case 'dq': return this.expandVariables(segment.text);
        case 'cmd': return this.substitute(segment.text);
        case 'arith': return String(this.arithmetic(segment.text));
      }
    }).join('');
  }

  /** Expand a word to fields: unquoted expansions split on whitespace. */
  private expandWords(word: Word): string[] {
    const quoted = word.some((s) => s.kind === 'sq' || s.kind === 'dq');
    const text = this.expandWord(word);
    if (quoted) return [text];
    return text.split(/\s+/).filter((f) => f !== '');
  }

  private expandVariables(text: string): string {
    return text.replace(/\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*)|([?$#0-9]))/g,
      (_all, braced: string | undefined, fallback: string | undefined, bare: string | undefined, special: string | undefined) => {
        if (special === '?') return String(this.status);
        if (special === '$') return '1';
        if (special === '#') return '0';
        if (special !== undefined) return special === '0' ? 'sh' : '';
        const value = this.vars[(braced ?? bare)!];
        return value === undefined || (fallback !== undefined && value === '') ? fallback ?? '' : value;
      });
  }

  /** `$(cmd)`: run a command that does not sleep and take its output without the last newline. */
  private substitute(source: string): string {
    const inner = new Shell({ ...this.ctx, env: this.vars });
    const out: string[] = [];
    const run = inner.script(source);
    for (let step = run.next(); !step.done; step = run.next()) {
      if (step.value.kind === 'output' && step.value.stream === 'stdout') out.push(step.value.text);
    }
    return out.join('').replace(/\n+$/, '');
  }

  /** `$((…))`: integer arithmetic over + - * / % and parentheses. */
  private arithmetic(source: string): number {
    const expression = this.expandVariables(source).replace(/[A-Za-z_][A-Za-z0-9_]*/g, (name) => this.vars[name] ?? '0');
    if (!/^[\d\s+\-*/%()]*$/.test(expression)) return 0;
    const tokens = expression.match(/\d+|[+\-*/%()]/g) ?? [];
    let at = 0;
    const primary = (): number => {
      const t = tokens[at++];
      if (t === '(') { const v = sum(); at++; return v; }
      if (t === '-') return -primary();
      return Number(t ?? 0);
    };
    const product = (): number => {
      let v = primary();
      while (tokens[at] === '*' || tokens[at] === '/' || tokens[at] === '%') {
        const op = tokens[at++];
        const r = primary();
        v = op === '*' ? v * r : op === '/' ? Math.trunc(v / (r || 1)) : v % (r || 1);
      }
      return v;
    };
    const sum = (): number => {
      let v = product();
      while (tokens[at] === '+' || tokens[at] === '-') v = tokens[at++] === '+' ? v + product() : v - product();
      return v;
    };
    return sum();
  }

}
