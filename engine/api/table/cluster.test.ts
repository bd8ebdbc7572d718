import { describe, expect, it } from 'vitest';
import {
  clusterRoleBindingPrinter, componentStatusPrinter, leasePrinter, namespacePrinter, nodePrinter, priorityClassPrinter,
  roleBindingPrinter, validatingAdmissionPolicyBindingPrinter, validatingAdmissionPolicyPrinter,
} from './cluster.ts';
import {
  configMapPrinter, persistentVolumeClaimPrinter, persistentVolumePrinter, resourceQuotaPrinter, secretPrinter,
  serviceAccountPrinter, storageClassPrinter,
} from './config-storage.ts';
import { eventPrinter } from './events.ts';
import { ago, makeObject, now } from './test-builders.ts';
import type { Printer } from './types.ts';

const nodeInfo = { kubeletVersion: 'v1.32.0', osImage: 'Ubuntu 22.04.4 LTS', kernelVersion: '6.5.0-1025-azure', containerRuntimeVersion: 'containerd://1.7.22' };
const withMeta = (object: ReturnType<typeof makeObject>, metadata: Record<string, unknown>) => ({ ...object, metadata: { ...object.metadata, ...metadata } });

const cases: Array<[string, Printer, ReturnType<typeof makeObject>, unknown[]]> = [
  ['control-plane Node', nodePrinter,
    withMeta(makeObject('v1', 'Node', 'control-plane', {
      spec: { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] },
      status: { conditions: [{ type: 'MemoryPressure', status: 'False' }, { type: 'Ready', status: 'True' }], addresses: [{ type: 'InternalIP', address: '172.18.0.2' }, { type: 'Hostname', address: 'control-plane' }], nodeInfo },
    }, 8 * 86400), { labels: { 'node-role.kubernetes.io/control-plane': '', 'kubernetes.io/hostname': 'control-plane' } }),
    ['control-plane', 'Ready', 'control-plane', '8d', 'v1.32.0', '172.18.0.2', '<none>', 'Ubuntu 22.04.4 LTS', '6.5.0-1025-azure', 'containerd://1.7.22']],
  ['cordoned NotReady worker with two roles', nodePrinter,
    withMeta(makeObject('v1', 'Node', 'node-1', { spec: { unschedulable: true }, status: { conditions: [{ type: 'Ready', status: 'Unknown' }], nodeInfo: { kubeletVersion: 'v1.32.0' } } }),
      { labels: { 'kubernetes.io/role': 'worker', 'node-role.kubernetes.io/infra': '', 'node-role.kubernetes.io/': 'x' } }),
    ['node-1', 'NotReady,SchedulingDisabled', 'infra,worker', '5m', 'v1.32.0', '<none>', '<none>', '<unknown>', '<unknown>', '<unknown>']],
  ['Node without conditions', nodePrinter, makeObject('v1', 'Node', 'new'), ['new', 'Unknown', '<none>', '5m', '', '<none>', '<none>', '<unknown>', '<unknown>', '<unknown>']],
  ['Namespace', namespacePrinter, makeObject('v1', 'Namespace', 'kube-system', { status: { phase: 'Active' } }, 3 * 86400 + 5 * 3600), ['kube-system', 'Active', '3d5h']],
  ['ComponentStatus', componentStatusPrinter,
    makeObject('v1', 'ComponentStatus', 'etcd-0', { conditions: [{ type: 'Healthy', status: 'True', message: 'ok' }] }), ['etcd-0', 'Healthy', 'ok', '']],
  ['Lease', leasePrinter, makeObject('coordination.k8s.io/v1', 'Lease', 'node-1', { spec: { holderIdentity: 'node-1' } }), ['node-1', 'node-1', '5m']],
  ['PriorityClass', priorityClassPrinter,
    makeObject('scheduling.k8s.io/v1', 'PriorityClass', 'system-node-critical', { value: 2000001000, preemptionPolicy: 'PreemptLowerPriority' }),
    ['system-node-critical', 2000001000, false, '5m', 'PreemptLowerPriority']],
  ['RoleBinding', roleBindingPrinter,
    makeObject('rbac.authorization.k8s.io/v1', 'RoleBinding', 'read-pods', {
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'pod-reader' },
      subjects: [{ kind: 'User', name: 'jane' }, { kind: 'User', name: 'bob' }, { kind: 'Group', name: 'devs' }, { kind: 'ServiceAccount', name: 'ci', namespace: 'tools' }],
    }),
    ['read-pods', 'Role/pod-reader', '5m', 'jane, bob', 'devs', 'tools/ci']],
  ['ClusterRoleBinding without subjects', clusterRoleBindingPrinter,
    makeObject('rbac.authorization.k8s.io/v1', 'ClusterRoleBinding', 'admin', { roleRef: { kind: 'ClusterRole', name: 'cluster-admin' } }),
    ['admin', 'ClusterRole/cluster-admin', '5m', '', '', '']],
  ['ValidatingAdmissionPolicy', validatingAdmissionPolicyPrinter,
    makeObject('admissionregistration.k8s.io/v1', 'ValidatingAdmissionPolicy', 'replicas', { spec: { validations: [{ expression: 'true' }], paramKind: { apiVersion: 'v1', kind: 'ConfigMap' } } }),
    ['replicas', 1, 'v1/ConfigMap', '5m']],
  ['ValidatingAdmissionPolicyBinding by selector', validatingAdmissionPolicyBindingPrinter,
    makeObject('admissionregistration.k8s.io/v1', 'ValidatingAdmissionPolicyBinding', 'b', { spec: { policyName: 'replicas', paramRef: { selector: { matchLabels: { app: 'x' }, matchExpressions: [{ key: 'env', operator: 'In', values: ['a', 'b'] }] } } } }),
    ['b', 'replicas', '&LabelSelector{MatchLabels:map[string]string{app: x,},MatchExpressions:[]LabelSelectorRequirement{LabelSelectorRequirement{Key:env,Operator:In,Values:[a b],},},}', '5m']],
  ['ValidatingAdmissionPolicyBinding by name', validatingAdmissionPolicyBindingPrinter,
    makeObject('admissionregistration.k8s.io/v1', 'ValidatingAdmissionPolicyBinding', 'c', { spec: { policyName: 'p', paramRef: { name: 'limits' } } }),
    ['c', 'p', '*/limits', '5m']],
  ['ConfigMap', configMapPrinter, makeObject('v1', 'ConfigMap', 'kube-root-ca.crt', { data: { 'ca.crt': 'x' }, binaryData: { 'b.bin': 'AA==' } }), ['kube-root-ca.crt', 2, '5m']],
  ['Secret', secretPrinter, makeObject('v1', 'Secret', 'tls', { type: 'kubernetes.io/tls', data: { 'tls.crt': 'x', 'tls.key': 'y' } }), ['tls', 'kubernetes.io/tls', 2, '5m']],
  ['ServiceAccount', serviceAccountPrinter, makeObject('v1', 'ServiceAccount', 'default'), ['default', 0, '5m']],
  ['ResourceQuota', resourceQuotaPrinter,
    makeObject('v1', 'ResourceQuota', 'quota', { status: { hard: { pods: '10', 'requests.cpu': '1', 'limits.cpu': '2', 'limits.memory': '2Gi', 'count/deployments.apps': '5' }, used: { pods: '1', 'requests.cpu': '250m', 'limits.cpu': '500m' } } }),
    ['quota', 'count/deployments.apps: 0/5, pods: 1/10, requests.cpu: 250m/1', 'limits.cpu: 500m/2, limits.memory: 0/2Gi', '5m']],
  ['bound PersistentVolume', persistentVolumePrinter,
    makeObject('v1', 'PersistentVolume', 'pvc-1234', { spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOnce'], persistentVolumeReclaimPolicy: 'Delete', storageClassName: 'standard', claimRef: { namespace: 'default', name: 'data' }, volumeMode: 'Filesystem' }, status: { phase: 'Bound' } }),
    ['pvc-1234', '1Gi', 'RWO,RWX', 'Delete', 'Bound', 'default/data', 'standard', '<unset>', '', '5m', 'Filesystem']],
  ['pending PersistentVolumeClaim', persistentVolumeClaimPrinter,
    makeObject('v1', 'PersistentVolumeClaim', 'data', { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: 'standard' }, status: { phase: 'Pending' } }),
    ['data', 'Pending', '', '', '', 'standard', '<unset>', '5m', '<unset>']],
  ['bound PersistentVolumeClaim with the beta class annotation', persistentVolumeClaimPrinter,
    withMeta(makeObject('v1', 'PersistentVolumeClaim', 'data', { spec: { volumeName: 'pvc-1234', storageClassName: 'standard', volumeMode: 'Filesystem' }, status: { phase: 'Bound', capacity: { storage: '1024Mi' }, accessModes: ['ReadWriteOnce'] } }),
      { annotations: { 'volume.beta.kubernetes.io/storage-class': 'legacy' }, deletionTimestamp: ago(1) }),
    ['data', 'Terminating', 'pvc-1234', '1Gi', 'RWO', 'legacy', '<unset>', '5m', 'Filesystem']],
  ['default StorageClass', storageClassPrinter,
    withMeta(makeObject('storage.k8s.io/v1', 'StorageClass', 'standard', { provisioner: 'rancher.io/local-path', volumeBindingMode: 'WaitForFirstConsumer', reclaimPolicy: 'Delete' }), { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } }),
    ['standard (default)', 'rancher.io/local-path', 'Delete', 'WaitForFirstConsumer', false, '5m']],
  ['StorageClass with defaults left out', storageClassPrinter,
    makeObject('storage.k8s.io/v1', 'StorageClass', 'fast', { provisioner: 'example.com/ssd', allowVolumeExpansion: true }),
    ['fast', 'example.com/ssd', 'Delete', 'Immediate', true, '5m']],
  ['core Event', eventPrinter,
    makeObject('v1', 'Event', 'web-1.17f0a', { involvedObject: { kind: 'Pod', name: 'web-1', fieldPath: 'spec.containers{app}' }, reason: 'Pulled', message: ' Successfully pulled image "nginx" \n', type: 'Normal', source: { component: 'kubelet', host: 'node-1' }, firstTimestamp: ago(600), lastTimestamp: ago(65), count: 3 }),
    ['65s', 'Normal', 'Pulled', 'pod/web-1', 'spec.containers{app}', 'kubelet, node-1', 'Successfully pulled image "nginx"', '10m', 3, 'web-1.17f0a']],
  ['core Event from the new API, singleton', eventPrinter,
    makeObject('v1', 'Event', 'web.1', { involvedObject: { kind: 'Deployment', name: 'web' }, reason: 'ScalingReplicaSet', message: 'Scaled up replica set web-7d4b9c8f5 to 3', type: 'Normal', source: {}, eventTime: '2025-12-31T23:58:00.000000Z', reportingComponent: 'deployment-controller', reportingInstance: '' }),
    ['2m', 'Normal', 'ScalingReplicaSet', 'deployment/web', '', 'deployment-controller', 'Scaled up replica set web-7d4b9c8f5 to 3', '2m', 1, 'web.1']],
  ['events.k8s.io Event with a series', eventPrinter,
    makeObject('events.k8s.io/v1', 'Event', 'web.2', { regarding: { kind: 'Node' }, reason: 'Starting', note: 'Starting kubelet.', type: 'Warning', eventTime: ago(3600), series: { count: 7, lastObservedTime: ago(10) }, reportingController: 'kubelet', reportingInstance: 'node-2' }),
    ['10s', 'Warning', 'Starting', 'node', '', 'kubelet, node-2', 'Starting kubelet.', '60m', 7, 'web.2']],
];

describe('cluster, config and storage printers', () => {
  it.each(cases)('%s', (_, printer, object, expected) => {
    const { cells } = printer.print(object, { now });
    expect(cells).toEqual(expected);
    expect(cells).toHaveLength(printer.columns.length);
  });

  it('orders the Event columns as upstream, NAME last and wide', () => {
    expect(eventPrinter.columns.map((c) => `${c.name}:${c.priority}`)).toEqual([
      'Last Seen:0', 'Type:0', 'Reason:0', 'Object:0', 'Subobject:1', 'Source:1', 'Message:0', 'First Seen:1', 'Count:1', 'Name:1',
    ]);
    expect(eventPrinter.columns[9].format).toBe('name');
  });
});
