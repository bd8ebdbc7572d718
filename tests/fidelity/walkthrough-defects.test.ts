/**
 * Four defects a newcomer's walk-through of the lab found, each checked where it can be against the
 * real kubectl 1.32 on twin labs (tests/fidelity/twin-labs.ts):
 * 1. the node card's status word is the STATUS column of `kubectl get nodes` (NotReady, not Unknown);
 * 2. a lesson check's generated message follows the UI language (zh-CN);
 * 3. the editor's Apply preview refuses a bad file in the words `kubectl apply` prints;
 * 4. a pod template without `spec:` is defaulted as Go defaults the zero PodSpec, so the only
 *    complaint is the missing containers (a StatefulSet, whose validation skips the PodSpec, is created).
 */
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../engine/api/types.ts';
import { readLessonBundle } from '../../server/lessons.ts';
import { LabService } from '../../worker/lab-service.ts';
import { previewApply } from '../../worker/preview.ts';
import type { NodeSummary } from '../../worker/protocol.ts';
import { summarize } from '../../worker/summaries.ts';
import { kubectlPath, noKubectlMessage } from '../support/kubectl.ts';
import { resetCluster } from '../support/scenario.ts';
import { compareScenario, useTwinLabs, type Scenario } from './twin-labs.ts';

const withoutTemplateSpec: Record<string, string> = {
  'deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n',
  'replicaset.yaml': 'apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: rs}\nspec:\n  selector: {matchLabels: {app: rs}}\n  template:\n    metadata: {labels: {app: rs}}\n',
  'daemonset.yaml': 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: ds}\nspec:\n  selector: {matchLabels: {app: ds}}\n  template:\n    metadata: {labels: {app: ds}}\n',
  'statefulset.yaml': 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db}\nspec:\n  selector: {matchLabels: {app: db}}\n  template:\n    metadata: {labels: {app: db}}\n',
  'job.yaml': 'apiVersion: batch/v1\nkind: Job\nmetadata: {name: once}\nspec:\n  template:\n    metadata: {labels: {app: once}}\n',
  'cronjob.yaml': 'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: tick}\nspec:\n  schedule: "*/5 * * * *"\n  jobTemplate:\n    spec:\n      template:\n        metadata: {labels: {app: tick}}\n',
  'rc.yaml': 'apiVersion: v1\nkind: ReplicationController\nmetadata: {name: rc}\nspec:\n  selector: {app: rc}\n  template:\n    metadata: {labels: {app: rc}}\n',
  'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: bare}\n',
};

/** What the API server answers for each, from the v1.32 validation code with Go's defaults applied first. */
const expectedErrors: Record<string, string> = {
  'deployment.yaml': 'The Deployment "web" is invalid: spec.template.spec.containers: Required value\n',
  'replicaset.yaml': 'The ReplicaSet "rs" is invalid: spec.template.spec.containers: Required value\n',
  'daemonset.yaml': 'The DaemonSet "ds" is invalid: spec.template.spec.containers: Required value\n',
  'statefulset.yaml': '',
  // SetDefaults_PodSpec makes restartPolicy Always, which validateJobSpec answers with its Required message.
  'job.yaml': 'The Job "once" is invalid: \n* spec.template.spec.containers: Required value\n* spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"\n',
  'cronjob.yaml': 'The CronJob "tick" is invalid: \n* spec.jobTemplate.spec.template.spec.containers: Required value\n* spec.jobTemplate.spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"\n',
  'rc.yaml': 'The ReplicationController "rc" is invalid: spec.template.spec.containers: Required value\n',
  'pod.yaml': 'The Pod "bare" is invalid: spec.containers: Required value\n',
};

const outdented = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\nreplicas: 3\nselector:\n  matchLabels:\n    app: web\ntemplate:\n  metadata:\n    labels:\n      app: web\n  spec:\n    containers:\n    - name: web\n      image: nginx\n';

