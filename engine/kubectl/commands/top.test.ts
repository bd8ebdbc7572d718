import { beforeAll, describe, expect, test } from 'vitest';
import type { KubeObject } from '../../api/types.ts';
import { Cluster } from '../../cluster.ts';
import { installMetricsServer } from '../../metrics/test-helpers.ts';
import { KubectlSession } from '../session.ts';
import { registerCommand } from './index.ts';
import { goDurationString, topCommand } from './top.ts';

beforeAll(() => registerCommand(topCommand));

function pod(name: string, labels: Record<string, string>, image = 'nginx:1.27', extra: Record<string, unknown> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', labels }, spec: { containers: [{ name: 'main', image, ...extra }] } };
}

function setup(): { cluster: Cluster; kubectl: KubectlSession } {
  const cluster = new Cluster({ seed: 11, addons: false });
  installMetricsServer(cluster);
  const create = (body: KubeObject): void => void cluster.handle({ method: 'POST', path: '/api/v1/namespaces/default/pods', body });
  create(pod('web', { app: 'web' }));
  create(pod('cache', { app: 'cache' }, 'redis:7'));
  create({ ...pod('sidecar', { app: 'web' }), spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }, { name: 'log', image: 'busybox:1.36', command: ['sh', '-c', 'while true; do echo hi; sleep 1; done'] }] } });
  cluster.advance(60_000);
  return { cluster, kubectl: new KubectlSession(cluster) };
}

describe('kubectl top pod', () => {
  const { kubectl } = setup();
  test.each([
    // redis idles at 2m; nginx at 1m; the sidecar's shell loop (echo, sleep 1) costs under a millicore, rounded up.
    ['kubectl top pod', 'NAME      CPU(cores)   MEMORY(bytes)   \ncache     2m           4Mi             \nsidecar   2m           5Mi             \nweb       1m           3Mi             \n'],
    ['kubectl top pods -l app=web --no-headers', 'sidecar   2m    5Mi   \nweb       1m    3Mi   \n'],
    ['kubectl top po --sort-by=memory', 'NAME      CPU(cores)   MEMORY(bytes)   \nsidecar   2m           5Mi             \ncache     2m           4Mi             \nweb       1m           3Mi             \n'],
    ['kubectl top pod sidecar --containers', 'POD       NAME    CPU(cores)   MEMORY(bytes)   \nsidecar   log     1m           0Mi             \nsidecar   nginx   1m           4Mi             \n'],
    ['kubectl top pod sidecar --containers --sort-by=memory --no-headers', 'sidecar   nginx   1m    4Mi   \nsidecar   log     1m    0Mi   \n'],
    ['kubectl top pod -l app=web --sum', 'NAME      CPU(cores)   MEMORY(bytes)   \nsidecar   2m           5Mi             \nweb       1m           3Mi             \n          ________     ________        \n          3m           8Mi             \n'],
  ])('%s', (line, stdout) => {
    expect(kubectl.run(line)).toEqual({ stdout, stderr: '', exitCode: 0 });
  });

  test('-A adds the NAMESPACE column and sorts by namespace, then name', () => {
    const lines = kubectl.run('kubectl top pod -A').stdout.split('\n');
    expect(lines[0]).toMatch(/^NAMESPACE\s+NAME\s+CPU\(cores\)\s+MEMORY\(bytes\)\s+$/);
    expect(lines.slice(1, -1).map((l) => l.split(/\s+/).slice(0, 2).join('/'))).toEqual(['default/cache', 'default/sidecar', 'default/web', expect.stringMatching(/^kube-system\/metrics-server-/)]);
  });

  test.each([
    ['kubectl top pod --sort-by=name', 'error: --sort-by accepts only cpu or memory\n'],
    ['kubectl top pod web -l app=web', 'error: only one of NAME or selector can be provided\n'],
    ['kubectl top pod a b', "error: pod [NAME | -l label]\nSee 'kubectl top pod -h' for help and examples\n"],
    ['kubectl top pod nope', 'Error from server (NotFound): pods "nope" not found\n'],
  ])('error: %s', (line, stderr) => {
    expect(kubectl.run(line)).toEqual({ stdout: '', stderr, exitCode: 1 });
  });

  test('no pods, young pods, old pods without metrics', () => {
    const { cluster, kubectl: k } = setup();
    expect(k.run('kubectl top pod -n kube-node-lease')).toEqual({ stdout: '', stderr: 'No resources found in kube-node-lease namespace.\n', exitCode: 0 });
    cluster.handle({ method: 'POST', path: '/api/v1/namespaces/default/pods', body: pod('young', { app: 'young' }) });
    cluster.handle({ method: 'POST', path: '/api/v1/namespaces/default/pods', body: pod('stuck', { app: 'stuck' }, 'nginx:no-such-tag') });
    // By name, metrics-server's own NotFound; by selector, kubectl looks at the pods' ages.
    expect(k.run('kubectl top pod young')).toEqual({ stdout: '', stderr: 'Error from server (NotFound): podmetrics.metrics.k8s.io "default/young" not found\n', exitCode: 1 });
    expect(k.run('kubectl top pod -l app=young')).toEqual({ stdout: '', stderr: 'error: metrics not available yet\n', exitCode: 1 });
    cluster.advance(150_500);
    expect(k.run('kubectl top pod -l app=stuck')).toEqual({ stdout: '', stderr: 'error: Metrics not available for pod default/stuck, age: 2m30.5s\n', exitCode: 1 });
  });

  test('without the metrics API', () => {
    const k = new KubectlSession(new Cluster({ seed: 11, addons: false }));
    expect(k.run('kubectl top pod')).toEqual({ stdout: '', stderr: 'error: Metrics API not available\n', exitCode: 1 });
    expect(k.run('kubectl top node')).toEqual({ stdout: '', stderr: 'error: Metrics API not available\n', exitCode: 1 });
  });

  test('kubectl top alone prints its help to stderr and fails', () => {
    const result = kubectl.run('kubectl top');
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('Available Commands:\n  node          Display resource (CPU/memory) usage of nodes\n  pod           Display resource (CPU/memory) usage of pods\n');
  });
});

describe('kubectl top node', () => {
  test('usage against allocatable, or capacity; a node whose kubelet is down is <unknown>', () => {
    const { cluster, kubectl } = setup();
    const out = kubectl.run('kubectl top node').stdout;
    expect(out.split('\n')[0]).toBe('NAME            CPU(cores)   CPU(%)   MEMORY(bytes)   MEMORY(%)   ');
    expect(out).toContain('\ncontrol-plane   28m          0%       380Mi           4%          \n');
    expect(kubectl.run('kubectl top node control-plane --show-capacity --no-headers').stdout).toBe('control-plane   28m   0%    380Mi   4%    \n');
    cluster.kubelets.failNode('node-3');
    expect(kubectl.run('kubectl top node --sort-by=memory').stdout.split('\n').at(-2)).toBe('node-3          <unknown>    <unknown>   <unknown>       <unknown>   ');
    expect(kubectl.run('kubectl top node node-3')).toEqual({ stdout: '', stderr: 'Error from server (NotFound): nodemetrics.metrics.k8s.io "node-3" not found\n', exitCode: 1 });
  });
});

test.each([
  [0, '0s'], [999, '999ms'], [1000, '1s'], [150_500, '2m30.5s'], [3_600_000, '1h0m0s'], [3_723_450, '1h2m3.45s'],
])('goDurationString(%d) = %s', (ms, text) => expect(goDurationString(ms)).toBe(text));
