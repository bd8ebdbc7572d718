/**
 * The simulated `sh` and its commands (busybox flavour): runs a parsed script as a generator of
 * actions — output, sleep, exit — so a container's process can pause in virtual time at each
 * `sleep` and resume when the kubelet's timer fires. Files live in a small per-container map.
 */
import type { ShellNode, Word } from './shell-parse.ts';
import { parseShell, plainText, ShellSyntaxError } from './shell-parse.ts';
import type { PodNetwork } from '../../network/cluster-network.ts';
import type { NodeLogEntry } from './fluentd-node-logs.ts';
import { curl } from '../../network/curl.ts';
import { nslookup } from '../../network/nslookup.ts';
import type { ToolRun } from '../../network/nslookup.ts';
import { formatResolvConf } from '../../network/resolv-conf.ts';
import { wget } from '../../network/wget.ts';
import { fileCommand } from '../../storage/file-commands.ts';
import { fileSystemOf, isFileSystem } from '../../storage/file-system.ts';
import { FileSystemError } from '../../storage/file-tree.ts';

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

class ExitSignal {
  constructor(readonly code: number) {}
}

const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `date` as busybox prints it in a UTC container: `Thu Jan  1 00:00:05 UTC 2026`, or a `+FORMAT`. */
export function formatDate(ms: number, format?: string): string {
  const d = new Date(ms);
  const fields: Record<string, string> = {
    Y: String(d.getUTCFullYear()), m: pad(d.getUTCMonth() + 1), d: pad(d.getUTCDate()), H: pad(d.getUTCHours()),
    M: pad(d.getUTCMinutes()), S: pad(d.getUTCSeconds()), s: String(Math.floor(ms / 1000)), a: days[d.getUTCDay()],
    b: months[d.getUTCMonth()], Z: 'UTC', n: '\n', '%': '%',
  };
  fields.T = `${fields.H}:${fields.M}:${fields.S}`;
  fields.F = `${fields.Y}-${fields.m}-${fields.d}`;
  if (format === undefined) return `${fields.a} ${fields.b} ${String(d.getUTCDate()).padStart(2, ' ')} ${fields.T} UTC ${fields.Y}`;
  return format.replace(/%(.)/g, (all, c: string) => fields[c] ?? all);
}

