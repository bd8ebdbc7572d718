// `kubectl top` and the metrics API: real kubectl 1.32 and the emulator on the same cluster, whose
// metrics-server add-on serves metrics.k8s.io.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startRealKubectl, kubectlPath, noKubectlMessage, type RealKubectl } from '../support/kubectl.ts';
import { KubectlSession } from '../../engine/kubectl/session.ts';

describe.skipIf(!kubectlPath)('kubectl top: real kubectl and the emulator agree', () => {
  let real: RealKubectl;
  let emulator: KubectlSession;
  beforeAll(async () => {
    real = await startRealKubectl({ seed: 4 });
    const cluster = real.lab.control.cluster;
    cluster.handle({ method: 'POST', path: '/api/v1/namespaces/default/pods', body: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } } });
    cluster.advance(60_000);
    emulator = new KubectlSession(cluster);
  }, 60_000);
  afterAll(async () => real?.stop());

  test.each([
    'top pod', 'top pod -A', 'top pod web --containers', 'top pod -l app=web --sum --no-headers', 'top node',
    'top node --show-capacity --sort-by=memory', 'top pod nope', 'top pod --sort-by=x', 'top pod -n kube-node-lease',
    'api-resources --api-group=metrics.k8s.io', 'get apiservice v1beta1.metrics.k8s.io',
  ])('kubectl %s', async (line) => {
    const r = await real.run(line);
    expect(emulator.run(`kubectl ${line}`)).toEqual({ stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode });
  }, 120_000);
});
if (!kubectlPath) console.warn(noKubectlMessage);
