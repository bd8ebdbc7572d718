/**
 * Fidelity of the kubectl emulator's writing verbs (apply, create, delete, replace, patch, label,
 * annotate, scale, run, expose, edit, logs, set image, describe): each scenario runs on two labs
 * started from the same seed. The real kubectl talks to one, the emulator to the other, with the
 * same prior commands; both clusters receive the same writes, so stdout, stderr, exit codes and
 * the resulting objects (`kubectl get … -o yaml`, read by the real kubectl from both) must be
 * identical byte for byte, uids and resourceVersions included.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KubectlSession } from '../../engine/kubectl/index.ts';
import { realKubectlBinary } from './harness/runner.ts';
import { kubectlPath, noKubectlMessage, splitArgs, startRealKubectl, type KubectlResult, type RealKubectl, labKubeconfig } from '../support/kubectl.ts';
import { resetCluster } from '../support/scenario.ts';


/** One command of a scenario: the line (without `kubectl`), stdin, and an edit as `[from, to]` for `kubectl edit`. */
interface Step {
  line: string;
  stdin?: string;
  edit?: [string, string];
  /** Seconds of virtual time to move both labs forward after the step. */
  advance?: number;
}

interface Scenario {
  name: string;
  files?: Record<string, string>;
  /** Commands run on both sides before the compared ones (their output is compared too). */
  steps: (string | Step)[];
  /** `TYPE NAME` (or `TYPE -l …`) whose `-o yaml` must be identical on both labs afterwards. */
  objects: string[];
}

const deployment = (replicas: number, image = 'nginx:1.27'): string => `apiVersion: apps/v1
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
        ports:
        - containerPort: 80
`;

const configMap = (name: string, data: Record<string, string>, extra = ''): string =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${extra}data:\n${Object.entries(data).map(([k, v]) => `  ${k}: "${v}"\n`).join('')}`;

const service = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
    targetPort: 80
`;

