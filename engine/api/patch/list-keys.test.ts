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
