/**
 * Fidelity of quota and limit ranges as kubectl shows them: `get quota` / `get limits` tables,
 * `describe quota` / `describe limitrange`, `create quota`, and the Forbidden errors of the
 * LimitRanger and ResourceQuota admission plugins, with the Kubernetes website's own manifests.
 * Two labs start from the same seed with a manual clock; the real kubectl talks to one, the
 * emulator to the other, with the same commands, and everything printed must be identical.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KubectlSession } from '../../engine/kubectl/index.ts';
import { kubectlPath, noKubectlMessage, splitArgs, startRealKubectl, type KubectlResult, type RealKubectl, labKubeconfig } from '../support/kubectl.ts';
import { resetCluster } from '../support/scenario.ts';

interface Step {
  line: string;
  /** Seconds of virtual time to move both labs forward after the step. */
  advance?: number;
}

interface Scenario {
  name: string;
  files?: Record<string, string>;
  steps: (string | Step)[];
  /** `TYPE NAME` whose `-o yaml` must be identical on both labs afterwards. */
  objects: string[];
}

const corpus = '/work/shared/corpus/k8s-website-examples/admin/resource/';
/** The website's manifests, by file name. */
const files = (...names: string[]): Record<string, string> =>
  Object.fromEntries(names.map((name) => [name, readFileSync(join(corpus, name), 'utf8')]));

const scenarios: Scenario[] = [
  {
    name: 'compute quota: get, describe and the exceeded-quota error',
    files: files('quota-mem-cpu.yaml', 'quota-mem-cpu-pod.yaml', 'quota-mem-cpu-pod-2.yaml'),
    steps: [
      'apply -f quota-mem-cpu.yaml', 'get quota', 'describe quota mem-cpu-demo', { line: 'apply -f quota-mem-cpu-pod.yaml', advance: 10 },
      'get quota -o wide', 'describe namespace default', 'apply -f quota-mem-cpu-pod-2.yaml', 'run bare --image=nginx',
    ],
    objects: ['resourcequota mem-cpu-demo'],
  },
  {
    name: 'pod quota refuses a Deployment\'s third pod; create quota with scopes',
    files: files('quota-pod.yaml', 'quota-pod-deployment.yaml'),
    steps: [
      'apply -f quota-pod.yaml', { line: 'apply -f quota-pod-deployment.yaml', advance: 5 }, 'describe quota pod-demo',
      'create quota best-effort --hard=pods=1 --scopes=BestEffort', 'create quota counts --hard=count/deployments.apps=1,configmaps=5,services=2',
      'get quota', 'create deployment second --image=nginx', 'create quota bad --hard=pods=1 --scopes=Bogus',
    ],
    objects: ['resourcequota pod-demo', 'replicasets -l purpose=quota-demo'],
  },
  {
    // kubectl describes a LimitRange item's resources in Go map order (it varies run to run), so
    // the ranges described here limit one resource each.
    name: 'limit ranges: defaults, the annotation, and min/max errors',
    files: files('cpu-constraints.yaml', 'cpu-constraints-pod-2.yaml', 'memory-defaults.yaml', 'memory-defaults-pod.yaml', 'storagelimits.yaml', 'pvc-limit-greater.yaml'),
    steps: [
      'apply -f cpu-constraints.yaml', 'get limits', 'describe limits cpu-min-max-demo-lr', 'apply -f cpu-constraints-pod-2.yaml',
      'apply -f memory-defaults.yaml', 'apply -f memory-defaults-pod.yaml', 'apply -f storagelimits.yaml', 'apply -f pvc-limit-greater.yaml',
    ],
    objects: ['pod default-mem-demo', 'limitrange mem-limit-range'],
  },
];

/** Run the real kubectl with a kubeconfig (no --server flag, so its messages are its own). */
function runReal(home: string, args: string[]): Promise<KubectlResult> {
  return new Promise((resolve) => {
    const child = execFile(kubectlPath!, args, {
      cwd: join(home, 'work'), env: { ...process.env, HOME: home, KUBECONFIG: join(home, 'kubeconfig') }, timeout: 30_000,
    }, (error, stdout, stderr) => {
      const code = error && typeof (error as { code?: unknown }).code === 'number' ? (error as { code: number }).code : error ? 1 : 0;
      resolve({ stdout, stderr, exitCode: code });
    });
    child.stdin?.end('');
  });
}

describe.skipIf(!kubectlPath)('kubectl emulator fidelity: ResourceQuota and LimitRange', () => {
  let real: RealKubectl;
  let twin: RealKubectl;
  beforeAll(async () => {
    [real, twin] = await Promise.all([startRealKubectl(), startRealKubectl()]);
    for (const k of [real, twin]) writeFileSync(join(dirname(k.workdir), 'kubeconfig'), labKubeconfig(k.lab.url));
  }, 60_000);
  afterAll(async () => {
    await Promise.all([real?.stop(), twin?.stop()]);
  });

  it.each(scenarios)('$name', async (scenario) => {
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
      const expected = await runReal(dirname(real.workdir), args);
      const actual = session.kubectl(args, { files });
      if (JSON.stringify(actual) !== JSON.stringify(expected)) {
        differences.push(`kubectl ${step.line}\n  real:     ${JSON.stringify(expected)}\n  emulator: ${JSON.stringify(actual)}`);
      }
      if (step.advance) {
        for (const k of [real, twin]) k.lab.control.advance({ seconds: step.advance });
      }
    }
    for (const target of scenario.objects) {
      const args = ['get', ...splitArgs(target), '-o', 'yaml'];
      const [expected, actual] = await Promise.all([runReal(dirname(real.workdir), args), runReal(dirname(twin.workdir), args)]);
      if (expected.stdout !== actual.stdout || expected.stderr !== actual.stderr) {
        differences.push(`object ${target}\n  real:     ${JSON.stringify(expected)}\n  emulator: ${JSON.stringify(actual)}`);
      }
    }
    expect(differences.join('\n')).toBe('');
  }, 180_000);
});

if (!kubectlPath) console.warn(noKubectlMessage);
