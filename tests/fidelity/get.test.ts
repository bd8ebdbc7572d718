/**
 * Fidelity of the kubectl emulator: the same command lines run by the real kubectl (against
 * `kubelab serve`) and by the emulator (against the same Cluster object), compared byte for byte
 * — stdout, stderr and exit code. Time is the manual clock, so ages agree.
 */
import { execFile } from 'node:child_process';
import { existsSync, realpathSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cluster } from '../../engine/cluster.ts';
import { KubectlSession } from '../../engine/kubectl/index.ts';
import { realKubectlBinary } from './harness/runner.ts';
import { kubectlPath, noKubectlMessage, splitArgs, startRealKubectl, type KubectlResult, type RealKubectl, labKubeconfig } from '../support/kubectl.ts';
import { advance } from '../support/scenario.ts';


/**
 * Run the real kubectl 1.32 (not the PATH's dispatcher, whose root-level errors are cobra's
 * `Error: …`) with the lab's kubeconfig (no --server flag, so root-level errors are kubectl's own).
 */
function runReal(home: string, args: string[], binary = realKubectlBinary(home)): Promise<KubectlResult> {
  return new Promise((resolve) => {
    execFile(binary, args, { cwd: join(home, 'work'), env: { ...process.env, HOME: home, KUBECONFIG: join(home, 'kubeconfig') }, timeout: 30_000 }, (error, stdout, stderr) => {
      const code = error && typeof (error as { code?: unknown }).code === 'number' ? (error as { code: number }).code : error ? 1 : 0;
      resolve({ stdout, stderr, exitCode: code });
    });
  });
}

function create(cluster: Cluster, path: string, body: unknown): void {
  const response = cluster.handle({ method: 'POST', path, body, headers: { 'content-type': 'application/json' } });
  if (response.status >= 300) throw new Error(JSON.stringify(response.body));
}

const configMap = (name: string, namespace: string, labels: Record<string, string>, data: Record<string, string>): unknown =>
  ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace, labels }, data });

const deployment = {
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', labels: { app: 'web' } },
  spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } } },
};

/** Command lines (without the leading `kubectl`) compared between the real kubectl and the emulator. */
const commands = [
  'get pods', 'get pods -A', 'get ns', 'get namespaces --show-labels', 'get svc -A', 'get services -A -o wide',
  'get cm -n shop', 'get configmaps -n shop --no-headers', 'get cm,secrets -n shop', 'get all -n shop', 'get all',
  'get deploy', 'get deploy -o wide', 'get deployments.apps web -o yaml', 'get deploy/web -o json', 'get deploy -o name',
  'get cm -n shop -o yaml', 'get cm -n shop -o json', 'get cm -n shop -o name', 'get cm -n shop --show-labels',
  'get cm -n shop -L app -L tier', 'get cm -n shop -l app=web', 'get cm -A -l app --field-selector metadata.namespace=shop',
  'get cm -n shop --sort-by=.metadata.name', 'get cm -n shop --sort-by={.data.size}', 'get pod nothere',
  'get cm -n shop --sort-by={.metadata.name', 'get cm -A --sort-by={.metadata.name', 'get cm,secrets -n shop --sort-by={.metadata.name',
  'get cm -n shop --sort-by={.metadata.name -o name', 'get cm -n shop --sort-by=.metadata.nam', 'get pods --chunk-size=99999999999999999999',
  'get pod nothere --ignore-not-found', 'get cm alpha beta -n shop', 'get cm/alpha svc/db -n shop', 'get cm alpha nothere -n shop',
  'get cm alpha -n shop -o yaml', 'get deploymnt', 'get deploy/web pods', 'get pods --foo', 'get', 'get pods -o foo', 'gett pods',
  'get pods -n', 'get pods -x', 'get cm -n shop -o jsonpath={.items[*].metadata.name}',
  'get cm -n shop -o custom-columns=NAME:.metadata.name,APP:.metadata.labels.app', 'get nodes', 'get cm -n empty',
  'get pods,svc -A', 'get Deployment', 'get cm alpha -A', 'get cm alpha -l app=web -n shop', 'get cm -n shop -o wide',
  'api-versions', 'api-resources', 'api-resources -o wide', 'api-resources --namespaced=false', 'api-resources --api-group=apps -o name',
  'api-resources --sort-by=kind', 'api-resources -o foo', 'cluster-info', 'config view', 'config get-contexts', 'config current-context',
  'config use-context nope', 'version -o foo', 'foo', 'describ', '--foo get', 'get --help', 'version --help', 'api-resources --help',
  'config view --help', 'config set-context --help', 'get pods --context nope', 'config',
];

describe.skipIf(!kubectlPath)('kubectl emulator fidelity: get and friends', () => {
  let k: RealKubectl;
  let home: string;
  let session: KubectlSession;
  beforeAll(async () => {
    k = await startRealKubectl();
    home = dirname(k.workdir);
    writeFileSync(join(home, 'kubeconfig'), labKubeconfig(k.lab.url));
    const cluster = k.lab.control.cluster;
    session = new KubectlSession(cluster, { server: k.lab.url });
    create(cluster, '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } });
    create(cluster, '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'empty' } });
    create(cluster, '/api/v1/namespaces/shop/configmaps', configMap('alpha', 'shop', { app: 'web', tier: 'front' }, { size: '10', a: '1' }));
    advance(k, 200);
    create(cluster, '/api/v1/namespaces/shop/configmaps', configMap('beta', 'shop', { app: 'db' }, { size: '9' }));
    create(cluster, '/api/v1/namespaces/shop/configmaps', configMap('pod-10', 'shop', {}, {}));
    create(cluster, '/api/v1/namespaces/shop/secrets', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'token', namespace: 'shop' }, type: 'Opaque', data: { t: 'MQ==' } });
    create(cluster, '/api/v1/namespaces/shop/services', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'db', namespace: 'shop', labels: { app: 'db' } }, spec: { clusterIP: 'None', selector: { app: 'db' }, ports: [{ port: 5432 }] } });
    create(cluster, '/apis/apps/v1/namespaces/default/deployments', deployment);
    advance(k, 100);
  }, 60_000);
  afterAll(async () => {
    await k?.stop();
  });

  it.each(commands)('kubectl %s', async (line) => {
    const real = await runReal(home, splitArgs(line));
    expect(session.run(`kubectl ${line}`)).toEqual(real);
  });

  it('prints the version of the kubectl 1.32 binary the dispatcher runs', async () => {
    const binary = join(dirname(realpathSync(kubectlPath!)), 'kubectl.1.32');
    if (!existsSync(binary)) return console.warn('kubectl.1.32 is not beside kubectl: version --client not compared');
    expect(session.run('kubectl version --client')).toEqual(await runReal(home, ['version', '--client'], binary));
  });

  it('keeps the namespace set with set-context --current, as real kubectl does', async () => {
    const steps = ['config set-context --current --namespace=shop', 'get cm', 'config get-contexts', 'config set-context dev --namespace=dev', 'config use-context dev', 'get cm',
      'config set-context dev --cluster=kubelab --user=learner', 'config current-context', 'get cm', 'config view --minify'];
    for (const line of steps) {
      const real = await runReal(home, splitArgs(line));
      // klog's "Unhandled Error" lines carry a timestamp and a pid; the emulator leaves them out.
      real.stderr = real.stderr.replace(/^E\d{4} [\d:.]+ +\d+ memcache\.go:\d+\] .*\n/gm, '');
      expect(session.run(`kubectl ${line}`), line).toEqual(real);
    }
  });
});

if (!kubectlPath) console.warn(noKubectlMessage);
