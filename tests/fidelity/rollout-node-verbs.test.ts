/**
 * Fidelity of the kubectl emulator's rollout, node and waiting verbs (rollout status/history/undo/
 * pause/resume/restart, cordon, uncordon, taint, drain, wait, events): two labs started from the
 * same seed with a manual clock; the real kubectl talks to one, the emulator to the other, with the
 * same commands, and stdout, stderr, exit codes and the resulting objects must be identical.
 *
 * The manual clock does not move while the real kubectl waits, so the emulator is given a client
 * without `advance`: a wait that is not already over ends in the same timeout on both sides.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubectlPath, noKubectlMessage, type RealKubectl } from '../support/kubectl.ts';
import { compareScenario, startTwinLabs, type Scenario } from './twin-labs.ts';

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
`;

const scenarios: Scenario[] = [
  {
    name: 'rollout status, history and undo',
    files: { 'web.yaml': deployment(2) },
    steps: [
      { line: 'apply -f web.yaml', advance: 60 }, 'rollout status deploy/web', 'rollout status deployment web --watch=false', 'rollout history deploy/web',
      'set image deploy/web nginx=nginx:1.28', 'rollout status deploy/web --watch=false', { line: 'rollout status deploy/web --timeout=1s', advance: 60 },
      'rollout history deployment/web', 'rollout history deploy web --revision=1', 'rollout history deploy web --revision=9', 'rollout history deploy web --revision=-1',
      'rollout undo deploy/web --to-revision=9', { line: 'rollout undo deploy/web', advance: 60 }, 'rollout history deploy/web', 'rollout undo deploy/web --to-revision=3',
      'rollout status deploy/web --revision=2', 'rollout status deploy/web --revision=3', 'rollout status deploy nothere', 'rollout status', 'rollout history',
      'rollout status cm/kube-root-ca.crt', 'rollout undo deploy/web --dry-run=client', 'rollout status deployment',
    ],
    objects: ['deployment web', 'replicasets -l app=web'],
  },
  {
    name: 'rollout pause, resume and their errors',
    files: { 'web.yaml': deployment(1) },
    steps: [
      { line: 'apply -f web.yaml', advance: 30 }, 'rollout pause deploy/web', 'rollout pause deploy/web', 'rollout undo deploy/web', 'rollout restart deploy/web',
      'rollout resume deploy/web', 'rollout resume deploy/web', 'rollout pause cm/kube-root-ca.crt', 'rollout pause deploy -l app=nothing', 'rollout', 'rollout foo',
    ],
    objects: ['deployment web'],
  },
  {
    // restartedAt is the wall clock's second, which both sides read within a few milliseconds; objects are not compared.
    name: 'rollout restart',
    files: { 'web.yaml': deployment(1) },
    steps: [{ line: 'apply -f web.yaml', advance: 30 }, 'rollout restart deploy/web', 'rollout restart deploy/nothere'],
    objects: [],
  },
  {
    name: 'cordon, uncordon and taint',
    steps: [
      'cordon node-1', 'cordon node-1', 'uncordon node-1', 'uncordon node-1', 'cordon', 'cordon nothere', 'cordon node-2 --dry-run=client',
      'cordon -l topology.kubernetes.io/zone=nowhere', 'taint nodes node-1 dedicated=gpu:NoSchedule', 'taint nodes node-1 dedicated=gpu:NoSchedule',
      'taint nodes node-1 dedicated=cpu:NoSchedule --overwrite', 'taint node node-1 other=x:PreferNoSchedule', 'taint nodes node-1 dedicated:NoSchedule-',
      'taint nodes node-1 dedicated-', 'taint nodes node-1 other-', 'taint nodes node-1 a=b:Bad', 'taint nodes node-1', 'taint nodes node-1 a=b:NoSchedule a-',
      'taint deploy web a=b:NoSchedule', 'taint nodes a=b:NoSchedule', 'taint nodes nothere a=b:NoSchedule', 'taint nodes node-2 a=b:NoSchedule b=c:NoExecute',
    ],
    objects: ['node node-1', 'node node-2'],
  },
  {
    // Every worker runs a system pod, and kubectl evicts concurrently (its error order varies): drains here reach one pod at most.
    name: 'drain refusals and a drain with nothing to evict',
    files: { 'solo.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: solo\n  labels:\n    run: solo\nspec:\n  nodeName: node-1\n  containers:\n  - name: solo\n    image: nginx:1.27\n' },
    steps: [
      { line: 'apply -f solo.yaml', advance: 30 }, 'drain node-1 --pod-selector=run=solo',
      'drain node-1 --pod-selector=run=nothing', 'drain node-1 --pod-selector=run=solo --force --dry-run=client', 'drain node-1 --pod-selector=run=solo --force --timeout=2s',
      'uncordon node-1', 'drain control-plane --pod-selector=tier=control-plane', 'drain control-plane --pod-selector=tier=control-plane --ignore-daemonsets',
      'drain', 'drain nothere', 'drain node-2 -l kubernetes.io/os=linux',
    ],
    objects: ['node node-1', 'node control-plane'],
  },
  {
    name: 'wait',
    files: { 'web.yaml': deployment(2) },
    steps: [
      { line: 'apply -f web.yaml', advance: 60 }, 'wait deploy/web --for=condition=Available', 'wait deploy/web --for condition=available --timeout=0',
      'wait deploy/web --for=condition=Available=false --timeout=1s', 'wait --for=delete cm/nothere', 'wait --for=jsonpath={.spec.replicas}=2 deploy/web',
      'wait --for=jsonpath={.status.phase}=Running pod -l app=web', 'wait --for=bogus deploy/web', 'wait deploy/nothere --for=condition=Available',
      'wait pods --all --for=condition=Ready', 'wait --for=jsonpath={.spec.replicas}=5 deploy/web --timeout=0',
      'wait --for=condition=Ready pod -l app=nothing',
    ],
    objects: [],
  },
  {
    name: 'events',
    files: { 'web.yaml': deployment(2) },
    steps: [
      'events', { line: 'apply -f web.yaml', advance: 60 }, 'events', 'events --for deploy/web', 'events --for=deployment/web --types=Normal', 'events --types=Warning',
      'events --types=Bogus', 'events --for web', 'events -n kube-system', 'events --no-headers --for deploy/web',
      'events --for deploy/web -o json', 'events --for deploy/web -o yaml', 'events --for deploy/web -o name', 'events -o wide',
      'events --for deploy/web -o jsonpath={.items[*].reason}', 'events --for deploy/web --template={{.kind}}',
      'events --for deploy/web -o go-template={{.kind}}:{{range .items}}{{.kind}}/{{len .metadata.managedFields}} {{end}}',
    ],
    objects: [],
  },
  {
    name: 'help texts',
    steps: ['rollout --help', 'rollout status --help', 'rollout history --help', 'rollout undo --help', 'rollout pause --help', 'rollout resume --help',
      'rollout restart --help', 'cordon --help', 'uncordon --help', 'taint --help', 'drain --help', 'wait --help', 'events --help'],
    objects: [],
  },
];

describe.skipIf(!kubectlPath)('kubectl emulator fidelity: rollout, node and waiting verbs', () => {
  let real: RealKubectl;
  let twin: RealKubectl;
  beforeAll(async () => {
    ({ real, twin } = await startTwinLabs());
  }, 120_000);
  afterAll(async () => {
    await Promise.all([real?.stop(), twin?.stop()]);
  });

  it.each(scenarios)('$name', async (scenario) => {
    expect((await compareScenario(real, twin, scenario)).join('\n')).toBe('');
  }, 180_000);
});

if (!kubectlPath) console.warn(noKubectlMessage);
