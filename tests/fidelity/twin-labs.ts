/**
 * Twin labs for fidelity tests: two `kubelab serve` labs from the same seed with a manual clock.
 * The real kubectl 1.32 talks to one, the emulator to the other, with the same commands; a
 * scenario's stdout, stderr, exit codes and resulting objects must be identical.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { KubectlSession } from '../../engine/kubectl/index.ts';
import { labKubeconfig, realKubectlBinary, splitArgs, startRealKubectl, type KubectlResult, type RealKubectl } from '../support/kubectl.ts';
import { resetCluster } from '../support/scenario.ts';

/** One command line, and the virtual seconds both labs move forward after it. */
export interface Step {
  line: string;
  advance?: number;
}

/** Commands run on both labs, then objects compared. */
export interface Scenario {
  name: string;
  /** The working directory's files (for `-f`). */
  files?: Record<string, string>;
  steps: (string | Step)[];
  /** `TYPE NAME` whose `-o yaml` must be identical on both labs afterwards. */
  objects: string[];
}

/**
 * Run the real kubectl with the lab's kubeconfig (no --server flag, so its messages are its own),
 * and `env` on top (`KUBE_EDITOR` for the edit verbs, `PATH` for plugins).
 */
export function runReal(home: string, args: string[], env: Record<string, string> = {}): Promise<KubectlResult> {
  return new Promise((resolve) => {
    const child = execFile(realKubectlBinary(home), args, {
      cwd: join(home, 'work'), env: { ...process.env, HOME: home, KUBECONFIG: join(home, 'kubeconfig'), ...env }, timeout: 30_000,
    }, (error, stdout, stderr) => {
      const code = error && typeof (error as { code?: unknown }).code === 'number' ? (error as { code: number }).code : error ? 1 : 0;
      resolve({ stdout, stderr, exitCode: code });
    });
    child.stdin?.on('error', () => {});
    child.stdin?.end('');
  });
}

/** Start the twin labs, each with a kubeconfig the real kubectl reads. */
export async function startTwinLabs(): Promise<{ real: RealKubectl; twin: RealKubectl }> {
  const [real, twin] = await Promise.all([startRealKubectl(), startRealKubectl()]);
  for (const k of [real, twin]) writeFileSync(join(dirname(k.workdir), 'kubeconfig'), labKubeconfig(k.lab.url));
  return { real, twin };
}

/** The twin labs of one test file, started once and shared by every describe in it. */
let shared: Promise<{ real: RealKubectl; twin: RealKubectl }> | undefined;
/** Describes that still use the shared labs: the last one to finish stops them. */
let users = 0;

/**
 * Use the file's shared twin labs in the current describe: started in its beforeAll (once per
 * file), stopped after the last describe that uses them. Tests reset the clusters themselves
 * (compareScenario does), so one pair of servers, and one warm kubectl cache each, serve them all.
 */
export function useTwinLabs(): { readonly real: RealKubectl; readonly twin: RealKubectl } {
  let labs: { real: RealKubectl; twin: RealKubectl } | undefined;
  users++;
  beforeAll(async () => {
    shared ??= startTwinLabs();
    labs = await shared;
  }, 120_000);
  afterAll(async () => {
    if (--users > 0 || !shared) return;
    const done = await shared;
    shared = undefined;
    await Promise.all([done.real.stop(), done.twin.stop()]);
  });
  return {
    get real() { return labs!.real; },
    get twin() { return labs!.twin; },
  };
}

/** Reset both labs, run the scenario on each side, and return every difference (none: an empty list). */
export async function compareScenario(real: RealKubectl, twin: RealKubectl, scenario: Scenario): Promise<string[]> {
  resetCluster(real);
  resetCluster(twin);
  const files = scenario.files ?? {};
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(real.workdir, name)), { recursive: true });
    writeFileSync(join(real.workdir, name), content);
  }
  // No `advance` on this client: the real kubectl's wait cannot move the manual clock either.
  const cluster = twin.lab.control.cluster;
  const client = { handle: cluster.handle.bind(cluster) };
  // Real kubectl reads ages and restartedAt from the wall clock, so the emulator is given that clock.
  const session = new KubectlSession(client, { server: twin.lab.url, now: () => Date.now() });
  const differences: string[] = [];
  for (const raw of scenario.steps) {
    const step = typeof raw === 'string' ? { line: raw } : raw;
    const args = splitArgs(step.line);
    // The real kubectl process starts while the emulator answers in-process (separate servers).
    const pending = runReal(dirname(real.workdir), args);
    const actual = session.kubectl(args, { files });
    const expected = await pending;
    if (JSON.stringify(actual) !== JSON.stringify(expected)) {
      differences.push(`kubectl ${step.line}\n  real:     ${JSON.stringify(expected)}\n  emulator: ${JSON.stringify(actual)}`);
    }
    if (step.advance) {
      for (const k of [real, twin]) k.lab.control.advance({ seconds: step.advance });
    }
  }
  differences.push(...(await compareObjects(real, twin, scenario.objects)));
  return differences;
}

/** `TYPE NAME` targets whose `get -o yaml`, read by the real kubectl from each lab, differ (none: an empty list). */
export async function compareObjects(real: RealKubectl, twin: RealKubectl, targets: readonly string[]): Promise<string[]> {
  const differences: string[] = [];
  for (const target of targets) {
    const args = ['get', ...splitArgs(target), '-o', 'yaml'];
    const [expected, actual] = await Promise.all([runReal(dirname(real.workdir), args), runReal(dirname(twin.workdir), args)]);
    if (expected.stdout !== actual.stdout || expected.stderr !== actual.stderr) {
      differences.push(`object ${target}\n  real:     ${JSON.stringify(expected)}\n  emulator: ${JSON.stringify(actual)}`);
    }
  }
  return differences;
}

/**
 * A `KUBE_EDITOR` for the real kubectl in `workdir`: a script that keeps each text it is given
 * (read back with `realEditorTexts`) and replaces `edit[0]` with `edit[1]` on every line, as the
 * emulator's test editor does. Returns the environment to run kubectl with.
 */
export function realEditor(workdir: string, edit: [string, string]): Record<string, string> {
  mkdirSync(workdir, { recursive: true });
  writeFileSync(join(workdir, 'buffers.txt'), '');
  writeFileSync(join(workdir, 'edit.js'), `const fs = require('fs');\nconst file = process.argv[2];\nconst text = fs.readFileSync(file, 'utf8');\n`
    + `fs.appendFileSync(${JSON.stringify(join(workdir, 'buffers.txt'))}, text + '\\0');\n`
    + `fs.writeFileSync(file, text.split('\\n').map((line) => line.replace(${JSON.stringify(edit[0])}, ${JSON.stringify(edit[1])})).join('\\n'));\n`);
  return { KUBE_EDITOR: `${process.execPath} ${join(workdir, 'edit.js')}` };
}

/** The texts the real kubectl gave `realEditor`'s script, in order. */
export function realEditorTexts(workdir: string): string[] {
  return readFileSync(join(workdir, 'buffers.txt'), 'utf8').split('\0').slice(0, -1);
}
