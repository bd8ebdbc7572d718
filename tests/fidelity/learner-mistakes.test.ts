/**
 * Fidelity of the kubectl emulator on a learner's everyday mistakes: missing arguments and flags,
 * bad values, missing objects, broken manifests. Each scenario runs on twin labs from the same seed,
 * the real kubectl 1.32 against one and the emulator against the other, and every command's
 * stdout, stderr and exit code, and the objects afterwards, must be identical.
 *
 * Left out because they cannot agree deterministically (see the fix report): `top pods` (the age
 * has the wall clock's nanoseconds), `cluster-info` (each lab's URL), `drain` of a node whose pods
 * fail two filters (kubectl groups the errors in a Go map), `apply -f https://…` (the machine's DNS),
 * `patch -p '{bad'` (the lab server's JSON decoder answers, not kubectl), deleting a running pod
 * (kubectl waits for a clock that only moves between steps).
 */
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KubectlSession } from '../../engine/kubectl/index.ts';
import { kubectlPath, noKubectlMessage, splitArgs } from '../support/kubectl.ts';
import { resetCluster } from '../support/scenario.ts';
import { compareScenario, runReal, useTwinLabs, type Scenario } from './twin-labs.ts';

const configMap = (name: string, extra = ''): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${extra}`;

const deployment = (kind: string, apiVersion = 'apps/v1'): string => `apiVersion: ${apiVersion}
kind: ${kind}
metadata:
  name: web
