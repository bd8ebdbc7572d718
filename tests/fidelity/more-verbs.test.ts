/**
 * Fidelity of explain, diff, autoscale and the `set` subcommands (env, resources, selector,
 * serviceaccount): each scenario runs on two labs started from the same seed, the real kubectl
 * against one and the emulator against the other, with the same commands; stdout, stderr, exit
 * codes and the resulting objects must be identical. `kubectl diff` writes to random temporary
 * directories and GNU diff prints their files' modification times: those two are normalised.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KubectlSession } from '../../engine/kubectl/index.ts';
import { kubectlPath, noKubectlMessage, realKubectlBinary, splitArgs } from '../support/kubectl.ts';
import { compareObjects, runReal, useTwinLabs } from './twin-labs.ts';
import { advance, requestCount, resetCluster, waitForRequest } from '../support/scenario.ts';

interface Scenario {
  name: string;
  files?: Record<string, string>;
  steps: string[];
  /** `TYPE NAME` whose `-o yaml` must be identical on both labs afterwards. */
  objects: string[];
}

const deployment = (replicas: number, image = 'nginx:1.27', extra = ''): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: ${image}
${extra}`;

const settings = `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  mode: fast
  log-level: debug
`;

const secret = (password: string): string => `apiVersion: v1
kind: Secret
metadata:
  name: creds
stringData:
  password: ${password}
  user: admin
`;

const service = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
`;

const bindings = `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: admins
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: admin
subjects:
- apiGroup: rbac.authorization.k8s.io
  kind: User
  name: alice
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: ops
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: view
subjects:
- apiGroup: rbac.authorization.k8s.io
  kind: Group
  name: ops
`;

const scenarios: Scenario[] = [
  {
    name: 'explain: resources, fields, --recursive, --api-version, enums, maps and errors',
    steps: [
      'explain pods', 'explain pods.spec.containers', 'explain deploy.spec.strategy --recursive', 'explain deployments.apps.spec.replicas',
      'explain svc.spec.type', 'explain cm.data', 'explain deploy --api-version=apps/v1', 'explain deploy --api-version=apps/v2',
      'explain pods.spec --recursive', 'explain ing.spec.rules.http.paths.backend', 'explain cronjobs.spec.jobTemplate.spec.template.spec.volumes.configMap',
      'explain foo', 'explain pods.bogus', 'explain pods.spec.containers.bogus', 'explain', 'explain pods svc', 'explain pods -o foo', 'explain --help',
    ],
    objects: [],
  },
  {
    name: 'diff: a new object, no change after apply, a changed file, a secret, server-side, errors',
    files: { 'web.yaml': deployment(2), 'web3.yaml': deployment(3, 'nginx:1.28'), 'cm.yaml': settings, 'creds.yaml': secret('s3cret'), 'creds2.yaml': secret('changed'), 'svc.yaml': service },
    steps: [
      'diff -f web.yaml', 'apply -f web.yaml', 'diff -f web.yaml', 'diff -f web3.yaml', 'diff -f web3.yaml --server-side',
      'apply -f creds.yaml', 'diff -f creds2.yaml', 'diff -f cm.yaml -f svc.yaml', 'diff -f missing.yaml', 'diff', 'diff --help',
    ],
    objects: ['deployment web'],
  },
  {
    name: 'autoscale: deployment, dry runs, -o yaml, errors',
    files: { 'web.yaml': deployment(2) },
    steps: [
      'apply -f web.yaml', 'autoscale deployment web --min=2 --max=5 --cpu-percent=80', 'autoscale deploy/web --max=3 --name=web-small',
      'autoscale deployment web --max=4 --dry-run=client -o yaml', 'autoscale deployment web --max=4 --name=web-ssd --dry-run=server',
      'autoscale deployment web --min=2', 'autoscale deployment web --min=5 --max=3', 'autoscale deployment missing --max=3',
      'autoscale deployment web --max=5', 'autoscale --help',
    ],
    objects: ['hpa web', 'hpa web-small'],
  },
  {
    name: 'set env: KEY=VAL, KEY-, --list, --from=configmap/x, --from=secret/x, --keys, --prefix, errors',
    files: { 'web.yaml': deployment(2), 'cm.yaml': settings, 'creds.yaml': secret('s3cret') },
    steps: [
      'apply -f web.yaml', 'apply -f cm.yaml', 'apply -f creds.yaml',
      'set env deployment/web MODE=fast LEVEL=3', 'set env deployment/web --list', 'set env deployment/web MODE=slow', 'set env deployment/web MODE=fast',
      'set env deployment/web LEVEL-', 'set env deployment/web --from=configmap/settings --keys=log-level', 'set env deployment/web --from=secret/creds --keys=user --prefix=DB_',
      'set env deployment/web --list', 'set env deployment/web A=1 --dry-run=client -o yaml', 'set env deployment/web 1BAD=x',
      'set env deployment/web A=1 A-', 'set env A=1 deployment/web', 'set env deployment/web --keys=x', 'set env deployment/missing A=1',
      'set env deployment/web -c sidecar A=1', 'set env --help',
    ],
    objects: ['deployment web'],
  },
  {
    name: 'set resources, set serviceaccount, set selector, set subject',
    files: { 'web.yaml': deployment(2), 'svc.yaml': service, 'rbac.yaml': bindings },
    steps: [
      'apply -f web.yaml', 'apply -f svc.yaml',
      'set resources deployment web --limits=cpu=200m,memory=512Mi --requests=cpu=0.1,memory=256Mi', 'set resources deployment web --limits=cpu=200m',
      'set resources deployment web -c nginx --requests=memory=1Gi', 'set resources deployment web -c nope --requests=memory=1Gi', 'set resources deployment web',
      'set resources deployment web --limits=cpu=lots', 'set serviceaccount deployment web builder', 'set sa deploy/web builder', 'set serviceaccount deployment web',
      'set selector service web app=web2,tier=fe', 'set selector service web app=web2,tier=fe', 'set selector deployment web app=x',
      'apply -f rbac.yaml', 'set subject rolebinding admins --user=bob --user=alice --group=devs --serviceaccount=:robot',
      'set subject rolebinding admins --user=bob', 'set subject rolebinding admins', 'set subject rolebinding admins --serviceaccount=robot',
      'set subject deployment web --user=x', 'set subject clusterrolebinding ops --serviceaccount=kube-system:ci',
      'set resources --help', 'set serviceaccount --help', 'set selector --help', 'set subject --help',
    ],
    objects: ['deployment web', 'service web', 'rolebinding admins', 'clusterrolebinding ops'],
  },
];


