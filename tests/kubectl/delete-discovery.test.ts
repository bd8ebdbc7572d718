/**
 * Real kubectl: `delete` with each cascade mode (a ConfigMap owner and a dependent that carries an
 * ownerReference), then the discovery commands: `api-resources`, `api-versions`, `version`, `explain`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubectlPath, startRealKubectl, type RealKubectl } from '../support/kubectl.ts';
import { table } from '../support/scenario.ts';

const configMap = (name: string, owner?: { name: string; uid: string }): string =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`
  + (owner ? `  ownerReferences:\n  - apiVersion: v1\n    kind: ConfigMap\n    name: ${owner.name}\n    uid: ${owner.uid}\n` : '')
  + 'data:\n  a: b\n';

describe.skipIf(!kubectlPath)('real kubectl: delete with cascade modes', () => {
  let k: RealKubectl;
  beforeAll(async () => {
    k = await startRealKubectl();
  });
  afterAll(async () => {
    await k.stop();
  });

  /** Create `owner` and `child`, the child owned by the owner through an ownerReference. */
  async function ownerAndChild(owner: string, child: string): Promise<void> {
    const uid = (await k.run([...'create -o jsonpath={.metadata.uid} -f'.split(' '), `${owner}.yaml`], { files: { [`${owner}.yaml`]: configMap(owner) } })).stdout;
    expect(uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(await k.run(`create -f ${child}.yaml`, { files: { [`${child}.yaml`]: configMap(child, { name: owner, uid }) } }))
      .toEqual({ stdout: `configmap/${child} created\n`, stderr: '', exitCode: 0 });
  }

  it.each(['background', 'foreground'])('--cascade=%s deletes the dependent too', async (mode) => {
    await ownerAndChild(`owner-${mode}`, `child-${mode}`);
    expect(await k.run(`delete configmap owner-${mode} --cascade=${mode}`))
      .toEqual({ stdout: `configmap "owner-${mode}" deleted\n`, stderr: '', exitCode: 0 });
    expect(await k.run(`get configmap owner-${mode} child-${mode}`)).toEqual({
      stdout: '',
      stderr: `Error from server (NotFound): configmaps "owner-${mode}" not found\nError from server (NotFound): configmaps "child-${mode}" not found\n`,
      exitCode: 1,
    });
  });

  it('--cascade=orphan keeps the dependent and drops its ownerReference', async () => {
    await ownerAndChild('owner-orphan', 'child-orphan');
    expect(await k.run('delete configmap owner-orphan --cascade=orphan'))
      .toEqual({ stdout: 'configmap "owner-orphan" deleted\n', stderr: '', exitCode: 0 });
    expect((await k.run('get configmap owner-orphan')).stderr).toBe('Error from server (NotFound): configmaps "owner-orphan" not found\n');
    expect(await k.run(['get', 'configmap', 'child-orphan', '-o', 'jsonpath={.metadata.name}:{.metadata.ownerReferences}']))
      .toEqual({ stdout: 'child-orphan:', stderr: '', exitCode: 0 });
  });

  it('reports a missing object, unless --ignore-not-found', async () => {
    expect(await k.run('delete configmap nope')).toEqual({ stdout: '', stderr: 'Error from server (NotFound): configmaps "nope" not found\n', exitCode: 1 });
    expect(await k.run('delete configmap nope --ignore-not-found')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
  });

  it('deletes by label and says what it deleted', async () => {
    await k.run('create -f labelled.yaml', {
      files: { 'labelled.yaml': ['x1', 'x2'].map((name) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  labels: {batch: x}\n`).join('---\n') },
    });
    expect(await k.run('delete configmap -l batch=x')).toEqual({ stdout: 'configmap "x1" deleted\nconfigmap "x2" deleted\n', stderr: '', exitCode: 0 });
    // Unlike get, delete prints this on stdout.
    expect(await k.run('delete configmap -l batch=x')).toEqual({ stdout: 'No resources found\n', stderr: '', exitCode: 0 });
  });
});

/** `kubectl api-resources` on a kind v1.32 cluster: the built-in, GA-enabled resources, sorted by group then name. */
const apiResources: string[][] = [
  ['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND'],
  ['bindings', '', 'v1', 'true', 'Binding'],
  ['componentstatuses', 'cs', 'v1', 'false', 'ComponentStatus'],
  ['configmaps', 'cm', 'v1', 'true', 'ConfigMap'],
  ['endpoints', 'ep', 'v1', 'true', 'Endpoints'],
  ['events', 'ev', 'v1', 'true', 'Event'],
  ['limitranges', 'limits', 'v1', 'true', 'LimitRange'],
  ['namespaces', 'ns', 'v1', 'false', 'Namespace'],
  ['nodes', 'no', 'v1', 'false', 'Node'],
  ['persistentvolumeclaims', 'pvc', 'v1', 'true', 'PersistentVolumeClaim'],
  ['persistentvolumes', 'pv', 'v1', 'false', 'PersistentVolume'],
  ['pods', 'po', 'v1', 'true', 'Pod'],
  ['podtemplates', '', 'v1', 'true', 'PodTemplate'],
  ['replicationcontrollers', 'rc', 'v1', 'true', 'ReplicationController'],
  ['resourcequotas', 'quota', 'v1', 'true', 'ResourceQuota'],
  ['secrets', '', 'v1', 'true', 'Secret'],
  ['serviceaccounts', 'sa', 'v1', 'true', 'ServiceAccount'],
  ['services', 'svc', 'v1', 'true', 'Service'],
  ['mutatingwebhookconfigurations', '', 'admissionregistration.k8s.io/v1', 'false', 'MutatingWebhookConfiguration'],
  ['validatingadmissionpolicies', '', 'admissionregistration.k8s.io/v1', 'false', 'ValidatingAdmissionPolicy'],
  ['validatingadmissionpolicybindings', '', 'admissionregistration.k8s.io/v1', 'false', 'ValidatingAdmissionPolicyBinding'],
  ['validatingwebhookconfigurations', '', 'admissionregistration.k8s.io/v1', 'false', 'ValidatingWebhookConfiguration'],
  ['customresourcedefinitions', 'crd,crds', 'apiextensions.k8s.io/v1', 'false', 'CustomResourceDefinition'],
  ['apiservices', '', 'apiregistration.k8s.io/v1', 'false', 'APIService'],
  ['controllerrevisions', '', 'apps/v1', 'true', 'ControllerRevision'],
  ['daemonsets', 'ds', 'apps/v1', 'true', 'DaemonSet'],
  ['deployments', 'deploy', 'apps/v1', 'true', 'Deployment'],
  ['replicasets', 'rs', 'apps/v1', 'true', 'ReplicaSet'],
  ['statefulsets', 'sts', 'apps/v1', 'true', 'StatefulSet'],
  ['selfsubjectreviews', '', 'authentication.k8s.io/v1', 'false', 'SelfSubjectReview'],
  ['tokenreviews', '', 'authentication.k8s.io/v1', 'false', 'TokenReview'],
  ['localsubjectaccessreviews', '', 'authorization.k8s.io/v1', 'true', 'LocalSubjectAccessReview'],
  ['selfsubjectaccessreviews', '', 'authorization.k8s.io/v1', 'false', 'SelfSubjectAccessReview'],
  ['selfsubjectrulesreviews', '', 'authorization.k8s.io/v1', 'false', 'SelfSubjectRulesReview'],
  ['subjectaccessreviews', '', 'authorization.k8s.io/v1', 'false', 'SubjectAccessReview'],
  ['horizontalpodautoscalers', 'hpa', 'autoscaling/v2', 'true', 'HorizontalPodAutoscaler'],
  ['cronjobs', 'cj', 'batch/v1', 'true', 'CronJob'],
  ['jobs', '', 'batch/v1', 'true', 'Job'],
  ['certificatesigningrequests', 'csr', 'certificates.k8s.io/v1', 'false', 'CertificateSigningRequest'],
  ['leases', '', 'coordination.k8s.io/v1', 'true', 'Lease'],
  ['endpointslices', '', 'discovery.k8s.io/v1', 'true', 'EndpointSlice'],
  ['events', 'ev', 'events.k8s.io/v1', 'true', 'Event'],
  ['flowschemas', '', 'flowcontrol.apiserver.k8s.io/v1', 'false', 'FlowSchema'],
  ['prioritylevelconfigurations', '', 'flowcontrol.apiserver.k8s.io/v1', 'false', 'PriorityLevelConfiguration'],
  // metrics-server's group, through the aggregator (kind + metrics-server, as the default cluster).
  ['nodes', '', 'metrics.k8s.io/v1beta1', 'false', 'NodeMetrics'],
  ['pods', '', 'metrics.k8s.io/v1beta1', 'true', 'PodMetrics'],
  ['ingressclasses', '', 'networking.k8s.io/v1', 'false', 'IngressClass'],
  ['ingresses', 'ing', 'networking.k8s.io/v1', 'true', 'Ingress'],
  ['networkpolicies', 'netpol', 'networking.k8s.io/v1', 'true', 'NetworkPolicy'],
  ['runtimeclasses', '', 'node.k8s.io/v1', 'false', 'RuntimeClass'],
  ['poddisruptionbudgets', 'pdb', 'policy/v1', 'true', 'PodDisruptionBudget'],
  ['clusterrolebindings', '', 'rbac.authorization.k8s.io/v1', 'false', 'ClusterRoleBinding'],
  ['clusterroles', '', 'rbac.authorization.k8s.io/v1', 'false', 'ClusterRole'],
  ['rolebindings', '', 'rbac.authorization.k8s.io/v1', 'true', 'RoleBinding'],
  ['roles', '', 'rbac.authorization.k8s.io/v1', 'true', 'Role'],
  ['priorityclasses', 'pc', 'scheduling.k8s.io/v1', 'false', 'PriorityClass'],
  // Kubelab's own aggregated group: the scheduler's decision records (why here, why Pending).
  ['podschedulingdecisions', 'psd', 'scheduling.kubelab.dev/v1alpha1', 'true', 'PodSchedulingDecision'],
  ['csidrivers', '', 'storage.k8s.io/v1', 'false', 'CSIDriver'],
  ['csinodes', '', 'storage.k8s.io/v1', 'false', 'CSINode'],
  ['csistoragecapacities', '', 'storage.k8s.io/v1', 'true', 'CSIStorageCapacity'],
  ['storageclasses', 'sc', 'storage.k8s.io/v1', 'false', 'StorageClass'],
  ['volumeattachments', '', 'storage.k8s.io/v1', 'false', 'VolumeAttachment'],
];

const apiVersions = [
  'admissionregistration.k8s.io/v1', 'apiextensions.k8s.io/v1', 'apiregistration.k8s.io/v1', 'apps/v1', 'authentication.k8s.io/v1',
  'authorization.k8s.io/v1', 'autoscaling/v1', 'autoscaling/v2', 'batch/v1', 'certificates.k8s.io/v1', 'coordination.k8s.io/v1',
  'discovery.k8s.io/v1', 'events.k8s.io/v1', 'flowcontrol.apiserver.k8s.io/v1', 'metrics.k8s.io/v1beta1', 'networking.k8s.io/v1', 'node.k8s.io/v1', 'policy/v1',
  'rbac.authorization.k8s.io/v1', 'scheduling.k8s.io/v1', 'scheduling.kubelab.dev/v1alpha1', 'storage.k8s.io/v1', 'v1',
];

describe.skipIf(!kubectlPath)('real kubectl: discovery and explain', () => {
  let k: RealKubectl;
  beforeAll(async () => {
    k = await startRealKubectl();
  });
  afterAll(async () => {
    await k.stop();
  });

  it('lists the API resources of a v1.32 cluster', async () => {
    expect(await k.run('api-resources')).toEqual({ stdout: table(apiResources), stderr: '', exitCode: 0 });
  });

  it('lists the API versions of a v1.32 cluster', async () => {
    expect(await k.run('api-versions')).toEqual({ stdout: apiVersions.map((v) => `${v}\n`).join(''), stderr: '', exitCode: 0 });
  });

  it('reports the server version', async () => {
    const text = await k.run('version');
    expect(text.stdout).toMatch(/\nServer Version: v1\.32\.2\n$/);
    const json = JSON.parse((await k.run('version -o json')).stdout) as { serverVersion: Record<string, string> };
    expect(json.serverVersion).toMatchObject({ major: '1', minor: '32', gitVersion: 'v1.32.2', gitTreeState: 'clean', compiler: 'gc', platform: 'linux/amd64' });
  });

  it('explains deployment.spec.replicas', async () => {
    expect(await k.run('explain deployment.spec.replicas')).toEqual({
      stdout: 'GROUP:      apps\nKIND:       Deployment\nVERSION:    v1\n\nFIELD: replicas <integer>\n\n\nDESCRIPTION:\n'
        + '    Number of desired pods. This is a pointer to distinguish between explicit\n    zero and not specified. Defaults to 1.\n    \n\n',
      stderr: '',
      exitCode: 0,
    });
  });

  it('explains a core field with its enum values', async () => {
    const policy = await k.run('explain pod.spec.restartPolicy');
    // The core group has no GROUP line; 1.32's OpenAPI lists the enum values of restartPolicy.
    const head = 'KIND:       Pod\nVERSION:    v1\n\nFIELD: restartPolicy <string>\nENUM:\n    Always\n    Never\n    OnFailure\n';
    expect(policy.stdout.slice(0, head.length)).toBe(head);
  });

  it('says when a field does not exist', async () => {
    // kubectl has printed the header by the time it finds the field missing.
    expect(await k.run('explain deployment.spec.nope')).toEqual({
      stdout: 'GROUP:      apps\nKIND:       Deployment\nVERSION:    v1\n\n', stderr: 'error: field "nope" does not exist\n', exitCode: 1,
    });
  });
});