spec:
  replicas: 1
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: nginx
`;

/** Manifests as learners write them by mistake. */
const manifests: Record<string, string> = {
  'empty.yaml': '',
  'dashes.yaml': '---\n',
  'indent.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bad\n   namespace: default\n',
  'nokind.yaml': 'apiVersion: v1\nmetadata:\n  name: nokind\n',
  'unknown.yaml': configMap('extra', 'data:\n  a: "1"\ncolour: blue\n'),
  'v2.yaml': deployment('Deployment', 'apps/v2'),
  'lowercase.yaml': deployment('deployment'),
  'label-number.yaml': configMap('a1', '  labels:\n    version: 1.0\n'),
  // YAML 1.1, as kubectl reads it: `n` is false.
  'name-no.yaml': configMap('n'),
  'metadata-string.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: x\n',
  'two-docs.yaml': `${configMap('ok')}---\n${configMap('Bad_Name')}`,
};

const scenarios: Scenario[] = [
  {
    name: 'create and scale',
    steps: [
      'create deployment', 'create deployment web', 'create deployment Web --image=nginx', 'create deployment web --image=nginx --replicas=x',
      'create deployment web --image=nginx --port=99999', 'create deployment web --image=nginx', 'create cronjob c',
      'create cm c --from-literal=a=1 --from-literal=a=2', 'create cm c --from-literal=a/b=1', 'create secret generic s --from-literal=a=1 --from-literal=a=2',
      'create svc nodeport web --tcp=80:abc', 'create service clusterip web --tcp=80',
      'scale deployment web', 'scale deployment web --replicas=-1', 'scale deploy/nosuch --replicas=2', 'scale deployment web --replicas=abc',
      'scale deploy web --replicas=2 --resource-version=1', 'scale deploy web --replicas=3 --current-replicas=1',
    ],
    objects: ['deployment web', 'service web'],
  },
  {
    name: 'expose, rollout and set',
    steps: [
      'create deployment web --image=nginx',
      'expose deployment web', 'expose deploy/nosuch --port=80', 'expose deploy web --port=abc', 'expose deploy web --type=Foo --port=80',
      'expose deploy web --port=80 --labels=bad', 'expose deploy web --port=80,443',
      'rollout undo deployment/web --to-revision=99', 'rollout status deploy/nosuch', 'rollout history deploy web --revision=abc', 'rollout restart',
      'rollout pause deploy/web', 'rollout pause deploy/web', 'rollout foo deploy/web',
      'set image deployment/web nosuchcontainer=nginx:1.25', 'set image deployment/web nginx', 'set resources deploy/web --limits=cpu=abc',
    ],
    objects: ['deployment web', 'service web'],
  },
  {
    name: 'label and delete',
    steps: [
      'run x --image=nginx',
      'label pods x app=', 'label pod x app-', "label pod x 'bad key!=v'", 'label pod x app=v', 'label pod x app=v', 'label pod x app=w',
      'label pods --all -l app=x a=b', 'delete', 'delete pod', 'delete pods --all -l app=x', 'delete pod nosuch', 'delete -f missing.yaml',
    ],
    objects: ['pod x'],
  },
  {
    name: 'logs and exec',
    steps: [
      'create deployment web --image=nginx', { line: 'run solo --image=nginx', advance: 30 },
      'logs', 'logs nosuch', 'logs deploy/web -c nosuch', 'logs solo --tail=abc', 'logs solo extra more', 'logs solo --since=abc',
      'logs solo --since=1h --since-time=2026-01-01T00:00:00Z', 'logs solo --since=1h', 'exec -- ls', 'exec -it nosuch -- sh',
    ],
    objects: [],
  },
  {
    name: 'get, describe and edit',
    steps: [
      'get pods -o wide --show-labels -L', "get pod -l 'app in (a'", 'get nosuchkind', 'get pods --field-selector=spec.nodeName', 'get pods -n',
      'describe', 'describe nosuchkind', 'describe pod nosuch', 'edit', 'edit pod nosuch',
    ],
    objects: [],
  },
  {
    name: 'apply with broken files',
    files: manifests,
    steps: [
      'apply', 'apply -f', 'apply -f nosuch.yaml', 'apply -f empty.yaml', 'apply -f dashes.yaml', 'apply -f indent.yaml', 'apply -f nokind.yaml',
      'apply -f unknown.yaml', 'apply -f unknown.yaml --validate=abc', 'apply -f v2.yaml', 'apply -f lowercase.yaml', 'apply -f label-number.yaml',
      'apply -f name-no.yaml', 'apply -f metadata-string.yaml', 'apply -f two-docs.yaml',
    ],
    objects: ['configmap ok'],
  },
  {
    name: 'run',
    steps: [
      'run web', 'run web --image=nginx --restart=Sometimes', 'run web --image=nginx --port=abc', 'run web --image=nginx --env=FOO',
      'run web --image=nginx --labels=app', 'run web --image=nginx --image-pull-policy=Sometimes', 'run web --image=nginx', 'run web --image=nginx',
    ],
    objects: ['pod web'],
  },
  {
    name: 'old tutorials: --record, removed flags',
    steps: [
      'create deployment web --image=nginx', 'set image deploy/web nginx=nginx:1.25 --record', 'scale deploy web --replicas=2 --record',
      'label deploy web tier=front --record', 'annotate deploy web kubernetes.io/change-cause=manual', 'set image deploy/web nginx=nginx:1.26 -n default --record=true',
      'rollout history deploy/web', 'set resources deploy/web --limits=cpu=200m --record', 'scale deploy web --replicas=3 --record --dry-run=server',
      `patch deploy web -p {"spec":{"replicas":1}} --record`, 'run p --image=nginx --record', 'expose deploy web --port=80 --record',
      'create deployment w2 --image=nginx --record', 'run nginx --image=nginx --generator=run-pod/v1', 'run nginx --image=nginx --replicas=3',
    ],
    objects: ['deployment web', 'pod p', 'service web'],
  },
  {
    // The change cause goes into apply's last-applied annotation, but not into create --save-config's.
    name: 'old tutorials: --record on apply and create -f',
    files: { 'web.yaml': deployment('Deployment'), 'api.yaml': deployment('Deployment').replace('name: web', 'name: api'), 'db.yaml': deployment('Deployment').replace('name: web', 'name: db') },
    steps: [
      'apply -f web.yaml --record', 'create -f api.yaml --save-config --record', 'apply -f db.yaml --server-side --record',
      'set image deploy/web web=nginx:1.27 --record', 'rollout history deploy/web', 'apply -f web.yaml', 'rollout history deploy/web',
      'apply -f api.yaml --record --dry-run=client -o yaml',
    ],
    objects: ['deployment web', 'deployment api', 'deployment db'],
  },
  {
    name: 'nodes and parent commands',
    steps: ['cordon', 'cordon nosuch', 'drain node-3', 'taint node node-2 foo', 'rollout', 'set', 'create svc', 'create secret', 'create secret foo', 'top foo bar'],
    objects: ['node node-3'],
  },
];

describe.skipIf(!kubectlPath)('kubectl emulator fidelity: learner mistakes', () => {
  const labs = useTwinLabs();

  it.each(scenarios)('$name', async (scenario) => {
    expect((await compareScenario(labs.real, labs.twin, scenario)).join('\n')).toBe('');
  }, 120_000);

  it('a bare --dry-run warns as klog does and runs as a client dry run', async () => {
    const { real, twin } = labs;
    resetCluster(real);
    resetCluster(twin);
    const session = new KubectlSession(twin.lab.control.cluster, { server: twin.lab.url, now: () => Date.now() });
    // klog's header (time and process id) cannot agree; the rest of the line must.
    const klog = (text: string): string => text.replace(/^W\d{4} [\d:.]+ +\d+ /gm, 'W<klog> ');
    for (const line of ['create deployment web --image=nginx --dry-run', 'run web --image=nginx --dry-run -o name', 'create ns dev --dry-run=true']) {
      const args = splitArgs(line);
      const pending = runReal(dirname(real.workdir), args);
      const actual = session.kubectl(args);
      const expected = await pending;
      expect({ line, ...actual, stderr: klog(actual.stderr) }).toEqual({ line, ...expected, stderr: klog(expected.stderr) });
    }
  }, 60_000);
});

if (!kubectlPath) console.warn(noKubectlMessage);