/** A custom resource definition that keeps any field (for `kubectl edit`'s merge patch). */
const gizmoCrd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: gizmos.example.com
spec:
  group: example.com
  names:
    kind: Gizmo
    plural: gizmos
    singular: gizmo
  scope: Namespaced
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        x-kubernetes-preserve-unknown-fields: true
`;

const scenarios: Scenario[] = [
  {
    name: 'client-side apply: created, unchanged, configured, dry runs, directories, stdin',
    files: {
      'web.yaml': deployment(2), 'web3.yaml': deployment(3), 'web-img.yaml': deployment(3, 'nginx:1.28'),
      'manifests/a-cm.yaml': configMap('settings', { mode: 'fast' }), 'manifests/b-svc.yaml': service, 'manifests/notes.txt': 'not a manifest',
    },
    steps: [
      'apply -f web.yaml', 'apply -f web.yaml', 'apply -f web3.yaml', 'apply -f web3.yaml --dry-run=client', 'apply -f web-img.yaml --dry-run=server',
      'apply -f web-img.yaml', 'apply -f manifests', 'apply -f manifests/', 'apply -f nothere.yaml',
      { line: 'apply -f -', stdin: configMap('piped', { a: '1' }) }, { line: 'apply -f -', stdin: configMap('piped', { a: '2' }) },
    ],
    objects: ['deployment web', 'configmap settings', 'service web', 'configmap piped'],
  },
  {
    name: 'apply: namespaces, errors per document, missing annotation, server-side',
    files: {
      'shop.yaml': configMap('shop-cm', { a: '1' }, '  namespace: shop\n'),
      'mixed.yaml': `${configMap('good', { a: '1' })}---\napiVersion: v1\nkind: Gadget\nmetadata:\n  name: odd\n---\n${configMap('dup', { a: '1' })}`,
      'plain.yaml': configMap('plain', { key: 'b' }), 'plain-a.yaml': configMap('plain', { key: 'a' }),
      'ssa.yaml': configMap('ssa', { key: 'a' }), 'ssa2.yaml': configMap('ssa', { key: 'b' }),
    },
    steps: [
      'create namespace shop', 'apply -f shop.yaml -n default', 'apply -f shop.yaml', 'apply -f shop.yaml -n shop', 'apply -f mixed.yaml',
      'create -f plain-a.yaml', 'apply -f plain.yaml', 'apply --server-side -f ssa.yaml', 'apply --server-side --field-manager=other -f ssa2.yaml',
      'apply --server-side --field-manager=other --force-conflicts -f ssa2.yaml', 'apply -f shop.yaml --dry-run=bogus',
    ],
    objects: ['configmap shop-cm -n shop', 'configmap good', 'configmap plain', 'configmap ssa'],
  },
  {
    name: 'create -f and the generators',
    files: { 'cm.yaml': configMap('settings', { mode: 'fast' }) },
    steps: [
      'create -f cm.yaml', 'create -f cm.yaml', 'create deployment web --image=nginx:1.27 --replicas=2 --port=80', 'create namespace dev',
      'create configmap cfg --from-literal=b=2 --from-literal=a=1', 'create secret generic db --from-literal=password=s3cret',
      'create service clusterip db --tcp=5432:5432', 'create service nodeport np --tcp=80:8080 --node-port=30080',
      'create job once --image=busybox -- echo hi', 'create cronjob tick --image=busybox --schedule=*/5_*_*_*_* -- date',
      'create configmap dry --from-literal=a=b --dry-run=client -o yaml', 'create deployment noimage', 'create namespace dev',
      // Only the JSON and YAML printers drop managedFields.
      'create configmap mf --from-literal=a=b -o jsonpath={.metadata.managedFields[0].manager}',
    ],
    objects: ['configmap settings', 'deployment web', 'namespace dev', 'configmap cfg', 'secret db', 'service db', 'service np', 'job once', 'cronjob tick'],
  },
  {
    name: 'describe',
    files: { 'web.yaml': deployment(2), 'a.yaml': configMap('alpha', { a: '1' }, '  labels:\n    app: web\n'), 'b.yaml': configMap('beta', { b: '2' }, '  labels:\n    app: db\n') },
    steps: [
      'apply -f web.yaml', 'apply -f a.yaml', 'apply -f b.yaml', 'apply -f web.yaml', 'describe configmap alpha', 'describe cm/beta', 'describe cm -l app=web',
      'describe cm alpha beta', 'describe cm alp', 'describe pod nothere', 'describe deployment web', 'describe svc kubernetes', 'describe ns default',
    ],
    objects: ['configmap alpha'],
  },
  {
    name: 'delete',
    files: { 'a.yaml': configMap('alpha', { a: '1' }, '  labels:\n    app: web\n'), 'b.yaml': configMap('beta', { b: '2' }, '  labels:\n    app: db\n'), 'c.yaml': configMap('gamma', { c: '3' }) },
    steps: [
      'create -f a.yaml', 'create -f b.yaml', 'create -f c.yaml', 'create deployment web --image=nginx:1.27', 'delete cm alpha', 'delete cm alpha',
      'delete cm alpha --ignore-not-found', 'delete cm -l app=db', 'delete cm -l app=nothing', 'delete -f c.yaml', 'delete deployment web --cascade=orphan',
      'create -f a.yaml', 'delete cm/alpha --grace-period=0 --force', 'delete namespace default', 'delete cm', 'delete cm --all -n kube-public',
      'delete cm x --cascade=sideways', 'create namespace dev', 'delete ns dev --wait=false',
    ],
    objects: ['configmap -A', 'replicasets -l app=web'],
  },
  {
    name: 'label and annotate',
    files: { 'a.yaml': configMap('alpha', { a: '1' }, '  labels:\n    app: web\n') },
    steps: [
      'create -f a.yaml', 'label cm alpha tier=front', 'label cm alpha tier=front', 'label cm alpha tier=back', 'label cm alpha tier=back --overwrite',
      'label cm alpha tier-', 'label cm alpha nope-', 'label cm alpha', 'label cm nothere a=b', 'annotate cm alpha note=hello',
      'annotate cm alpha note=again', 'annotate cm alpha note=again --overwrite', 'annotate cm alpha note-', 'label cm -l app=web env=dev',
    ],
    objects: ['configmap alpha'],
  },
  {
    name: 'patch, scale and set image',
    files: { 'web.yaml': deployment(2) },
    steps: [
      'apply -f web.yaml', `patch deployment web -p {"spec":{"replicas":3}}`, `patch deployment web -p {"spec":{"replicas":3}}`,
      `patch deploy web --type merge -p {"metadata":{"labels":{"tier":"front"}}}`,
      `patch deploy web --type json -p [{"op":"replace","path":"/spec/replicas","value":4}]`, `patch cm nothere -p {"data":{"a":"b"}}`,
      'scale deployment web --replicas=5', 'scale deploy/web --replicas=1', 'scale deploy nothere --replicas=2', 'scale deploy web',
      'set image deployment/web nginx=nginx:1.28', 'set image deployment/web nginx=nginx:1.28', 'set image deploy/web nope=busybox',
    ],
    objects: ['deployment web'],
  },
  {
    name: 'replace, run, expose, edit',
    files: {
      'cm.yaml': configMap('swap', { mode: 'fast' }), 'cm2.yaml': configMap('swap', { mode: 'slow' }), 'ghost.yaml': configMap('ghost', { a: '1' }), 'web.yaml': deployment(2),
      'crd.yaml': gizmoCrd, 'gizmo.yaml': 'apiVersion: example.com/v1\nkind: Gizmo\nmetadata:\n  name: one\nspec:\n  size: 1\n  parts:\n  - a\n  - b\n',
    },
    steps: [
      'create -f cm.yaml', 'replace -f cm2.yaml', 'replace -f ghost.yaml', 'run nginx --image=nginx:1.27', 'run one --image=busybox --restart=Never --labels=app=one,tier=job --command -- sleep 3600',
      'run web2 --image=nginx --port=80 --env=MODE=fast', 'run nginx --image=nginx', 'apply -f web.yaml', 'expose deployment web --port=80 --target-port=8080',
      'expose pod nginx --port=80 --name=nginx-svc', { line: 'edit configmap swap', edit: ['mode: slow', 'mode: edited'] },
      { line: 'edit configmap swap', edit: ['nothing-to-change', 'x'] },
      { line: 'edit deployment web', edit: ['replicas: 2', 'replicas: 3'] },
      { line: 'edit configmap swap -o json', edit: ['"mode": "edited"', '"mode": "json"'] },
      { line: 'edit service web svc/nginx-svc', edit: ['sessionAffinity: None', 'sessionAffinity: ClientIP'] },
      // Invalid: the server refuses, the editor reopens with the reasons; the script saves it unchanged.
      { line: 'edit deployment web', edit: ['replicas: 3', 'replicas: -1'] },
      { line: 'edit configmap swap', edit: ['name: swap', 'name: swapped'] },
      { line: 'edit configmap swap', edit: ['namespace: default', 'namespace: kube-public'] },
      { line: 'edit configmap swap', edit: ['kind: ConfigMap', 'kind: [ConfigMap'] },
      { line: 'edit configmap swap --output-patch', edit: ['mode: json', 'mode: patched'] },
      { line: 'edit configmap swap svc/web', edit: ['mode: patched', 'mode: both'] },
      { line: 'edit configmap swap -o name', edit: ['mode: both', 'mode: named'] },
      { line: 'edit configmap -l app=nothing', edit: ['x', 'y'] },
      { line: 'edit configmap swap nothere', edit: ['mode: both', 'mode: lost'] },
      // An emptied file fails kubectl's own validation first ("invalid object to validate"), then is saved again unchanged.
      { line: 'edit configmap swap', edit: ['.*', ''] },
      { line: 'edit configmap swap', edit: ['^kind: ConfigMap', ''] },
      { line: 'edit configmap swap --validate=false', edit: ['kind: ConfigMap', 'kind: [ConfigMap'] },
      { line: 'edit configmap swap -o json', edit: ['"mode": "both"', '"mode": }'] },
      { line: 'edit configmap swap --save-config', edit: ['mode: both', 'mode: saved'] },
      // A custom resource has no strategic-merge metadata: kubectl sends a JSON merge patch.
      { line: 'apply -f crd.yaml', advance: 5 }, 'create -f gizmo.yaml',
      { line: 'edit gizmo one --output-patch', edit: ['- b', '- c'] },
      { line: 'edit gizmo one', edit: ['name: one', 'name: two'] },
    ],
    objects: ['configmap swap', 'deployment web', 'pod nginx', 'pod one', 'pod web2', 'service web', 'service nginx-svc', 'gizmo one'],
  },
  {
    name: 'apply: removals, live changes by others, Lists, Services',
    files: {
      'web.yaml': deployment(2), 'web-noports.yaml': deployment(2).replace('        ports:\n        - containerPort: 80\n', ''),
      'svc.yaml': service, 'svc2.yaml': service.replace('targetPort: 80', 'targetPort: 8080'),
      'list.yaml': `apiVersion: v1\nkind: List\nitems:\n- ${configMap('one', { a: '1' }).replace(/\n/g, '\n  ')}\n- ${configMap('two', { b: '2' }).replace(/\n/g, '\n  ')}\n`,
    },
    steps: [
      'apply -f web.yaml', 'scale deploy web --replicas=4', 'apply -f web.yaml', 'label deploy web extra=yes', 'apply -f web-noports.yaml', 'apply -f web-noports.yaml',
      'apply -f svc.yaml', 'apply -f svc2.yaml', 'apply -f list.yaml', 'apply -f list.yaml', 'create deployment api --image=nginx --dry-run=server',
      'run tmp --image=busybox --dry-run=client -o yaml', 'expose deploy web', 'patch svc web -p spec:~__ports:~__-_port:_81', 'patch svc web --type=merge -p {"spec":{"ports":[{"port":82,"targetPort":80}]}}',
      'delete -f list.yaml', 'delete pod --all', 'set image deployment/web *=nginx:1.29', 'annotate deploy -l app=web team=blue',
    ],
    objects: ['deployment web', 'service web', 'configmap -l a'],
  },
  {
    name: 'argument errors, dry runs and preconditions',
    files: { 'web.yaml': deployment(2), 'a.yaml': configMap('alpha', { a: '1' }), 'b.yaml': configMap('beta', { b: '2' }) },
    steps: [
      'describe', 'delete', 'apply', 'create', 'replace', 'label', 'logs', 'set image', 'edit cm nothere', 'run nginx', 'create job j',
      'create cronjob c --image=busybox', 'create configmap bad --from-literal=novalue', 'apply -f web.yaml --validate=false',
      'create -f a.yaml --save-config', 'apply -f a.yaml', 'create -f b.yaml', 'delete cm alpha beta', 'patch deploy web',
      'scale --current-replicas=5 deploy web --replicas=2', 'scale deploy web --replicas=4 --dry-run=server', 'scale deploy web --replicas=4 --dry-run=client',
      'label deploy web x=y --dry-run=client', 'annotate deploy web a=1 b=2', 'annotate deploy web a=3',
      `patch deploy web --type json -p [{"op":"remove","path":"/spec/nothere"}]`, 'expose deploy web --type=NodePort --port=80 --name=np',
      'create secret generic basic --type=kubernetes.io/basic-auth --from-literal=username=a --from-literal=password=b',
      // kubectl sends a server dry run of DELETE in the DeleteOptions body; the lab's API server reads only the query
      // parameter, so the Deployment really goes and `--now` finds it NotFound on both labs (an API server bug).
      'delete deploy web --dry-run=client', 'delete deploy web --dry-run=server', 'delete deploy web --now',
    ],
    objects: ['configmap alpha', 'service np', 'secret basic', 'deployments'],
  },
  {
    name: 'help texts',
    steps: ['describe --help', 'apply --help', 'create --help', 'create deployment --help', 'create secret generic --help', 'create service nodeport --help',
      'delete --help', 'replace --help', 'patch --help', 'label --help', 'annotate --help', 'scale --help', 'run --help', 'expose --help',
      'edit --help', 'logs --help', 'set image --help', 'set --help'],
    objects: [],
  },
  {
    name: 'logs',
    files: { 'web.yaml': deployment(3) },
    steps: [
      { line: 'run solo --image=busybox', advance: 30 }, { line: 'apply -f web.yaml', advance: 30 }, 'logs solo', 'logs pod/solo --tail=1', 'logs solo -c nope',
      'logs deploy/web', 'logs nothere', 'logs solo --timestamps', 'logs deployment/web --tail=2 --timestamps', 'logs deploy/nothere',
      'describe pods -l app=web', 'describe deploy', 'delete pod -l app=web --wait=false', 'delete pod solo --force --grace-period=0',
      { line: 'get pods', advance: 10 }, 'describe rs',
    ],
    objects: ['pod solo'],
  },
];

/** Run the real kubectl 1.32 (not the PATH's dispatcher) with a kubeconfig (no --server flag, so its messages are its own). */
function runReal(home: string, args: string[], options: { stdin?: string; env?: Record<string, string> } = {}): Promise<KubectlResult> {
  return new Promise((resolve) => {
    const child = execFile(realKubectlBinary(home), args, {
      cwd: join(home, 'work'), env: { ...process.env, HOME: home, KUBECONFIG: join(home, 'kubeconfig'), ...options.env }, timeout: 30_000,
    }, (error, stdout, stderr) => {
      const code = error && typeof (error as { code?: unknown }).code === 'number' ? (error as { code: number }).code : error ? 1 : 0;
      resolve({ stdout, stderr, exitCode: code });
    });
    child.stdin?.end(options.stdin ?? '');
  });
}

/** `_` in a scenario line stands for a space inside one argument (cron schedules, YAML patches), `~` for a newline. */
const argsOf = (line: string): string[] => splitArgs(line).map((arg) => (arg.startsWith('--schedule=') || arg.startsWith('spec:') ? arg.replace(/_/g, ' ').replace(/~/g, '\n') : arg));

describe.skipIf(!kubectlPath)('kubectl emulator fidelity: the writing verbs', () => {
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
    let edit: [string, string] = ['', ''];
    // What each side's editor was given: the text a learner sees must be the same too.
    let buffers: string[] = [];
    // As the script's `sed 's/FROM/TO/'` does: the first match on every line.
    const editor = (text: string): string => {
      buffers.push(text);
      return text.split('\n').map((line) => line.replace(new RegExp(edit[0]), edit[1])).join('\n');
    };
    // Real kubectl reads ages against the wall clock, so the emulator is given that clock here.
    const session = new KubectlSession(twin.lab.control.cluster, { server: twin.lab.url, now: () => Date.now(), editor });
    const differences: string[] = [];
    for (const raw of scenario.steps) {
      const step = typeof raw === 'string' ? { line: raw } : raw;
      const args = argsOf(step.line);
      const env: Record<string, string> = {};
      if (step.edit) {
        edit = step.edit;
        buffers = [];
        // Each opening of the editor is kept (edit.sh appends it to buffers.txt, NUL-separated).
        writeFileSync(join(real.workdir, 'buffers.txt'), '');
        writeFileSync(join(real.workdir, 'edit.sh'), `#!/bin/sh\ncat "$1" >> ${join(real.workdir, 'buffers.txt')}\nprintf '\\0' >> ${join(real.workdir, 'buffers.txt')}\nsed -i 's/${step.edit[0]}/${step.edit[1]}/' "$1"\n`);
        env.KUBE_EDITOR = `sh ${join(real.workdir, 'edit.sh')}`;
      }
      const expected = await runReal(dirname(real.workdir), args, { stdin: step.stdin, env });
      const actual = session.kubectl(args, { files, stdin: step.stdin });
      // klog's header (time and pid of the process) cannot agree; the rest of the line must.
      for (const result of [expected, actual]) result.stderr = result.stderr.replace(/^E\d{4} [\d:.]+ +\d+ /gm, 'E<klog> ');
      // kubectl edit's temporary files have random names (the emulator numbers them).
      for (const result of [expected, actual]) result.stderr = result.stderr.replace(/\S*\/kubectl-edit-\d+\.(yaml|json)/g, '<tmp>/kubectl-edit-N.$1');
      if (JSON.stringify(actual) !== JSON.stringify(expected)) {
        differences.push(`kubectl ${step.line}\n  real:     ${JSON.stringify(expected)}\n  emulator: ${JSON.stringify(actual)}`);
      }
      if (step.edit) {
        const realBuffers = readFileSync(join(real.workdir, 'buffers.txt'), 'utf8').split('\0').slice(0, -1);
        if (JSON.stringify(realBuffers) !== JSON.stringify(buffers)) {
          differences.push(`kubectl ${step.line}: the editor's text\n  real:     ${JSON.stringify(realBuffers)}\n  emulator: ${JSON.stringify(buffers)}`);
        }
      }
      if (step.advance) {
        for (const k of [real, twin]) k.lab.control.advance({ seconds: step.advance });
      }
    }
    for (const target of scenario.objects) {
      const args = [...splitArgs(target).slice(0, 1), ...splitArgs(target).slice(1), '-o', 'yaml'];
      const [expected, actual] = await Promise.all([runReal(dirname(real.workdir), ['get', ...args]), runReal(dirname(twin.workdir), ['get', ...args])]);
      if (expected.stdout !== actual.stdout || expected.stderr !== actual.stderr) {
        differences.push(`object ${target}\n  real:     ${JSON.stringify(expected)}\n  emulator: ${JSON.stringify(actual)}`);
      }
    }
    expect(differences.join('\n')).toBe('');
  }, 120_000);
});

if (!kubectlPath) console.warn(noKubectlMessage);
