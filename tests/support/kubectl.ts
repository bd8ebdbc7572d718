/**
 * Running the real kubectl against `kubelab serve` in tests: a server on a free port with a manual
 * clock, a kubectl cache directory of its own, and clean-up of both.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { startLabServer, type LabServer } from '../../server/http.ts';
import { defaultServeOptions } from '../../server/options.ts';

function findKubectl(): string | undefined {
  try {
    return execFileSync('sh', ['-c', 'command -v kubectl'], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** The kubectl on the PATH, if any. Tests that need it skip with a message when there is none. */
export const kubectlPath = findKubectl();
export const noKubectlMessage = 'kubectl is not on the PATH: the real-kubectl tests are skipped';
if (!kubectlPath) console.warn(noKubectlMessage);

/**
 * The kubectl 1.32 binary itself when it sits beside the PATH's `kubectl` (there, a dispatcher that
 * starts a second process per call and answers some root-level errors itself), else that `kubectl`.
 */
export const kubectl132Path = kubectlPath && existsSync(join(dirname(realpathSync(kubectlPath)), 'kubectl.1.32'))
  ? join(dirname(realpathSync(kubectlPath)), 'kubectl.1.32')
  : kubectlPath;

/**
 * The real kubectl 1.32 for a lab home: a link named `kubectl` in HOME/bin (kubectl prints its own
 * name, from argv[0], in some messages), made once per home.
 */
export function realKubectlBinary(home: string): string {
  if (kubectl132Path === kubectlPath) return kubectlPath!;
  const link = join(home, 'bin', 'kubectl');
  if (!existsSync(link)) {
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(kubectl132Path!, link);
  }
  return link;
}

export interface KubectlResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export interface RealKubectl {
  lab: LabServer;
  /** Run `kubectl ARGS` against the lab; `files` are written to the working directory first. */
  run(args: string | string[], options?: { stdin?: string; files?: Record<string, string>; env?: Record<string, string> }): Promise<KubectlResult>;
  /** The working directory kubectl runs in. */
  workdir: string;
  stop(): Promise<void>;
}

/**
 * A kubeconfig naming the lab (context `kubelab`, user `learner`): running kubectl with it rather
 * than `--server` lets kubectl print its own root-level messages (unknown commands, plugins).
 */
export function labKubeconfig(server: string): string {
  return `apiVersion: v1
kind: Config
clusters:
- cluster:
    server: ${server}
  name: kubelab
contexts:
- context:
    cluster: kubelab
    user: learner
  name: kubelab
current-context: kubelab
users:
- name: learner
  user: {}
`;
}

/** Split a command line the simple way: whitespace, with single or double quotes grouping. */
export function splitArgs(line: string): string[] {
  const out: string[] = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(line))) out.push(m[1] ?? m[2] ?? m[3]);
  return out;
}

export async function startRealKubectl(options: { seed?: number } = {}): Promise<RealKubectl> {
  const lab = await startLabServer({ ...defaultServeOptions, port: 0, clock: 'manual', seed: options.seed ?? 1 });
  const home = mkdtempSync(join(tmpdir(), 'kubelab-kubectl-'));
  const workdir = join(home, 'work');
  mkdirSync(workdir);
  const cacheDir = join(home, 'cache');
  return {
    lab,
    workdir,
    run(args, runOptions = {}) {
      for (const [name, content] of Object.entries(runOptions.files ?? {})) {
        mkdirSync(dirname(join(workdir, name)), { recursive: true });
        writeFileSync(join(workdir, name), content);
      }
      const argv = Array.isArray(args) ? args : splitArgs(args);
      return new Promise((resolve) => {
        const child = execFile(realKubectlBinary(home), ['--server', lab.url, '--cache-dir', cacheDir, ...argv], {
          cwd: workdir,
          env: { ...process.env, HOME: home, KUBECONFIG: join(home, 'kubeconfig'), ...runOptions.env },
          timeout: 30_000,
        }, (error, stdout, stderr) => {
          const code = error && typeof (error as { code?: unknown }).code === 'number' ? (error as { code: number }).code : error ? 1 : 0;
          resolve({ stdout, stderr, exitCode: code });
        });
        // kubectl may exit before reading stdin (a usage error): the closed pipe is not a test failure.
        child.stdin?.on('error', () => {});
        if (runOptions.stdin !== undefined) child.stdin?.end(runOptions.stdin);
        else child.stdin?.end();
      });
    },
    async stop() {
      await lab.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
}

/** A few labs that tests borrow one at a time, so that independent cases run side by side. */
export interface LabPool {
  /** Run `work` on an idle lab (waiting for one if all are busy). */
  use<T>(work: (k: RealKubectl) => Promise<T>): Promise<T>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** A pool of `size` labs; start it in beforeAll and stop it in afterAll. */
export function labPool(size: number): LabPool {
  const all: RealKubectl[] = [];
  const idle: RealKubectl[] = [];
  const waiting: ((k: RealKubectl) => void)[] = [];
  return {
    async start() {
      // One after the other: building a cluster is synchronous work on this thread anyway.
      for (let i = 0; i < size; i++) all.push(await startRealKubectl());
      idle.push(...all);
    },
    async stop() {
      await Promise.all(all.map((k) => k.stop()));
    },
    async use(work) {
      const k = idle.pop() ?? (await new Promise<RealKubectl>((resolve) => waiting.push(resolve)));
      try {
        return await work(k);
      } finally {
        const next = waiting.shift();
        if (next) next(k);
        else idle.push(k);
      }
    },
  };
}