/** The only parts of `kubectl diff` that cannot agree: temporary directory numbers and file times. */
export function normaliseDiff(text: string): string {
  return text.replace(/\/tmp\/(LIVE|MERGED)-\d+/g, '/tmp/$1-N').replace(/\t\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{9} \+0000$/gm, '\t<mtime>');
}

describe.skipIf(!kubectlPath)('kubectl emulator fidelity: explain, diff, autoscale, set', () => {
  // One pair of labs for the file (shared with the streaming describe below); each test resets them.
  const labs = useTwinLabs();

  it.each(scenarios)('$name', async (scenario) => {
    const { real, twin } = labs;
    resetCluster(real);
    resetCluster(twin);
    const files = scenario.files ?? {};
    for (const [name, content] of Object.entries(files)) {
      mkdirSync(dirname(join(real.workdir, name)), { recursive: true });
      writeFileSync(join(real.workdir, name), content);
    }
    const session = new KubectlSession(twin.lab.control.cluster, { server: twin.lab.url, now: () => Date.now() });
    const differences: string[] = [];
    for (const line of scenario.steps) {
      const args = splitArgs(line);
      const pending = runReal(dirname(real.workdir), args);
      const actual = session.kubectl(args, { files });
      const expected = await pending;
      for (const result of [expected, actual]) {
        result.stdout = normaliseDiff(result.stdout);
        // klog's header (time and pid of the process) cannot agree; the rest of the line must.
        result.stderr = result.stderr.replace(/^E\d{4} [\d:.]+ +\d+ /gm, 'E<klog> ');
      }
      if (JSON.stringify(actual) !== JSON.stringify(expected)) {
        differences.push(`kubectl ${line}\n  real:     ${JSON.stringify(expected)}\n  emulator: ${JSON.stringify(actual)}`);
      }
    }
    differences.push(...(await compareObjects(real, twin, scenario.objects)));
    expect(differences.join('\n')).toBe('');
  }, 180_000);
});

describe.skipIf(!kubectlPath)('kubectl get -w in a streaming session, beside the real kubectl', () => {
  const labs = useTwinLabs();

  it.each([
    ['get pods -w --output-watch-events', 'pods'],
    ['get deploy -w', 'deployments'],
  ])('kubectl %s prints the same rows while pods come up', async (line, resource) => {
    const { real, twin } = labs;
    resetCluster(real);
    resetCluster(twin);
    const home = dirname(real.workdir);
    const seen = requestCount(real, 'watch', resource);
    let expected = '';
    const child = spawn(realKubectlBinary(home), splitArgs(line), { cwd: real.workdir, env: { ...process.env, HOME: home, KUBECONFIG: join(home, 'kubeconfig') } });
    child.stdout.on('data', (chunk: Buffer) => { expected += chunk.toString(); });
    const session = new KubectlSession(twin.lab.control.cluster, { server: twin.lab.url });
    let actual = '';
    const running = session.start(`kubectl ${line}`, { stdout: (chunk) => { actual += chunk; }, stderr: (chunk) => { actual += chunk; } });
    try {
      await waitForRequest(real, 'watch', resource, seen);
      const files = { 'web.yaml': deployment(2) };
      writeFileSync(join(real.workdir, 'web.yaml'), files['web.yaml']);
      await runReal(home, ['apply', '-f', 'web.yaml']);
      session.kubectl(['apply', '-f', 'web.yaml'], { files });
      for (const k of [real, twin]) advance(k, 30);
      // The real kubectl reads its events over HTTP: wait until it has printed as much.
      const deadline = Date.now() + 15_000;
      while (expected.length < actual.length && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(actual).toContain('web');
      expect(actual).toBe(expected);
    } finally {
      child.kill('SIGINT');
      running.cancel();
    }
    expect(await running.exited).toBe(130);
  }, 60_000);
});

if (!kubectlPath) console.warn(noKubectlMessage);
