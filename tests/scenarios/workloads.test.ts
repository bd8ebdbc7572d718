/**
 * Workload scenarios through the real kubectl against one `kubelab serve` with a manual clock
 * (virtual time moves only through `POST /kubelab/v1/advance`), each in its own namespace, in
 * sequence: an unschedulable pod and the scheduler's decision record, a broken image stuck and
 * undone, a StatefulSet whose claims outlive its pods, a Job and the docs' CronJob, a drain
 * blocked by a PodDisruptionBudget, the docs' HPA walkthrough (php-apache and a busybox load
 * generator), a DaemonSet following a new node, and a node failure whose pods are replaced once
 * the 300 s unreachable toleration runs out. Outputs are those of a kind v1.32 cluster; pod names
 * come from the seeded stream, so the scenarios must keep their order. Rolling updates, history
 * and the other rollout verbs are compared with the emulator in tests/fidelity/rollout-node-verbs.
 *
 * kubectl computes `describe` and `kubectl events` ages from its own wall clock, which a manual
 * virtual clock never matches; server-side tables (`get`, `get events`) carry virtual ages.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusDir, corpusPresent } from '../support/corpus.ts';
import { kubectlPath, startRealKubectl, type KubectlResult, type RealKubectl } from '../support/kubectl.ts';
import { table } from '../support/scenario.ts';

/** A manifest of the Kubernetes docs, as the shared corpus keeps it. */
const corpus = (path: string): string => readFileSync(join(corpusDir, 'k8s-website-examples', path), 'utf8');

const ok = (stdout: string): KubectlResult => ({ stdout, stderr: '', exitCode: 0 });

const webDeployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
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
        image: nginx:1.27
`;

/**
 * The docs' basic-daemonset.yaml without its init container: that one reads a `hostPath` of type
 * File (/etc/machine-id), which the simulated volumes mount as a directory so far.
 */
const nodeAgent = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: example-daemonset
spec:
  selector:
    matchLabels:
      app.kubernetes.io/name: example
  template:
    metadata:
      labels:
        app.kubernetes.io/name: example
    spec:
      containers:
      - name: pause
        image: registry.k8s.io/pause
`;

const fitError = (nodes: number, taints: string[], cpu: number): string =>
  `0/${nodes} nodes are available: ${taints.map((t) => `1 node(s) had untolerated taint {${t}: }`).join(', ')}, ${cpu} Insufficient cpu. ` +
  `preemption: 0/${nodes} nodes are available: ${taints.length} Preemption is not helpful for scheduling, ${cpu} No preemption victims found for incoming pod.`;

