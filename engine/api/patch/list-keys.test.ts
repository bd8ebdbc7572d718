import { describe, expect, it } from 'vitest';
import { isAtomicStructOrMap, isBuiltinKind, listSemantics, patchStrategies } from './list-keys.ts';

const deployment = { group: 'apps', kind: 'Deployment' };
const pod = { group: '', kind: 'Pod' };
const service = { group: '', kind: 'Service' };

describe('listSemantics', () => {
  it.each([
    [deployment, 'spec.template.spec.containers', { patchStrategy: 'merge', patchMergeKey: 'name', listType: 'map', listMapKeys: ['name'] }],
    [deployment, 'spec.template.spec.containers.ports',
      { patchStrategy: 'merge', patchMergeKey: 'containerPort', listType: 'map', listMapKeys: ['containerPort', 'protocol'] }],
    [deployment, 'spec.template.spec.containers.env', { patchStrategy: 'merge', patchMergeKey: 'name', listType: 'map', listMapKeys: ['name'] }],
    [deployment, 'spec.template.spec.containers.volumeMounts',
      { patchStrategy: 'merge', patchMergeKey: 'mountPath', listType: 'map', listMapKeys: ['mountPath'] }],
    [deployment, 'spec.template.spec.volumes',
      { patchStrategy: 'merge,retainKeys', patchMergeKey: 'name', listType: 'map', listMapKeys: ['name'] }],
    [deployment, 'spec.template.spec.containers.command', { listType: 'atomic' }],
    [deployment, 'spec.template.metadata.finalizers', { patchStrategy: 'merge', listType: 'set' }],
    [deployment, 'status.conditions', { patchStrategy: 'merge', patchMergeKey: 'type', listType: 'map', listMapKeys: ['type'] }],
    [pod, 'spec.tolerations', { listType: 'atomic' }],
    [pod, 'spec.ephemeralContainers.env', { patchStrategy: 'merge', patchMergeKey: 'name', listType: 'map', listMapKeys: ['name'] }],
    [pod, 'spec.initContainers.ports',
      { patchStrategy: 'merge', patchMergeKey: 'containerPort', listType: 'map', listMapKeys: ['containerPort', 'protocol'] }],
    [pod, 'spec.topologySpreadConstraints',
      { patchStrategy: 'merge', patchMergeKey: 'topologyKey', listType: 'map', listMapKeys: ['topologyKey', 'whenUnsatisfiable'] }],
    [pod, 'spec.hostAliases', { patchStrategy: 'merge', patchMergeKey: 'ip', listType: 'map', listMapKeys: ['ip'] }],
    [pod, 'status.hostIPs', { patchStrategy: 'merge', patchMergeKey: 'ip', listType: 'atomic' }],
    [pod, 'metadata.ownerReferences', { patchStrategy: 'merge', patchMergeKey: 'uid', listType: 'map', listMapKeys: ['uid'] }],
    [service, 'spec.ports', { patchStrategy: 'merge', patchMergeKey: 'port', listType: 'map', listMapKeys: ['port', 'protocol'] }],
    [{ group: 'batch', kind: 'CronJob' }, 'spec.jobTemplate.spec.template.spec.containers.env',
      { patchStrategy: 'merge', patchMergeKey: 'name', listType: 'map', listMapKeys: ['name'] }],
    [{ group: 'batch', kind: 'Job' }, 'status.conditions', { patchStrategy: 'merge', patchMergeKey: 'type', listType: 'atomic' }],
    [{ group: 'networking.k8s.io', kind: 'Ingress' }, 'spec.rules', { listType: 'atomic' }],
    [{ group: 'rbac.authorization.k8s.io', kind: 'Role' }, 'rules', { listType: 'atomic' }],
    [{ group: '', kind: 'Node' }, 'spec.podCIDRs', { patchStrategy: 'merge', listType: 'set' }],
    [{ group: '', kind: 'ConfigMap' }, 'metadata.finalizers', { patchStrategy: 'merge', listType: 'set' }],
    [{ group: 'apps', kind: 'StatefulSet' }, 'spec.volumeClaimTemplates', { listType: 'atomic' }],
  ])('%o %s', (gvk, path, expected) => {
    expect(listSemantics(gvk, path.split('.'))).toEqual(expected);
  });

  it.each([
    [deployment, 'spec.template.spec.containers.image'],
    [deployment, 'spec.selector.matchExpressions'], // inside an atomic struct
    [deployment, 'spec.nosuch.containers'],
    [{ group: 'example.com', kind: 'Widget' }, 'spec.items'],
  ])('%o %s has the defaults', (gvk, path) => {
    expect(listSemantics(gvk, path.split('.'))).toBeUndefined();
  });
});

describe('patchStrategies', () => {
  it.each([
    [deployment, 'spec.strategy', ['retainKeys']],
    [pod, 'spec.volumes', ['merge', 'retainKeys']],
    [{ group: 'policy', kind: 'PodDisruptionBudget' }, 'spec.selector', ['replace']],
    [deployment, 'spec.template', []],
  ])('%o %s', (gvk, path, expected) => {
    expect(patchStrategies(gvk, path.split('.'))).toEqual(expected);
  });
});

