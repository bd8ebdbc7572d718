/**
 * How a container starts when its program is a shell, a shell command, busybox's sysctl applet
 * or polinux/stress rather than the image's own server: the script runs in the simulated `sh`,
 * metered for CPU, and a shell as PID 1 ignores SIGTERM as a real one does.
 */
import type { BehaviourName } from './catalogue.ts';
import type { ContainerProcess, ContainerSpec, StartFailure } from './behaviours.ts';
import type { ProcessRun, ShellContext } from './shell.ts';
import { Shell } from './shell.ts';
import { forever } from './simple-servers.ts';
import { behaviourProfiles, ContainerUsage, stressMemory } from '../../metrics/usage.ts';

const shells = new Set(['sh', 'ash', 'bash']);
const shellCommands = new Set(['echo', 'printf', 'sleep', 'date', 'env', 'printenv', 'hostname', 'cat', 'touch', 'rm', 'mkdir', 'true', 'false', 'test', 'wget', 'curl', 'nslookup']);

/** What the shell entry needs of the container being started. */
export interface ShellStart {
  behaviour: BehaviourName;
  /** The program's name without its directory (`sh` for `/bin/sh`). */
  program: string;
  argv: string[];
  spec: ContainerSpec;
  ctx: ShellContext;
  exec: (command: string[]) => ProcessRun;
  startedAt: number;
  pages: number;
}

/**
 * Start a shell, a shell command, sysctl or stress; undefined when the program is none of these
 * (the image's own server runs instead).
 */
export function startShellEntry(start: ShellStart): ContainerProcess | StartFailure | undefined {
  const { behaviour, program, argv, spec, ctx, exec, startedAt, pages } = start;
  const noServer = { ports: [] as number[], http: () => undefined };
  if (shells.has(program)) {
    // A shell as PID 1 has no SIGTERM handler: it is killed at the end of the grace period.
    const script = argv[1] === '-c' ? argv[2] ?? '' : undefined;
    // Without -c and without a terminal, sh reads an empty stdin and exits 0 at once; with
    // `stdin: true` its stdin stays open and it waits there for input that never comes.
    const usage = new ContainerUsage(behaviourProfiles.shell, startedAt, pages);
    const waiting = script === undefined && spec.stdin === true;
    const run = metered(new Shell(ctx).script(waiting ? 'sleep infinity' : script ?? ''), usage, ctx);
    return { ...noServer, run, term: 'ignore', exec, usage };
  }
  // busybox's sysctl applet (alpine, busybox images): the EFK addon's vm.max_map_count init container.
  if (program === 'sysctl' && behaviour === 'shell') return { ...noServer, run: sysctl(argv, spec.securityContext?.privileged === true), term: 'ignore', exec };
  if (shellCommands.has(program) || behaviour === 'shell') {
    if (!shellCommands.has(program)) {
      return { startError: `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "${argv[0]}": executable file not found in $PATH: unknown` };
    }
    const usage = new ContainerUsage(behaviourProfiles.shell, startedAt, pages);
    return { ...noServer, run: metered(new Shell(ctx).command([program, ...argv.slice(1)]), usage, ctx), term: 'ignore', exec, usage };
  }
  if (program === 'stress') return stress(argv, startedAt, exec, pages);
  return undefined;
}

/**
 * busybox `sysctl -w key=value` (the EFK init container's `vm.max_map_count=262144`): only a
 * privileged container may write kernel parameters; others find /proc/sys read-only.
 */
function* sysctl(argv: string[], privileged: boolean): ProcessRun {
  const settings = argv.slice(1).filter((a) => a.includes('='));
  for (const setting of settings) {
    const [key, value] = setting.split('=');
    if (!privileged) {
      yield { kind: 'output', text: `sysctl: error setting key '${key}': Read-only file system\n`, stream: 'stderr' };
      return 1;
    }
    yield { kind: 'output', text: `${key} = ${value}\n`, stream: 'stdout' };
  }
  return 0;
}

/**
 * A shell's CPU: each command it runs costs a little, and a loop that never sleeps burns a whole
 * core (the shell marks those seconds `busy`; see shell.ts's busyLimit).
 */
function* metered(run: ProcessRun, usage: ContainerUsage, ctx: ShellContext): ProcessRun {
  for (;;) {
    const step = run.next();
    if (step.done) return step.value;
    const action = step.value;
    if (action.kind === 'sleep' && (action as { busy?: boolean }).busy) usage.addWork(ctx.now(), action.ms);
    else usage.addWork(ctx.now(), action.kind === 'sleep' ? 0.5 : 0.2);
    yield action;
  }
}

/**
 * `stress --vm N --vm-bytes B --vm-hang S` (polinux/stress): prints its banner, allocates the
 * memory within a moment and holds it. Over the memory limit, the kernel's OOM killer ends it.
 */
function stress(argv: string[], startedAt: number, exec: (command: string[]) => ProcessRun, pages: number): ContainerProcess {
  const bytes = stressMemory(argv) ?? 0;
  const vm = argv.findIndex((a) => a === '--vm' || a === '-m');
  const workers = bytes && vm >= 0 ? Number(argv[vm + 1]) || 0 : 0;
  const usage = new ContainerUsage({ ...behaviourProfiles.stress, grow: bytes ? { bytes, afterMs: 200 } : undefined }, startedAt, pages);
  function* run(): ProcessRun {
    yield { kind: 'output', text: `stress: info: [1] dispatching hogs: 0 cpu, 0 io, ${workers} vm, 0 hdd\n`, stream: 'stderr' };
    for (;;) yield { kind: 'sleep', ms: forever };
  }
  return { ports: [], http: () => undefined, term: { afterMs: 0, exitCode: 0 }, run: run(), exec, usage };
}