describe.skipIf(!kubectlPath || !corpusPresent)('workload scenarios through the real kubectl', () => {
  let k: RealKubectl;
  beforeAll(async () => { k = await startRealKubectl({ seed: 1 }); }, 120_000);
  afterAll(async () => { await k?.stop(); });

  const kubectl = (args: string | string[], files?: Record<string, string>): Promise<KubectlResult> => k.run(args, { files });
  /** The lab control API over HTTP, as a teacher's script would call it. */
  const control = async (path: string, body: unknown = {}): Promise<unknown> => {
    const response = await fetch(`${k.lab.url}/kubelab/v1/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(response.status).toBe(200);
    return response.json();
  };
  const advance = (seconds: number): Promise<unknown> => control('advance', { seconds });

  it('an unschedulable pod: Pending, FailedScheduling with the FitError text, and its decision record', async () => {
    const overrides = '{"spec":{"containers":[{"name":"huge","image":"nginx:1.27","resources":{"requests":{"cpu":"64"}}}]}}';
    expect(await kubectl(['run', 'huge', '--image=nginx:1.27', `--overrides=${overrides}`])).toEqual(ok('pod/huge created\n'));
    await advance(10);
    const message = fitError(4, ['node-role.kubernetes.io/control-plane'], 3);
    expect(await kubectl('get pods')).toEqual(ok(table([
      ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'],
      ['huge', '0/1', 'Pending', '0', '10s'],
    ])));
    expect(await kubectl('get events --field-selector involvedObject.name=huge')).toEqual(ok(table([
      ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'],
      ['10s', 'Warning', 'FailedScheduling', 'pod/huge', message],
    ])));
    expect(await kubectl('get podschedulingdecisions')).toEqual(ok(table([
      ['NAME', 'RESULT', 'NODE', 'FEASIBLE', 'ATTEMPT', 'AGE'],
      ['huge', 'Unschedulable', '<none>', '0/4', '1', '10s'],
    ])));
    const record = await kubectl(['get', 'psd', 'huge', '-o', 'jsonpath={.result} {.nodes[*].name}{"\\n"}{.nodes[1].filters[2]}{"\\n"}{.message}']);
    expect(record).toEqual(ok(`Unschedulable control-plane node-1 node-2 node-3\n{"plugin":"NodeResourcesFit","reasons":["Insufficient cpu"],"result":"Unschedulable"}\n${message}`));
    expect(await kubectl('delete pod huge')).toEqual(ok('pod "huge" deleted\n'));
    expect(await kubectl('get psd huge')).toEqual({
      stdout: '', stderr: 'Error from server (NotFound): podschedulingdecisions.scheduling.kubelab.dev "huge" not found\n', exitCode: 1,
    });
  }, 60_000);

  it('a broken image: the rollout stalls behind one ImagePullBackOff pod, and undo brings it back', async () => {
    expect(await kubectl('create namespace rollout')).toEqual(ok('namespace/rollout created\n'));
    expect(await kubectl('apply -n rollout -f web.yaml', { 'web.yaml': webDeployment })).toEqual(ok('deployment.apps/web created\n'));
    await advance(30);
    expect(await kubectl('set image -n rollout deployment/web nginx=nginx:1.27-typo')).toEqual(ok('deployment.apps/web image updated\n'));
    await advance(60);
    // 3 replicas, maxSurge 25% → 1, maxUnavailable 25% → 0: one new pod, and no old one goes until it is ready.
    expect(await kubectl('get pods -n rollout')).toEqual(ok(table([
      ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'],
      ['web-74d644cc78-bsrhp', '1/1', 'Running', '0', '90s'],
      ['web-74d644cc78-lnf4m', '1/1', 'Running', '0', '90s'],
      ['web-74d644cc78-qwcdv', '1/1', 'Running', '0', '90s'],
      ['web-d756cd499-262bc', '0/1', 'ImagePullBackOff', '0', '60s'],
    ])));
    expect(await kubectl('rollout status -n rollout deployment/web --timeout=1s')).toEqual({
      stdout: 'Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...\n',
      stderr: 'error: timed out waiting for the condition\n', exitCode: 1,
    });
    const reference = 'docker.io/library/nginx:1.27-typo';
    expect(await kubectl('get events -n rollout --field-selector type=Warning')).toEqual(ok(table([
      ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'],
      ['28s', 'Warning', 'Failed', 'pod/web-d756cd499-262bc', `Failed to pull image "nginx:1.27-typo": rpc error: code = NotFound desc = failed to pull and unpack image "${reference}": failed to resolve reference "${reference}": ${reference}: not found`],
      ['28s', 'Warning', 'Failed', 'pod/web-d756cd499-262bc', 'Error: ErrImagePull'],
      ['27s', 'Warning', 'Failed', 'pod/web-d756cd499-262bc', 'Error: ImagePullBackOff'],
    ])));
    expect(await kubectl('rollout undo -n rollout deployment/web')).toEqual(ok('deployment.apps/web rolled back\n'));
    await advance(30);
    expect(await kubectl('get rs,pods -n rollout')).toEqual(ok(table([
      ['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE'],
      ['replicaset.apps/web-74d644cc78', '3', '3', '3', '2m'],
      ['replicaset.apps/web-d756cd499', '0', '0', '0', '90s'],
    ]) + '\n' + table([
      ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'],
      ['pod/web-74d644cc78-bsrhp', '1/1', 'Running', '0', '2m'],
      ['pod/web-74d644cc78-lnf4m', '1/1', 'Running', '0', '2m'],
      ['pod/web-74d644cc78-qwcdv', '1/1', 'Running', '0', '2m'],
    ])));
  }, 60_000);

  it('a StatefulSet (the docs\' web.yaml): a deleted pod comes back under its name and gets its claim back', async () => {
    expect(await kubectl('create namespace sts')).toEqual(ok('namespace/sts created\n'));
    expect(await kubectl('apply -n sts -f web.yaml', { 'web.yaml': corpus('application/web/web.yaml') })).toEqual(ok('service/nginx created\nstatefulset.apps/web created\n'));
    await advance(60);
    const claims = async (): Promise<string> => (await kubectl(['get', 'pvc', '-n', 'sts', '-o', 'jsonpath={range .items[*]}{.metadata.name}={.spec.volumeName} {end}'])).stdout;
    const before = await claims();
    expect(before).toMatch(/^www-web-0=pvc-[0-9a-f-]{36} www-web-1=pvc-[0-9a-f-]{36} $/);
    expect(await kubectl('delete pod web-0 -n sts --wait=false')).toEqual(ok('pod "web-0" deleted\n'));
    await advance(30);
    expect(await claims()).toBe(before);
    const [, volume0, volume1] = /=(\S+) www-web-1=(\S+)/.exec(before)!;
    expect(await kubectl('get pods,pvc -n sts')).toEqual(ok(table([
      ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'],
      ['pod/web-0', '1/1', 'Running', '0', '30s'],
      ['pod/web-1', '1/1', 'Running', '0', '78s'],
    ]) + '\n' + table([
      ['NAME', 'STATUS', 'VOLUME', 'CAPACITY', 'ACCESS MODES', 'STORAGECLASS', 'VOLUMEATTRIBUTESCLASS', 'AGE'],
      ['persistentvolumeclaim/www-web-0', 'Bound', volume0, '1Gi', 'RWO', 'standard', '<unset>', '90s'],
      ['persistentvolumeclaim/www-web-1', 'Bound', volume1, '1Gi', 'RWO', 'standard', '<unset>', '78s'],
    ])));
  }, 60_000);

  it('a Job runs to completion; the docs\' CronJob starts one Job a minute', async () => {
    expect(await kubectl('create namespace batch')).toEqual(ok('namespace/batch created\n'));
    expect(await kubectl(['create', 'job', 'once', '-n', 'batch', '--image=busybox:1.36', '--', 'sh', '-c', 'echo Hello from a Job'])).toEqual(ok('job.batch/once created\n'));
    expect(await kubectl('apply -n batch -f cronjob.yaml', { 'cronjob.yaml': corpus('application/job/cronjob.yaml') })).toEqual(ok('cronjob.batch/hello created\n'));
    await advance(90);
    expect(await kubectl('get cronjobs,jobs,pods -n batch')).toEqual(ok(table([
      ['NAME', 'SCHEDULE', 'TIMEZONE', 'SUSPEND', 'ACTIVE', 'LAST SCHEDULE', 'AGE'],
      ['cronjob.batch/hello', '* * * * *', '<none>', 'False', '0', '10s', '90s'],
    ]) + '\n' + table([
      ['NAME', 'STATUS', 'COMPLETIONS', 'DURATION', 'AGE'],
      // Job names end in the scheduled minute since the epoch: 2026-01-01T00:04:00Z is minute 29453764.
      ['job.batch/hello-29453764', 'Complete', '1/1', '2s', '70s'],
      ['job.batch/hello-29453765', 'Complete', '1/1', '2s', '10s'],
      ['job.batch/once', 'Complete', '1/1', '2s', '90s'],
    ]) + '\n' + table([
      ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'],
      ['pod/hello-29453764-zg4lz', '0/1', 'Completed', '0', '70s'],
      ['pod/hello-29453765-b7phw', '0/1', 'Completed', '0', '10s'],
      ['pod/once-cvvwr', '0/1', 'Completed', '0', '90s'],
    ])));
    expect(await kubectl('logs job/once -n batch')).toEqual(ok('Hello from a Job\n'));
  }, 60_000);

  it('a drain blocked by a PodDisruptionBudget: the eviction is refused with 429 and kubectl gives up at its timeout', async () => {
    expect(await kubectl('create namespace pdb')).toEqual(ok('namespace/pdb created\n'));
    expect(await kubectl('create deployment zk -n pdb --image=nginx:1.27 --replicas=2')).toEqual(ok('deployment.apps/zk created\n'));
    expect(await kubectl('create pdb zk-pdb -n pdb --selector=app=zk --min-available=2')).toEqual(ok('poddisruptionbudget.policy/zk-pdb created\n'));
    await advance(30);
    expect(await kubectl('get pdb -n pdb')).toEqual(ok(table([
      ['NAME', 'MIN AVAILABLE', 'MAX UNAVAILABLE', 'ALLOWED DISRUPTIONS', 'AGE'],
      ['zk-pdb', '2', 'N/A', '0', '30s'],
    ])));
    const drained = await kubectl('drain node-2 --pod-selector=app=zk --timeout=2s');
    // kubectl retries a refused eviction every 5 s until its own timeout; the refusal is the API server's 429 message.
    const pod = 'zk-749f8b4c6f-hz6cn';
    const timedOut = `error when evicting pods/"${pod}" -n "pdb": global timeout reached: 2s`;
    expect(drained).toEqual({
      stdout: `node/node-2 cordoned\nevicting pod pdb/${pod}\nevicting pod pdb/${pod}\n`,
      stderr: `error when evicting pods/"${pod}" -n "pdb" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.\n` +
        `There are pending pods in node "node-2" when an error occurred: ${timedOut}\npod/${pod}\n` +
        `error: unable to drain node "node-2" due to error: ${timedOut}, continuing command...\nThere are pending nodes to be drained:\n node-2\n${timedOut}\n`,
      exitCode: 1,
    });
    expect(await kubectl('uncordon node-2')).toEqual(ok('node/node-2 uncordoned\n'));
  }, 60_000);

  it('the HPA walkthrough: php-apache scales up under a busybox load generator and back down after it stops', async () => {
    expect(await kubectl('create namespace hpa')).toEqual(ok('namespace/hpa created\n'));
    expect(await kubectl('apply -n hpa -f php-apache.yaml', { 'php-apache.yaml': corpus('application/php-apache.yaml') }))
      .toEqual(ok('deployment.apps/php-apache created\nservice/php-apache created\n'));
    await advance(60);
    expect(await kubectl('autoscale deployment php-apache -n hpa --cpu-percent=50 --min=1 --max=10'))
      .toEqual(ok('horizontalpodautoscaler.autoscaling/php-apache autoscaled\n'));
    await advance(60);
    const hpa = (targets: string, replicas: string, age: string): string => table([
      ['NAME', 'REFERENCE', 'TARGETS', 'MINPODS', 'MAXPODS', 'REPLICAS', 'AGE'],
      ['php-apache', 'Deployment/php-apache', targets, '1', '10', replicas, age],
    ]);
    expect(await kubectl('get hpa -n hpa')).toEqual(ok(hpa('cpu: 0%/50%', '1', '60s')));
    const load = ['run', 'load-generator', '-n', 'hpa', '--image=busybox:1.28', '--restart=Never', '--', '/bin/sh', '-c', 'while sleep 0.01; do wget -q -O- http://php-apache; done'];
    expect(await kubectl(load)).toEqual(ok('pod/load-generator created\n'));
    await advance(60);
    // How much CPU the load buys depends on the load generator's pace: only the shape is asserted.
    const loaded = await kubectl('get hpa -n hpa');
    const [, utilization, replicas] = /cpu: (\d+)%\/50% +1 +10 +(\d+) +2m\n$/.exec(loaded.stdout) ?? [];
    expect(Number(utilization)).toBeGreaterThan(50);
    expect(Number(replicas)).toBeGreaterThan(1);
    expect(await kubectl('delete pod load-generator -n hpa --wait=false')).toEqual(ok('pod "load-generator" deleted\n'));
    // The default scale-down stabilization window is 300 s.
    await advance(420);
    expect(await kubectl('get hpa -n hpa')).toEqual(ok(hpa('cpu: 0%/50%', '1', '9m')));
    const events = (await kubectl('get events -n hpa --field-selector involvedObject.kind=HorizontalPodAutoscaler')).stdout.split('\n');
    expect(events[0]).toBe('LAST SEEN   TYPE     REASON              OBJECT                               MESSAGE');
    // Go's HPA: a rescale's reason is the metric's when the raw recommendation moved, and empty when
    // only the stabilized one did (the 300 s scale-down window keeps the largest recent recommendation).
    const rescales = events.slice(1, -1).map((line) => /^\S+ +Normal {3}SuccessfulRescale {3}horizontalpodautoscaler\/php-apache {3}New size: (\d+); reason:(.*)$/.exec(line));
    expect(rescales.every(Boolean)).toBe(true);
    const sizes = rescales.map((match) => Number(match![1]));
    const peak = sizes.indexOf(Math.max(...sizes));
    // Up to the docs' 7 replicas under one load generator, then down to 1 after it stops.
    expect(sizes[peak]).toBe(7);
    expect(sizes.slice(0, peak + 1)).toEqual([...sizes.slice(0, peak + 1)].sort((a, b) => a - b));
    expect(sizes.slice(peak)).toEqual([...sizes.slice(peak)].sort((a, b) => b - a));
    for (const [i, match] of rescales.entries()) {
      const reason = match![2];
      if (i <= peak) expect([' cpu resource utilization (percentage of request) above target', '']).toContain(reason);
      else expect([' All metrics below target', '']).toContain(reason);
    }
    expect(events.slice(-2)).toEqual(['60s         Normal   SuccessfulRescale   horizontalpodautoscaler/php-apache   New size: 1; reason: All metrics below target', '']);
  }, 60_000);

  it('a DaemonSet puts a pod on a node added through the control API', async () => {
    expect(await kubectl('create namespace ds')).toEqual(ok('namespace/ds created\n'));
    expect(await kubectl('apply -n ds -f ds.yaml', { 'ds.yaml': nodeAgent })).toEqual(ok('daemonset.apps/example-daemonset created\n'));
    await advance(30);
    const daemonSet = (count: string, age: string): string => table([
      ['NAME', 'DESIRED', 'CURRENT', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'NODE SELECTOR', 'AGE'],
      ['example-daemonset', count, count, count, count, count, '<none>', age],
    ]);
    expect(await kubectl('get ds -n ds')).toEqual(ok(daemonSet('3', '30s')));
    expect(await control('nodes', { name: 'node-4' })).toEqual({ name: 'node-4' });
    await advance(30);
    expect(await kubectl('get ds -n ds')).toEqual(ok(daemonSet('4', '60s')));
    expect(await kubectl(['get', 'pods', '-n', 'ds', '-o', 'custom-columns=NAME:.metadata.name,NODE:.spec.nodeName,STATUS:.status.phase', '--sort-by=.spec.nodeName']))
      .toEqual(ok(table([
        ['NAME', 'NODE', 'STATUS'],
        ['example-daemonset-4h4k2', 'node-1', 'Running'],
        ['example-daemonset-f5975', 'node-2', 'Running'],
        ['example-daemonset-lzsdg', 'node-3', 'Running'],
        ['example-daemonset-7bwdw', 'node-4', 'Running'],
      ])));
  }, 60_000);

  it('a failed node: NotReady after the 50 s grace period, its pods replaced once the 300 s toleration runs out', async () => {
    expect(await kubectl('create namespace failure')).toEqual(ok('namespace/failure created\n'));
    expect(await kubectl('create deployment web -n failure --image=nginx:1.27 --replicas=3')).toEqual(ok('deployment.apps/web created\n'));
    await advance(30);
    const wide = (rows: string[][]): string => table([['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'], ...rows]);
    const before = [
      ['web-74d644cc78-4qm8v', '1/1', 'Running', '0', '30s', '10.244.4.4', 'node-4', '<none>', '<none>'],
      ['web-74d644cc78-8vfgq', '1/1', 'Running', '0', '30s', '10.244.4.5', 'node-4', '<none>', '<none>'],
      ['web-74d644cc78-gxt49', '1/1', 'Running', '0', '30s', '10.244.4.3', 'node-4', '<none>', '<none>'],
    ];
    // The new node is the least loaded, so all three land there.
    expect(await kubectl('get pods -n failure -o wide')).toEqual(ok(wide(before)));
    expect(await control('nodes/node-4/fail')).toEqual({ name: 'node-4' });
    await advance(60);
    expect(await kubectl('get nodes')).toEqual(ok(table([
      ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION'],
      ['control-plane', 'Ready', 'control-plane', '18m', 'v1.32.2'],
      ['node-1', 'Ready', '<none>', '18m', 'v1.32.2'],
      ['node-2', 'Ready', '<none>', '18m', 'v1.32.2'],
      ['node-3', 'Ready', '<none>', '18m', 'v1.32.2'],
      ['node-4', 'NotReady', '<none>', '2m', 'v1.32.2'],
    ])));
    await advance(310);
    // Failed at 00:30; Ready Unknown and the unreachable NoExecute taint ~50 s later; evicted 300 s after that.
    // The old pods stay Terminating (no kubelet confirms their end) and keep their last READY count.
    expect(await kubectl('get pods -n failure -o wide')).toEqual(ok(wide([
      ['web-74d644cc78-4qm8v', '1/1', 'Terminating', '0', '6m40s', '10.244.4.4', 'node-4', '<none>', '<none>'],
      ['web-74d644cc78-5bw2k', '1/1', 'Running', '0', '10s', '10.244.2.27', 'node-2', '<none>', '<none>'],
      ['web-74d644cc78-8vfgq', '1/1', 'Terminating', '0', '6m40s', '10.244.4.5', 'node-4', '<none>', '<none>'],
      ['web-74d644cc78-gxt49', '1/1', 'Terminating', '0', '6m40s', '10.244.4.3', 'node-4', '<none>', '<none>'],
      ['web-74d644cc78-hqsgg', '1/1', 'Running', '0', '10s', '10.244.3.12', 'node-3', '<none>', '<none>'],
      ['web-74d644cc78-qqxnb', '1/1', 'Running', '0', '10s', '10.244.1.10', 'node-1', '<none>', '<none>'],
    ])));
    expect(await kubectl('get events -n failure --field-selector reason=TaintManagerEviction')).toEqual(ok(table([
      ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'],
      ...before.map(([name]) => ['10s', 'Normal', 'TaintManagerEviction', `pod/${name}`, `Marking for deletion Pod failure/${name}`]),
    ])));
  }, 60_000);
});

