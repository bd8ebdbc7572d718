/**
 * Fidelity of `kubectl debug`: two labs started from the same seed with a manual clock; the real
 * kubectl talks to one, the emulator to the other, with the same commands. stdout, stderr, exit
 * codes and the pods afterwards (ephemeral containers, copies) must be identical. Debug container
 * names are given with `-c` because kubectl's own are random; `-i` is left out because the real
 * kubectl would wait for a clock that only moves between steps.
 */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
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

// No service account token volume and no probes: the real kubectl creates a copy as protobuf, and
// kubelab's decoding of inlined members (VolumeSource, ProbeHandler) is not yet right.
const files = {
  'web.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels:\n    app: web\n  annotations:\n    note: debug-me\nspec:\n'
    + '  automountServiceAccountToken: false\n  containers:\n  - name: web\n    image: nginx:1.27\n',
};

const steps: (string | Step)[] = [
  { line: 'apply -f web.yaml', advance: 30 },
  'debug web --image=busybox -c dbg --profile=general',
  'debug web --image=busybox:1.36 -c dbg2 --profile=netadmin --target=web -- sleep 3600',
  'debug web --image=busybox -c dbg3 --profile=restricted --env=A=1 --image-pull-policy=IfNotPresent',
  'debug web --image=busybox -c dbg4 -q',
  'debug web --image=busybox -c dbg --profile=general',
  'debug web --image=busybox -c web --profile=sysadmin',
  'debug web --image=busybox -c x --target=nothere --profile=general',
  'debug web',
  'debug web --image=busybox --replace --profile=general',
  'debug web --image=busybox --image-pull-policy=Sometimes --profile=general',
  'debug nothere --image=busybox --profile=general',
  'debug deploy/nothere --image=busybox --profile=general',
  'debug cm/kube-root-ca.crt --image=busybox --profile=general',
  'debug web --copy-to=web-copy --set-image=*=nginx:1.28 --profile=general',
  'debug web --image=busybox --copy-to=web-copy2 -c dbg --share-processes=false --profile=baseline --keep-labels',
  'debug web --copy-to=web-copy3 --profile=general',
  'debug --help',
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

describe.skipIf(!kubectlPath)('kubectl emulator fidelity: debug', () => {
  let real: RealKubectl;
  let twin: RealKubectl;
  beforeAll(async () => {
    [real, twin] = await Promise.all([startRealKubectl(), startRealKubectl()]);
    for (const k of [real, twin]) writeFileSync(join(dirname(k.workdir), 'kubeconfig'), labKubeconfig(k.lab.url));
  }, 60_000);
  afterAll(async () => {
    await Promise.all([real?.stop(), twin?.stop()]);
  });

  it('ephemeral containers, copies and errors', async () => {
    resetCluster(real);
    resetCluster(twin);
    for (const [name, content] of Object.entries(files)) writeFileSync(join(real.workdir, name), content);
    const cluster = twin.lab.control.cluster;
    const session = new KubectlSession({ handle: cluster.handle.bind(cluster) }, { server: twin.lab.url, now: () => Date.now() });
    const differences: string[] = [];
    for (const raw of steps) {
      const step = typeof raw === 'string' ? { line: raw } : raw;
      const args = splitArgs(step.line);
      const expected = await runReal(dirname(real.workdir), args);
      const actual = session.kubectl(args, { files });
      if (JSON.stringify(actual) !== JSON.stringify(expected)) {
        differences.push(`kubectl ${step.line}\n  real:     ${JSON.stringify(expected)}\n  emulator: ${JSON.stringify(actual)}`);
      }
      if (step.advance) for (const k of [real, twin]) k.lab.control.advance({ seconds: step.advance });
    }
    for (const k of [real, twin]) k.lab.control.advance({ seconds: 30 });
    for (const target of ['pod web', 'pod web-copy', 'pod web-copy2']) {
      const args = ['get', ...splitArgs(target), '-o', 'yaml'];
      const [expected, actual] = await Promise.all([runReal(dirname(real.workdir), args), runReal(dirname(twin.workdir), args)]);
      if (expected.stdout !== actual.stdout || expected.stderr !== actual.stderr) {
        differences.push(`object ${target}\n  real:     ${JSON.stringify(expected)}\n  emulator: ${JSON.stringify(actual)}`);
      }
    }
    expect(differences.join('\n')).toBe('');
  }, 60_000);
});

if (!kubectlPath) console.warn(noKubectlMessage);
