/**
 * More objects a fresh v1.32 cluster has before anyone creates anything: the API Priority and
 * Fairness configuration the API server ensures at start-up (k8s.io/apiserver
 * pkg/apis/flowcontrol/bootstrap/default.go: two mandatory and six suggested priority levels, two
 * mandatory and eleven suggested flow schemas) and one `Local` APIService per built-in group
 * version, which the aggregator's autoregister controller creates. Data only: the caller creates
 * the objects, then writes the status (the API server drops status on create).
 */
import type { KubeObject } from './api/types.ts';
import { builtinResources } from './api/registry.ts';

/** The annotation that lets the API server keep a suggested object's spec up to date. */
const autoUpdate = { 'apf.kubernetes.io/autoupdate-spec': 'true' };

type Subject = Record<string, unknown>;

const groups = (...names: string[]): Subject[] => names.map((name) => ({ kind: 'Group', group: { name } }));
const users = (...names: string[]): Subject[] => names.map((name) => ({ kind: 'User', user: { name } }));
const kubeSystemServiceAccounts = (...names: string[]): Subject[] =>
  names.map((name) => ({ kind: 'ServiceAccount', serviceAccount: { name, namespace: 'kube-system' } }));

function resourceRule(verbs: string[], apiGroups: string[], resources: string[], clusterScope: boolean): Record<string, unknown> {
  // Every default rule matches all namespaces; clusterScope false is the Go zero value, left out.
  return { verbs, apiGroups, resources, ...(clusterScope ? { clusterScope } : {}), namespaces: ['*'] };
}

const everything = { resourceRules: [resourceRule(['*'], ['*'], ['*'], true)], nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }] };

function flowSchema(name: string, level: string, matchingPrecedence: number, distinguisher: string, rule: Record<string, unknown>): KubeObject {
  return {
    apiVersion: 'flowcontrol.apiserver.k8s.io/v1',
    kind: 'FlowSchema',
    metadata: { name, annotations: { ...autoUpdate } },
    spec: {
      priorityLevelConfiguration: { name: level },
      matchingPrecedence,
      ...(distinguisher ? { distinguisherMethod: { type: distinguisher } } : {}),
      rules: [rule],
    },
  };
}

function queued(name: string, shares: number, lendablePercent: number, queues: number, handSize: number): KubeObject {
  return priorityLevel(name, {
    type: 'Limited',
    limited: {
      nominalConcurrencyShares: shares,
      lendablePercent,
      limitResponse: { type: 'Queue', queuing: { queues, handSize, queueLengthLimit: 50 } },
    },
  });
}

function priorityLevel(name: string, spec: Record<string, unknown>): KubeObject {
  return { apiVersion: 'flowcontrol.apiserver.k8s.io/v1', kind: 'PriorityLevelConfiguration', metadata: { name, annotations: { ...autoUpdate } }, spec };
}

/** The v1.32 default PriorityLevelConfigurations: the suggested ones, then the mandatory `catch-all` and `exempt`. */
export function defaultPriorityLevelConfigurations(): KubeObject[] {
  return [
    queued('system', 30, 33, 64, 6),
    queued('node-high', 40, 25, 64, 6),
    queued('leader-election', 10, 0, 16, 4),
    queued('workload-high', 40, 50, 128, 6),
    queued('workload-low', 100, 90, 128, 6),
    queued('global-default', 20, 50, 128, 6),
    priorityLevel('catch-all', { type: 'Limited', limited: { nominalConcurrencyShares: 5, lendablePercent: 0, limitResponse: { type: 'Reject' } } }),
    priorityLevel('exempt', { type: 'Exempt', exempt: { nominalConcurrencyShares: 0, lendablePercent: 0 } }),
  ];
}

