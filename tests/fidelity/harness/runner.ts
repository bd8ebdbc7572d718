/**
 * Runs a scenario twice from the same seed: pass A with the real kubectl against one `kubelab
 * serve` (manual clock), pass B with the emulator against a second server, and records stdout,
 * stderr and exit code of every command on both sides. Time moves only through the control API's
 * `advance`, at the same points on both servers.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { KubectlSession } from '../../../engine/kubectl/index.ts';
import { labKubeconfig, realKubectlBinary, startRealKubectl, type KubectlResult, type RealKubectl } from '../../support/kubectl.ts';
import type { Scenario } from './scenario.ts';

/** The outcome of one command on both sides. */
export interface CommandResult {
  scenario: string;
  lineNumber: number;
  /** The command as the scenario writes it (the key of the known-differences table). */
  line: string;
  real: KubectlResult;
  emulator: KubectlResult;
  identical: boolean;
}

/** Two servers started from the same seed: A for the real kubectl, B for the emulator. */
export interface ServerPair {
  real: RealKubectl;
  twin: RealKubectl;
}

export async function startServerPair(): Promise<ServerPair> {
  const [real, twin] = await Promise.all([startRealKubectl(), startRealKubectl()]);
  return { real, twin };
}

export async function stopServerPair(pair: ServerPair): Promise<void> {
  await Promise.all([pair.real.stop(), pair.twin.stop()]);
}

/**
 * The only normalisation of output: klog's line header (`E1127 16:08:03.123456   12345 `) carries
 * the wall-clock time and the process id of the real kubectl; the rest of the line must agree.
 */
export function normalise(result: KubectlResult): KubectlResult {
  return { ...result, stderr: result.stderr.replace(/^([EWI])\d{4} [\d:.]+ +\d+ /gm, '$1<klog> ') };
}

/** The real kubectl 1.32 (tests/support/kubectl.ts explains the link); re-exported for the fidelity tests. */
export { realKubectlBinary };

/** Run the real kubectl with the lab's kubeconfig (no --server flag, so root-level messages are its own). */
function runReal(k: RealKubectl, args: string[], stdin: string | undefined): Promise<KubectlResult> {
  const home = dirname(k.workdir);
  return new Promise((resolve) => {
    const child = execFile(realKubectlBinary(home), args, {
      cwd: k.workdir, env: { ...process.env, HOME: home, KUBECONFIG: join(home, 'kubeconfig') }, timeout: 30_000, maxBuffer: 16 << 20,
    }, (error, stdout, stderr) => {
      const code = error && typeof (error as { code?: unknown }).code === 'number' ? (error as { code: number }).code : error ? 1 : 0;
      resolve({ stdout, stderr, exitCode: code });
    });
    // A kubectl that exits before reading its stdin (a usage error) closes the pipe: that is its answer, not a crash.
    child.stdin?.on('error', () => {});
    child.stdin?.end(stdin ?? '');
  });
}

/** The emulator's answer; a crash is recorded as a result (exit code -1) so that one bug does not stop the run. */
function runEmulator(session: KubectlSession, args: string[], options: { files: Record<string, string>; stdin?: string }): KubectlResult {
  try {
    return session.kubectl(args, options);
  } catch (error) {
    return { stdout: '', stderr: `emulator crashed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`, exitCode: -1 };
  }
}

function check(result: object): void {
  if ('error' in result) throw new Error(String(result.error));
}

/** Fresh clusters from the scenario's seed, an empty working directory and the lab's kubeconfig. */
function prepare(pair: ServerPair, seed: number): void {
  for (const k of [pair.real, pair.twin]) {
    check(k.lab.control.reset({ seed }));
    rmSync(k.workdir, { recursive: true, force: true });
    mkdirSync(k.workdir);
    // kubectl config set-context writes here, so every scenario starts from the same kubeconfig.
    writeFileSync(join(dirname(k.workdir), 'kubeconfig'), labKubeconfig(pair.real.lab.url));
  }
}

/**
 * Run every step of a scenario on both servers; returns one result per kubectl command.
 * `afterCommand` sees each result as it comes (cli.ts uses it to trace the servers' state).
 */
export async function runScenario(pair: ServerPair, scenario: Scenario, afterCommand?: (result: CommandResult) => void): Promise<CommandResult[]> {
  prepare(pair, scenario.seed);
  const cluster = pair.twin.lab.control.cluster;
  // The emulator as the control API runs it, with three environmental settings of the real kubectl:
  // the same server address in its kubeconfig, the wall clock for client-side ages (describe,
  // events, restartedAt), and a client without `advance`, since a waiting real kubectl cannot move
  // the manual clock either.
  const session = new KubectlSession({ handle: cluster.handle.bind(cluster) }, { server: pair.real.lab.url, now: () => Date.now() });
  const files: Record<string, string> = {};
  const results: CommandResult[] = [];
  for (const step of scenario.steps) {
    if (step.kind === 'file') {
      files[step.name] = step.content;
      mkdirSync(dirname(join(pair.real.workdir, step.name)), { recursive: true });
      writeFileSync(join(pair.real.workdir, step.name), step.content);
    } else if (step.kind === 'advance') {
      for (const k of [pair.real, pair.twin]) check(k.lab.control.advance({ seconds: step.seconds }));
    } else {
      // The real kubectl starts (a process of its own) while the emulator answers in-process; the
      // two servers are separate, so neither run can see the other's writes.
      const pending = runReal(pair.real, step.args, step.stdin);
      const emulator = normalise(runEmulator(session, step.args, { files: { ...files }, stdin: step.stdin }));
      const real = normalise(await pending);
      const identical = real.stdout === emulator.stdout && real.stderr === emulator.stderr && real.exitCode === emulator.exitCode;
      const result = { scenario: scenario.name, lineNumber: step.lineNumber, line: step.line, real, emulator, identical };
      results.push(result);
      afterCommand?.(result);
    }
  }
  return results;
}

/** A readable account of one difference: the first line that differs in each stream, and the exit codes. */
export function describeDifference(result: CommandResult): string {
  const parts = [`${result.scenario}:${result.lineNumber}  ${result.line}`];
  for (const stream of ['stdout', 'stderr'] as const) {
    const a = result.real[stream].split('\n');
    const b = result.emulator[stream].split('\n');
    const at = a.findIndex((line, i) => line !== b[i]);
    const first = at < 0 ? (a.length !== b.length ? Math.min(a.length, b.length) : -1) : at;
    if (first >= 0) parts.push(`  ${stream} line ${first + 1}\n    real:     ${JSON.stringify(a[first] ?? '<end>')}\n    emulator: ${JSON.stringify(b[first] ?? '<end>')}`);
  }
  if (result.real.exitCode !== result.emulator.exitCode) parts.push(`  exit code: real ${result.real.exitCode}, emulator ${result.emulator.exitCode}`);
  return parts.join('\n');
}