describe('isAtomicStructOrMap', () => {
  it.each([
    [deployment, 'spec.selector', true],
    [service, 'spec.selector', true],
    [pod, 'spec.nodeSelector', true],
    [pod, 'spec.containers.env.valueFrom.secretKeyRef', true],
    [{ group: '', kind: 'PersistentVolume' }, 'spec.claimRef', false],
    [pod, 'metadata.labels', false],
    [deployment, 'spec.template', false],
  ])('%o %s → %s', (gvk, path, expected) => {
    expect(isAtomicStructOrMap(gvk, path.split('.'))).toBe(expected);
  });
});

describe('isBuiltinKind', () => {
  it.each([
    [deployment, true],
    [{ group: 'autoscaling', kind: 'HorizontalPodAutoscaler', version: 'v1' }, true],
    [{ group: 'stable.example.com', kind: 'CronTab' }, false],
    [{ group: '', kind: 'Deployment' }, false],
  ])('%o → %s', (gvk, expected) => {
    expect(isBuiltinKind(gvk)).toBe(expected);
  });
});

describe('list semantics of the v1.32 additions', () => {
  const mergeByName = { patchStrategy: 'merge', patchMergeKey: 'name', listType: 'map', listMapKeys: ['name'] };
  it.each([
    [pod, 'status.containerStatuses', { listType: 'atomic' }],
    [pod, 'status.containerStatuses.allocatedResourcesStatus', mergeByName],
    [pod, 'status.initContainerStatuses.allocatedResourcesStatus.resources', { listType: 'map', listMapKeys: ['resourceID'] }],
    [pod, 'status.containerStatuses.user.linux.supplementalGroups', { listType: 'atomic' }],
    [pod, 'status.containerStatuses.volumeMounts',
      { patchStrategy: 'merge', patchMergeKey: 'mountPath', listType: 'map', listMapKeys: ['mountPath'] }],
    [{ group: 'admissionregistration.k8s.io', kind: 'MutatingWebhookConfiguration' }, 'webhooks', mergeByName],
    [{ group: 'admissionregistration.k8s.io', kind: 'ValidatingWebhookConfiguration' }, 'webhooks.rules', { listType: 'atomic' }],
    [{ group: 'admissionregistration.k8s.io', kind: 'ValidatingWebhookConfiguration' }, 'webhooks.matchConditions', mergeByName],
    [{ group: 'apiregistration.k8s.io', kind: 'APIService' }, 'status.conditions',
      { patchStrategy: 'merge', patchMergeKey: 'type', listType: 'map', listMapKeys: ['type'] }],
    [{ group: 'certificates.k8s.io', kind: 'CertificateSigningRequest' }, 'status.conditions', { listType: 'map', listMapKeys: ['type'] }],
    [{ group: 'certificates.k8s.io', kind: 'CertificateSigningRequest' }, 'spec.usages', { listType: 'atomic' }],
    [{ group: 'flowcontrol.apiserver.k8s.io', kind: 'FlowSchema' }, 'spec.rules.resourceRules.verbs', { listType: 'set' }],
    [{ group: 'flowcontrol.apiserver.k8s.io', kind: 'PriorityLevelConfiguration' }, 'status.conditions',
      { patchStrategy: 'merge', patchMergeKey: 'type', listType: 'map', listMapKeys: ['type'] }],
    [{ group: 'node.k8s.io', kind: 'RuntimeClass' }, 'scheduling.tolerations', { listType: 'atomic' }],
    [{ group: 'storage.k8s.io', kind: 'CSIDriver' }, 'spec.volumeLifecycleModes', { listType: 'set' }],
    [{ group: 'storage.k8s.io', kind: 'CSINode' }, 'spec.drivers', mergeByName],
    [{ group: 'storage.k8s.io', kind: 'CSINode' }, 'spec.drivers.topologyKeys', { listType: 'atomic' }],
    [{ group: 'storage.k8s.io', kind: 'VolumeAttachment' }, 'spec.source.inlineVolumeSpec.accessModes', { listType: 'atomic' }],
  ])('%o %s', (gvk, path, expected) => {
    expect(listSemantics(gvk, path.split('.'))).toEqual(expected);
  });

  it.each([
    [{ group: 'node.k8s.io', kind: 'RuntimeClass' }, 'scheduling.nodeSelector', true],
    [{ group: 'admissionregistration.k8s.io', kind: 'MutatingWebhookConfiguration' }, 'webhooks.namespaceSelector', true],
    [{ group: 'storage.k8s.io', kind: 'CSIStorageCapacity' }, 'nodeTopology', true],
    [{ group: 'storage.k8s.io', kind: 'CSINode' }, 'spec', false],
  ])('%o %s atomic → %s', (gvk, path, expected) => {
    expect(isAtomicStructOrMap(gvk, path.split('.'))).toBe(expected);
  });
});
