/**
 * The simulated shell's commands (busybox applets and sh builtins): echo, printf, sleep, date, env,
 * cat and the file commands, test, exit, sh -c, and the network tools. The interpreter (shell.ts)
 * expands a command's words and hands the argv here; what a command needs of the shell that runs
 * it (variables, the last status, a child shell) comes through `ShellState`.
 */
import type { ProcessAction, ProcessRun, ShellContext } from './shell.ts';
import { curl } from '../../network/curl.ts';
import { nslookup } from '../../network/nslookup.ts';
import type { ToolRun } from '../../network/nslookup.ts';
import { formatResolvConf } from '../../network/resolv-conf.ts';
import { wget } from '../../network/wget.ts';
import { fileCommand } from '../../storage/file-commands.ts';
import { fileSystemOf, isFileSystem } from '../../storage/file-system.ts';

/** `exit N`: unwinds the script to the shell that runs it. */
export class ExitSignal {
  constructor(readonly code: number) {}
}

/** What a command sees of the shell that runs it. */
export interface ShellState {
  readonly ctx: ShellContext;
  /** The shell's variables, changed in place (`export`, `for`). */
  readonly vars: Record<string, string>;
  /** `$?`: the last command's status. */
  readonly status: number;
  /** `sleep` ends a busy stretch: the busy-loop counter starts again. */
  rested(): void;
  /** `sh -c SCRIPT` as a child shell with the current variables. */
  subshell(script: string): ProcessRun;
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

/** Run one command: `capture` collects its stdout for a redirection. */
export function* builtin(shell: ShellState, argv: string[], capture: string[] | undefined): Generator<ProcessAction, number, void> {
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
      shell.rested();
      yield { kind: 'sleep', ms };
      return 0;
    }
    case 'date':
      yield* out(formatDate(shell.ctx.now(), args[0]?.startsWith('+') ? args[0].slice(1) : undefined) + '\n');
      return 0;
    case 'env':
    case 'printenv': {
      if (name === 'printenv' && args.length) {
        const value = shell.vars[args[0]];
        if (value === undefined) return 1;
        yield* out(value + '\n');
        return 0;
      }
      yield* out(Object.entries(shell.vars).map(([k, v]) => `${k}=${v}\n`).join(''));
      return 0;
    }
    case 'hostname':
      yield* out(shell.ctx.hostname + '\n');
      return 0;
    case 'cat': {
      let status = 0;
      for (const path of args) {
        const content = shell.ctx.files.get(path) ?? (path === '/etc/resolv.conf' && shell.ctx.network ? formatResolvConf(shell.ctx.network.resolvConf()) : undefined);
        if (content === undefined && fileSystemOf(shell.ctx.files, shell.ctx.now).stat(path)?.kind === 'dir') {
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
      const result = fileCommand(name, args, fileSystemOf(shell.ctx.files, shell.ctx.now), shell.ctx.now())!;
      if (result.stdout) yield* out(result.stdout);
      if (result.stderr) yield err(result.stderr);
      return result.status;
    }
    case 'chown':
    case 'chmod': {
      // Everything runs as root here, so only a missing path fails (EFK init containers `chown -R 1000:1000 DATA`).
      const paths = args.filter((a) => !a.startsWith('-')).slice(1);
      if (!paths.length) {
        const usage = name === 'chown' ? 'chown [-RhLHPcvf]... USER[:[GRP]] FILE...' : 'chmod [-Rcvf] MODE[,MODE]... FILE...';
        yield err(`BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: ${usage}\n`);
        return 1;
      }
      const files = shell.ctx.files;
      const missing = isFileSystem(files) ? paths.filter((p) => files.stat(p) === undefined) : [];
      for (const path of missing) yield err(`${name}: ${path}: No such file or directory\n`);
      return missing.length ? 1 : 0;
    }
    case 'ulimit': {
      // containerd's default RLIMIT_NOFILE is 1048576; root may set any value below it.
      const value = args.find((a) => !a.startsWith('-'));
      if (value === undefined) yield* out(args.includes('-n') ? '1048576\n' : 'unlimited\n');
      return 0;
    }
    case 'true':
    case ':':
    case 'export':
    case 'trap':
      if (name === 'export') for (const a of args) if (a.includes('=')) shell.vars[a.slice(0, a.indexOf('='))] = a.slice(a.indexOf('=') + 1);
      return 0;
    case 'false':
      return 1;
    case 'exit':
      throw new ExitSignal(args.length ? Number(args[0]) & 255 : shell.status);
    case 'test':
    case '[':
      return test(shell.ctx, name === '[' ? args.slice(0, -1) : args) ? 0 : 1;
    case 'sh':
      if (args[0] === '-c' && args[1] !== undefined) return yield* shell.subshell(args[1]);
      return 0;
    case 'wget':
    case 'curl':
    case 'nslookup': {
      const network = shell.ctx.network;
      if (network) {
        const run = name === 'nslookup' ? nslookup(args, network) : name === 'wget' ? wget(args, network.fetch) : curl(args, network.fetch);
        return yield* tool(shell.ctx, run, out);
      }
      if (name === 'nslookup') {
        yield* out(';; connection timed out; no servers could be reached\n\n');
        return 1;
      }
      const url = args.find((a) => /^https?:\/\//.test(a) || (!a.startsWith('-') && a.includes('.'))) ?? '';
      const answer = shell.ctx.fetch?.(url) ?? { error: 'bad address' };
      if ('error' in answer) {
        yield err(name === 'wget' ? `wget: ${answer.error} '${url.replace(/^https?:\/\//, '').split('/')[0]}'\n` : `curl: (6) Could not resolve host: ${url.replace(/^https?:\/\//, '').split(/[/:]/)[0]}\n`);
        return 1;
      }
      yield* out(answer.body);
      return answer.status < 400 ? 0 : 1;
    }
    default: {
      const program = shell.ctx.programs?.[name.slice(name.lastIndexOf('/') + 1)];
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
function* tool(ctx: ShellContext, run: ToolRun, out: (text: string) => Generator<ProcessAction, void, void>): Generator<ProcessAction, number, void> {
  for (const step of run.steps) {
    if (step.sleepMs) yield { kind: 'sleep', ms: step.sleepMs };
    if (step.stdout) yield* out(step.stdout);
    if (step.stderr) yield { kind: 'output', text: step.stderr, stream: 'stderr' };
  }
  for (const [path, content] of run.files ?? []) ctx.files.set(path, content);
  return run.code;
}

/** `test EXPR` and `[ EXPR ]`: strings, integers and files. */
function test(ctx: ShellContext, args: string[]): boolean {
  if (args[0] === '!') return !test(ctx, args.slice(1));
  if (args.length === 1) return args[0] !== '';
  if (args.length === 2) {
    const [op, value] = args;
    if (op === '-z') return value === '';
    if (op === '-n') return value !== '';
    if (op === '-e' && isFileSystem(ctx.files)) return ctx.files.stat(value) !== undefined;
    if (op === '-f' || op === '-e' || op === '-s') return ctx.files.has(value) && (op !== '-s' || ctx.files.get(value) !== '');
    // Without a volume manager the files are a flat map, which knows no directories.
    if (op === '-d') return isFileSystem(ctx.files) ? ctx.files.stat(value)?.kind === 'dir' : true;
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