describe.skipIf(!kubectlPath)('walk-through defects against the real kubectl 1.32', () => {
  const labs = useTwinLabs();

  it('1. the node card says what the STATUS column says for a failed and cordoned node', async () => {
    const { real } = labs;
    resetCluster(real);
    real.lab.control.failNode('node-1');
    real.lab.control.advance({ seconds: 60 });
    const card = (): string => (summarize(real.lab.control.cluster.handle({ method: 'GET', path: '/api/v1/nodes/node-1' }).body as KubeObject) as NodeSummary).status;
    const column = async (): Promise<string> => (await real.run(['get', 'node', 'node-1', '--no-headers'])).stdout.split(/\s+/)[1];
    expect({ column: await column(), card: card() }).toEqual({ column: 'NotReady', card: 'NotReady' });
    await real.run(['cordon', 'node-1']);
    expect({ column: await column(), card: card() }).toEqual({ column: 'NotReady,SchedulingDisabled', card: 'NotReady,SchedulingDisabled' });
    resetCluster(real);
  }, 60_000);

  it('3. the Apply preview refuses outdented fields with the error kubectl apply prints', async () => {
    const { real } = labs;
    resetCluster(real);
    const applied = await real.run(['apply', '-f', 'app.yaml'], { files: { 'app.yaml': outdented } });
    const preview = previewApply(real.lab.control.cluster, 'app.yaml', outdented);
    expect(applied.stderr).toBe('Error from server (BadRequest): error when creating "app.yaml": Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "replicas", unknown field "selector", unknown field "template"\n');
    expect(preview).toEqual({ objects: [], errors: [applied.stderr.trimEnd()] });
  }, 60_000);

  it('4. templates without spec: the real kubectl and the emulator agree, with only the missing containers refused', async () => {
    const { real } = labs;
    const scenario: Scenario = {
      name: 'templates without spec', files: withoutTemplateSpec,
      steps: Object.keys(withoutTemplateSpec).map((file) => `apply -f ${file}`), objects: ['statefulset db'],
    };
    expect((await compareScenario(labs.real, labs.twin, scenario)).join('\n')).toBe('');
    resetCluster(real);
    for (const [file, stderr] of Object.entries(expectedErrors)) {
      const result = await real.run(['apply', '-f', file], { files: withoutTemplateSpec });
      expect({ file, stderr: result.stderr }).toEqual({ file, stderr });
    }
    // The stored StatefulSet carries the defaulted PodSpec a real server writes for the zero struct
    // (`containers` has no omitempty, so Go encodes the nil slice as null).
    const stored = await real.run(['get', 'statefulset', 'db', '-o', 'jsonpath={.spec.template.spec}']);
    expect(JSON.parse(stored.stdout)).toEqual({ containers: null, dnsPolicy: 'ClusterFirst', restartPolicy: 'Always', schedulerName: 'default-scheduler', securityContext: {}, terminationGracePeriodSeconds: 30 });
  }, 120_000);
});

describe('walk-through defects in the lab', () => {
  it('2. lesson 01-apply grades in Chinese when the UI is in Chinese', async () => {
    const lab = new LabService({ lessons: readLessonBundle() });
    await lab.control('startLesson', { id: 'apply' });
    const checks = await lab.control('checks', { id: 'apply', lang: 'zh-CN' }) as { id: string; title: string; message: string }[];
    expect(checks.find((c) => c.id === 'pods')).toEqual({
      id: 'pods', title: '3 个带 app=web 标签的 Pod 处于 Running 状态', passed: false,
      message: '匹配 app=web 的 pods：共 0 个，其中 0 个符合条件，应为 3 个',
    });
    const english = await lab.control('checks', { id: 'apply', lang: 'en' }) as { id: string; message: string }[];
    expect(english.find((c) => c.id === 'pods')?.message).toBe('0 of 0 pods with app=web match, expected 3');
  }, 60_000);
});

if (!kubectlPath) console.warn(noKubectlMessage);
