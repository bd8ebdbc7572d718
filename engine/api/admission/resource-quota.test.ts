import { describe, expect, it } from 'vitest';
import type { AdmissionAttributes } from '../context.ts';
import { StatusError } from '../errors.ts';
import { builtinResources } from '../registry.ts';
import type { KubeObject } from '../types.ts';
import { checkQuotaRequest } from './resource-quota.ts';
import { toJSONResourceList } from './resource-list.ts';

const now = Date.parse('2026-01-01T00:00:00Z');

function info(group: string, resource: string) {
  return builtinResources.find((r) => r.group === group && r.resource === resource)!;
}

/** A quota as the controller has synced it: status.hard and status.used. */
function quota(name: string, hard: Record<string, string>, used: Record<string, string>, spec: Record<string, unknown> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name, namespace: 'default', resourceVersion: '1' }, spec: { hard, ...spec }, status: { hard, used } };
}

function attributes(group: string, resource: string, object: KubeObject, old?: KubeObject): AdmissionAttributes {
  return { operation: old ? 'UPDATE' : 'CREATE', info: info(group, resource), object, old, user: { username: 'admin', groups: [] }, dryRun: false };
}

function pod(name: string, spec: Record<string, unknown> = {}, resources?: Record<string, unknown>): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { containers: [{ name: 'nginx', image: 'nginx', ...(resources ? { resources } : {}) }], ...spec } };
}

function service(name: string, type: string, ports = 1): KubeObject {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default', resourceVersion: '5' }, spec: { type, ports: Array.from({ length: ports }, (_, i) => ({ port: 80 + i })) } };
}

function claim(name: string, storage: string, storageClassName = 'standard'): KubeObject {
  return { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name, namespace: 'default' }, spec: { storageClassName, resources: { requests: { storage } } } };
}

/** The new `status.used` of each charged quota, or the Forbidden message. */
function decide(quotas: KubeObject[], attrs: AdmissionAttributes): Record<string, Record<string, string>> | string {
  try {
    return Object.fromEntries(checkQuotaRequest(quotas, attrs, now).map(({ quota: q, used }) => [q.metadata.name!, toJSONResourceList(used)]));
  } catch (error) {
    if (error instanceof StatusError) return `${error.status.code} ${error.status.message}`;
    throw error;
  }
}