/** Seconds as `sleep` reads them: `5`, `0.5`, `2m`, `1h`, `infinity`. Undefined when invalid. */
function sleepMs(arg: string): number | undefined {
  if (arg === 'infinity') return Number.MAX_SAFE_INTEGER / 2;
  const match = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(arg);
  if (!match) return undefined;
  const unit = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[match[2]]!;
  return Math.round(Number(match[1]) * unit * 1000);
}

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
      return yield* this.builtin(argv, undefined);
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
    if (!node.redirects.length) return (this.status = yield* this.builtin(argv, undefined));
    const captured: string[] = [];
    const status = yield* this.builtin(argv, captured);
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

  private *builtin(argv: string[], capture: string[] | undefined): Generator<ProcessAction, number, void> {
    const out = function* (text: string): Generator<ProcessAction, void, void> {
      if (capture) capture.push(text);
      else yield { kind: 'output', text, stream: 'stdout' };
    };
    const err = (text: string): ProcessAction => ({ kind: 'output', text, stream: 'stderr' });
    const [name, ...args] = argv;
    switch (name) {
      case 'echo': {
        let newline = true;
        while (args[0] === '-n' || args[0] === '-e') if (args.shift() === '-n') newline = false;
        yield* out(args.join(' ') + (newline ? '\n' : ''));
        return 0;
      }
      case 'printf': {
        const [format = '', ...values] = args;
        let index = 0;
        const text = format.replace(/%([sd%])/g, (_all, c: string) => (c === '%' ? '%' : values[index++] ?? (c === 'd' ? '0' : '')))
          .replace(/\\n/g, '\n').replace(/\\t/g, '\t');
        yield* out(text);
        return 0;
      }
      case 'sleep': {
        const ms = args.length ? sleepMs(args[0]) : undefined;
        if (ms === undefined) {
          yield err(args.length ? `sleep: invalid number '${args[0]}'\n` : 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: sleep [N]...\n');
          return 1;
        }
        this.steps = 0;
        yield { kind: 'sleep', ms };
        return 0;
      }
      case 'date':
        yield* out(formatDate(this.ctx.now(), args[0]?.startsWith('+') ? args[0].slice(1) : undefined) + '\n');
        return 0;
      case 'env':
      case 'printenv': {
        if (name === 'printenv' && args.length) {
          const value = this.vars[args[0]];
          if (value === undefined) return 1;
          yield* out(value + '\n');
          return 0;
        }
        yield* out(Object.entries(this.vars).map(([k, v]) => `${k}=${v}\n`).join(''));
        return 0;
      }
      case 'hostname':
        yield* out(this.ctx.hostname + '\n');
        return 0;
      case 'cat': {
        let status = 0;
        for (const path of args) {
          const content = this.ctx.files.get(path) ?? (path === '/etc/resolv.conf' && this.ctx.network ? formatResolvConf(this.ctx.network.resolvConf()) : undefined);
          if (content === undefined && fileSystemOf(this.ctx.files, this.ctx.now).stat(path)?.kind === 'dir') {
            yield err('cat: read error: Is a directory\n');
            status = 1;
          } else if (content === undefined) {
            yield err(`cat: can't open '${path}': No such file or directory\n`);
            status = 1;
          } else yield* out(content);
        }
        return status;
      }
      case 'touch':
      case 'rm':
      case 'mkdir':
      case 'ls':
      case 'cp':
      case 'mv':
      case 'wc': {
        const result = fileCommand(name, args, fileSystemOf(this.ctx.files, this.ctx.now), this.ctx.now())!;
        if (result.stdout) yield* out(result.stdout);
        if (result.stderr) yield err(result.stderr);
        return result.status;
      }
      case 'true':
      case ':':
      case 'export':
      case 'trap':
        if (name === 'export') for (const a of args) if (a.includes('=')) this.vars[a.slice(0, a.indexOf('='))] = a.slice(a.indexOf('=') + 1);
        return 0;
      case 'false':
        return 1;
      case 'exit':
        throw new ExitSignal(args.length ? Number(args[0]) & 255 : this.status);
      case 'test':
      case '[':
        return this.test(name === '[' ? args.slice(0, -1) : args) ? 0 : 1;
      case 'sh':
        if (args[0] === '-c' && args[1] !== undefined) return yield* new Shell({ ...this.ctx, env: this.vars }).script(args[1]);
        return 0;
      case 'wget':
      case 'curl':
      case 'nslookup': {
        const network = this.ctx.network;
        if (network) {
          const run = name === 'nslookup' ? nslookup(args, network) : name === 'wget' ? wget(args, network.fetch) : curl(args, network.fetch);
          return yield* this.tool(run, out);
        }
        if (name === 'nslookup') {
          yield* out(';; connection timed out; no servers could be reached\n\n');
          return 1;
        }
        const url = args.find((a) => /^https?:\/\//.test(a) || (!a.startsWith('-') && a.includes('.'))) ?? '';
        const answer = this.ctx.fetch?.(url) ?? { error: 'bad address' };
        if ('error' in answer) {
          yield err(name === 'wget' ? `wget: ${answer.error} '${url.replace(/^https?:\/\//, '').split('/')[0]}'\n` : `curl: (6) Could not resolve host: ${url.replace(/^https?:\/\//, '').split(/[/:]/)[0]}\n`);
          return 1;
        }
        yield* out(answer.body);
        return answer.status < 400 ? 0 : 1;
      }
      default: {
        const program = this.ctx.programs?.[name.slice(name.lastIndexOf('/') + 1)];
        if (program) {
          // Its stdout goes where the shell's does (a redirection, a $(…) capture).
          const run = program(args);
          for (let step = run.next(); ; step = run.next()) {
            if (step.done) return step.value;
            if (step.value.kind === 'output' && step.value.stream === 'stdout') yield* out(step.value.text);
            else yield step.value;
          }
        }
        yield err(`sh: ${name}: not found\n`);
        return 127;
      }
    }
  }

  /** Play a network tool's run: its output, the virtual time it waits (timeouts), the files it saves. */
  private *tool(run: ToolRun, out: (text: string) => Generator<ProcessAction, void, void>): Generator<ProcessAction, number, void> {
    for (const step of run.steps) {
      if (step.sleepMs) yield { kind: 'sleep', ms: step.sleepMs };
      if (step.stdout) yield* out(step.stdout);
      if (step.stderr) yield { kind: 'output', text: step.stderr, stream: 'stderr' };
    }
    for (const [path, content] of run.files ?? []) this.ctx.files.set(path, content);
    return run.code;
  }

  private test(args: string[]): boolean {
    if (args[0] === '!') return !this.test(args.slice(1));
    if (args.length === 1) return args[0] !== '';
    if (args.length === 2) {
      const [op, value] = args;
      if (op === '-z') return value === '';
      if (op === '-n') return value !== '';
      if (op === '-e' && isFileSystem(this.ctx.files)) return this.ctx.files.stat(value) !== undefined;
      if (op === '-f' || op === '-e' || op === '-s') return this.ctx.files.has(value) && (op !== '-s' || this.ctx.files.get(value) !== '');
      // Without a volume manager the files are a flat map, which knows no directories.
      if (op === '-d') return isFileSystem(this.ctx.files) ? this.ctx.files.stat(value)?.kind === 'dir' : true;
      return false;
    }
    const [left, op, right] = args;
    const a = Number(left);
    const b = Number(right);
    switch (op) {
      case '=': case '==': return left === right;
      case '!=': return left !== right;
      case '-eq': return a === b;
      case '-ne': return a !== b;
      case '-lt': return a < b;
      case '-le': return a <= b;
      case '-gt': return a > b;
      case '-ge': return a >= b;
    }
    return false;
  }
}