/** The v1.32 default FlowSchemas: the suggested ones (in upstream's list order), then the mandatory `exempt` and `catch-all`. */
export function defaultFlowSchemas(): KubeObject[] {
  const controllerManager = 'system:kube-controller-manager';
  const scheduler = 'system:kube-scheduler';
  const everyone = groups('system:unauthenticated', 'system:authenticated');
  return [
    flowSchema('system-nodes', 'system', 500, 'ByUser', { subjects: groups('system:nodes'), ...everything }),
    flowSchema('system-node-high', 'node-high', 400, 'ByUser', {
      subjects: groups('system:nodes'),
      resourceRules: [resourceRule(['*'], [''], ['nodes', 'nodes/status'], true), resourceRule(['*'], ['coordination.k8s.io'], ['leases'], false)],
    }),
    flowSchema('probes', 'exempt', 2, '', {
      subjects: everyone,
      nonResourceRules: [{ verbs: ['get'], nonResourceURLs: ['/healthz', '/readyz', '/livez'] }],
    }),
    flowSchema('system-leader-election', 'leader-election', 100, 'ByUser', {
      subjects: [...users(controllerManager, scheduler), ...kubeSystemServiceAccounts('*')],
      resourceRules: [resourceRule(['get', 'create', 'update'], ['coordination.k8s.io'], ['leases'], false)],
    }),
    flowSchema('workload-leader-election', 'leader-election', 200, 'ByUser', {
      subjects: kubeSystemServiceAccounts('*'),
      resourceRules: [
        resourceRule(['get', 'create', 'update'], [''], ['endpoints', 'configmaps'], false),
        resourceRule(['get', 'create', 'update'], ['coordination.k8s.io'], ['leases'], false),
      ],
    }),
    flowSchema('endpoint-controller', 'workload-high', 150, 'ByUser', {
      subjects: [...users(controllerManager), ...kubeSystemServiceAccounts('endpoint-controller', 'endpointslicemirroring-controller')],
      resourceRules: [resourceRule(['get', 'create', 'update'], [''], ['endpoints'], false)],
    }),
    flowSchema('kube-controller-manager', 'workload-high', 800, 'ByNamespace', { subjects: users(controllerManager), ...everything }),
    flowSchema('kube-scheduler', 'workload-high', 800, 'ByNamespace', { subjects: users(scheduler), ...everything }),
    flowSchema('kube-system-service-accounts', 'workload-high', 900, 'ByNamespace', { subjects: kubeSystemServiceAccounts('*'), ...everything }),
    flowSchema('service-accounts', 'workload-low', 9000, 'ByUser', { subjects: groups('system:serviceaccounts'), ...everything }),
    flowSchema('global-default', 'global-default', 9900, 'ByUser', { subjects: everyone, ...everything }),
    flowSchema('exempt', 'exempt', 1, '', { subjects: groups('system:masters'), ...everything }),
    flowSchema('catch-all', 'catch-all', 10000, 'ByUser', { subjects: everyone, ...everything }),
  ];
}

/**
 * The status the APF config controller writes on a FlowSchema whose priority level exists: the
 * Dangling condition False, reason Found (`kubectl get flowschemas` shows it as MISSINGPL False).
 */
export function flowSchemaStatus(schema: KubeObject, lastTransitionTime: string): Record<string, unknown> {
  const level = ((schema.spec as { priorityLevelConfiguration?: { name?: string } } | undefined)?.priorityLevelConfiguration?.name) ?? '';
  return {
    conditions: [{
      type: 'Dangling',
      status: 'False',
      lastTransitionTime,
      reason: 'Found',
      message: `This FlowSchema references the PriorityLevelConfiguration object named ${JSON.stringify(level)} and it exists`,
    }],
  };
}

/**
 * groupPriorityMinimum and versionPriority of the built-in group versions (kube-apiserver's
 * apiVersionPriorities, v1.32): the higher the group's number, the earlier discovery lists it.
 */
export const apiVersionPriorities: Record<string, { group: number; version: number }> = {
  v1: { group: 18000, version: 1 },
  'apps/v1': { group: 17800, version: 15 },
  'events.k8s.io/v1': { group: 17750, version: 15 },
  'authentication.k8s.io/v1': { group: 17700, version: 15 },
  'authorization.k8s.io/v1': { group: 17600, version: 15 },
  'autoscaling/v1': { group: 17500, version: 15 },
  'autoscaling/v2': { group: 17500, version: 30 },
  'batch/v1': { group: 17400, version: 15 },
  'certificates.k8s.io/v1': { group: 17300, version: 15 },
  'networking.k8s.io/v1': { group: 17200, version: 15 },
  'policy/v1': { group: 17100, version: 15 },
  'rbac.authorization.k8s.io/v1': { group: 17000, version: 15 },
  'storage.k8s.io/v1': { group: 16800, version: 15 },
  'apiextensions.k8s.io/v1': { group: 16700, version: 15 },
  'admissionregistration.k8s.io/v1': { group: 16700, version: 15 },
  'scheduling.k8s.io/v1': { group: 16600, version: 15 },
  'coordination.k8s.io/v1': { group: 16500, version: 15 },
  'node.k8s.io/v1': { group: 16300, version: 15 },
  'discovery.k8s.io/v1': { group: 16200, version: 15 },
  'flowcontrol.apiserver.k8s.io/v1': { group: 16100, version: 21 },
};

/**
 * One APIService per built-in group version the API server itself serves, named
 * `<version>.<group>` (`v1.` for the core group), with no service: `kubectl get apiservices`
 * shows SERVICE `Local`. apiregistration.k8s.io is served by the aggregator and gets none.
 */
export function localAPIServices(): KubeObject[] {
  const seen = new Set<string>();
  const out: KubeObject[] = [];
  for (const { group, version } of builtinResources) {
    const key = group ? `${group}/${version}` : version;
    const priority = apiVersionPriorities[key];
    if (!priority || seen.has(key)) continue;
    seen.add(key);
    out.push({
      apiVersion: 'apiregistration.k8s.io/v1',
      kind: 'APIService',
      metadata: { name: `${version}.${group}` },
      spec: { group, version, groupPriorityMinimum: priority.group, versionPriority: priority.version },
    });
  }
  return out.sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1));
}

/** The status the aggregator's local availability controller writes: Available True, reason Local. */
export function localAPIServiceStatus(lastTransitionTime: string): Record<string, unknown> {
  return {
    conditions: [{ type: 'Available', status: 'True', lastTransitionTime, reason: 'Local', message: 'Local APIServices are always available' }],
  };
}