describe('ResourceQuota admission', () => {
  it.each<[string, KubeObject[], AdmissionAttributes, Record<string, Record<string, string>> | string]>([
    ['charges compute resources, keeping the first non-zero format',
      [quota('mem-cpu-demo', { 'requests.cpu': '1', 'requests.memory': '1Gi', 'limits.cpu': '2', 'limits.memory': '2Gi' }, { 'requests.cpu': '0', 'requests.memory': '0', 'limits.cpu': '0', 'limits.memory': '0' })],
      attributes('', 'pods', pod('quota-mem-cpu-demo', {}, { requests: { cpu: '400m', memory: '600Mi' }, limits: { cpu: '800m', memory: '800Mi' } })),
      { 'mem-cpu-demo': { 'limits.cpu': '800m', 'limits.memory': '800Mi', 'requests.cpu': '400m', 'requests.memory': '600Mi' } }],
    ['refuses what would pass a hard limit, naming only the exceeded resources',
      [quota('mem-cpu-demo', { 'requests.cpu': '1', 'requests.memory': '1Gi', 'limits.cpu': '2', 'limits.memory': '2Gi' }, { 'requests.cpu': '400m', 'requests.memory': '600Mi', 'limits.cpu': '800m', 'limits.memory': '800Mi' })],
      attributes('', 'pods', pod('quota-mem-cpu-demo-2', {}, { requests: { cpu: '100m', memory: '700Mi' }, limits: { cpu: '800m', memory: '1Gi' } })),
      '403 pods "quota-mem-cpu-demo-2" is forbidden: exceeded quota: mem-cpu-demo, requested: requests.memory=700Mi, used: requests.memory=600Mi, limited: requests.memory=1Gi'],
    ['asks every container for the requests the quota tracks',
      [quota('compute', { 'requests.cpu': '1', 'requests.memory': '1Gi' }, { 'requests.cpu': '0', 'requests.memory': '0' })],
      attributes('', 'pods', { ...pod('web'), spec: { containers: [{ name: 'a', image: 'x', resources: { requests: { cpu: '1m' } } }, { name: 'b', image: 'x' }] } }),
      '403 pods "web" is forbidden: failed quota: compute: must specify requests.cpu for: b; requests.memory for: a,b'],
    ['refuses while the controller has not counted a tracked resource yet',
      [quota('fresh', { pods: '2', 'count/pods': '2' }, { pods: '0' })],
      attributes('', 'pods', pod('p')),
      '403 pods "p" is forbidden: status unknown for quota: fresh, resources: count/pods,pods'],
    ['counts NodePort ports and LoadBalancers',
      [quota('object-quota-demo', { services: '3', 'services.nodeports': '2', 'services.loadbalancers': '1' }, { services: '0', 'services.nodeports': '0', 'services.loadbalancers': '0' })],
      attributes('', 'services', service('lb', 'LoadBalancer', 3)),
      '403 services "lb" is forbidden: exceeded quota: object-quota-demo, requested: services.nodeports=3, used: services.nodeports=0, limited: services.nodeports=2'],
    ['charges an update only for what it adds (ClusterIP → NodePort)',
      [quota('svc', { services: '3', 'services.nodeports': '2' }, { services: '1', 'services.nodeports': '0' })],
      attributes('', 'services', service('web', 'NodePort', 1), service('web', 'ClusterIP', 1)),
      { svc: { services: '1', 'services.nodeports': '1' } }],
    ['charges claims overall and per StorageClass',
      [quota('object-quota-demo', { persistentvolumeclaims: '1', 'requests.storage': '10Gi', 'standard.storageclass.storage.k8s.io/requests.storage': '5Gi' }, { persistentvolumeclaims: '0', 'requests.storage': '0', 'standard.storageclass.storage.k8s.io/requests.storage': '0' })],
      attributes('', 'persistentvolumeclaims', claim('pvc-quota-demo', '3Gi')),
      { 'object-quota-demo': { persistentvolumeclaims: '1', 'requests.storage': '3Gi', 'standard.storageclass.storage.k8s.io/requests.storage': '3Gi' } }],
    ['refuses a second claim over persistentvolumeclaims=1',
      [quota('object-quota-demo', { persistentvolumeclaims: '1' }, { persistentvolumeclaims: '1' })],
      attributes('', 'persistentvolumeclaims', claim('pvc-quota-demo-2', '1Gi')),
      '403 persistentvolumeclaims "pvc-quota-demo-2" is forbidden: exceeded quota: object-quota-demo, requested: persistentvolumeclaims=1, used: persistentvolumeclaims=1, limited: persistentvolumeclaims=1'],
    ['counts any kind as count/<resource>.<group>',
      [quota('counts', { 'count/deployments.apps': '1' }, { 'count/deployments.apps': '1' })],
      attributes('apps', 'deployments', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' }, spec: {} }),
      '403 deployments.apps "web" is forbidden: exceeded quota: counts, requested: count/deployments.apps=1, used: count/deployments.apps=1, limited: count/deployments.apps=1'],
    ['a PriorityClass scopeSelector matches only the classes it names',
      [quota('pods-high', { pods: '1' }, { pods: '1' }, { scopeSelector: { matchExpressions: [{ operator: 'In', scopeName: 'PriorityClass', values: ['high'] }] } })],
      attributes('', 'pods', pod('low', { priorityClassName: 'low' })),
      {}],
    ['the PriorityClass scope refuses a pod of that class',
      [quota('pods-high', { pods: '1' }, { pods: '1' }, { scopeSelector: { matchExpressions: [{ operator: 'In', scopeName: 'PriorityClass', values: ['high'] }] } })],
      attributes('', 'pods', pod('high', { priorityClassName: 'high' })),
      '403 pods "high" is forbidden: exceeded quota: pods-high, requested: pods=1, used: pods=1, limited: pods=1'],
    ['Terminating and NotTerminating split pods by activeDeadlineSeconds',
      [quota('long', { pods: '5' }, { pods: '0' }, { scopes: ['NotTerminating'] }), quota('short', { pods: '5' }, { pods: '0' }, { scopes: ['Terminating'] })],
      attributes('', 'pods', pod('batch', { activeDeadlineSeconds: 60 })),
      { short: { pods: '1' } }],
    ['a scoped quota never counts kinds without scopes',
      [quota('be', { 'count/configmaps': '0' }, { 'count/configmaps': '0' }, { scopes: ['BestEffort'] })],
      attributes('', 'configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'default' } }),
      {}],
  ])('%s', (_name, quotas, attrs, expected) => {
    expect(decide(quotas, attrs)).toEqual(expected);
  });
});
