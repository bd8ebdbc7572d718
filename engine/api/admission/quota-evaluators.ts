/**
 * Quota evaluators (pkg/quota/v1/evaluator/core and pkg/quota/v1/generic): for each kind of
 * object, which quota resources it is charged against, how much one object uses, and which
 * quota scopes it falls under. Admission charges a new object; the resourcequota controller
 * sums every object in the namespace. Pods, Services and PersistentVolumeClaims have evaluators
 * of their own; everything else is an object count (`count/deployments.apps`).
 */
import { parseLabelSelector } from '../selectors/labels-parser.ts';
import { matchLabels } from '../selectors/labels.ts';
import type { KubeObject } from '../types.ts';
import { computeQosClass } from '../defaulting/qos.ts';
import { podResourceTotal } from './pod-resources.ts';
import { addLists, count, parseResourceList, zeroQuantity, type ResourceList } from './resource-list.ts';

/** One `spec.scopes` entry or `spec.scopeSelector.matchExpressions` item. */
export interface ScopeSelector {
  scopeName: string;
  operator: string;
  values?: string[];
}

/** How quota measures one group-resource. */
export interface QuotaEvaluator {
  group: string;
  resource: string;
  /** `Handles`: whether this operation can change usage. */
  handles(operation: string): boolean;
  /** `MatchingResources`: the quota resource names (of those given) this evaluator tracks. */
  matchingResources(names: string[]): string[];
  /** `Usage` of one object at virtual time `now`. */
  usage(object: KubeObject, now: number): ResourceList;
  /** `MatchingScopes` for one selector; kinds without scopes match none. */
  matchesScope(selector: ScopeSelector, object: KubeObject): boolean;
  /** `Constraints`: what the object must state for the tracked resources, as the error text. */
  constraints(required: string[], object: KubeObject): string | undefined;
}

type Json = Record<string, unknown>;
const asObject = (value: unknown): Json => (value && typeof value === 'object' && !Array.isArray(value) ? value as Json : {});
const asArray = (value: unknown): Json[] => (Array.isArray(value) ? value.map(asObject) : []);

/** `count/<resource>` for the core group, `count/<resource>.<group>` otherwise. */
export function objectCountName(group: string, resource: string): string {
  return group === '' ? `count/${resource}` : `count/${resource}.${group}`;
}

const noScope = (): boolean => false;
const noConstraints = (): undefined => undefined;
const createOnly = (operation: string): boolean => operation === 'CREATE';
const createOrUpdate = (operation: string): boolean => operation === 'CREATE' || operation === 'UPDATE';

/** The pre-`count/` names some core kinds are also counted under. */
const legacyAliases: Record<string, string> = {
  configmaps: 'configmaps', resourcequotas: 'resourcequotas', replicationcontrollers: 'replicationcontrollers', secrets: 'secrets',
};

/** `NewObjectCountEvaluator`: one per object, charged on create only. */
export function objectCountEvaluator(group: string, resource: string): QuotaEvaluator {
  const names = [objectCountName(group, resource)];
  if (group === '' && legacyAliases[resource]) names.push(legacyAliases[resource]);
  return {
    group, resource, handles: createOnly, matchesScope: noScope, constraints: noConstraints,
    matchingResources: (input) => input.filter((name) => names.includes(name)),
    usage: () => new Map(names.map((name) => [name, count(1)])),
  };
}

const podResources = [
  'count/pods', 'cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage',
  'limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'pods',
];
/** The resources a pod must state per container when a quota tracks them (a historical coupling). */
const validationSet = new Set(['cpu', 'memory', 'requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory']);

/** `QuotaV1Pod`: terminal pods, and pods stuck terminating past their grace period, use no compute quota. */
export function podChargesQuota(pod: KubeObject, now: number): boolean {
  const phase = asObject(pod.status).phase;
  if (phase === 'Succeeded' || phase === 'Failed') return false;
  const { deletionTimestamp, deletionGracePeriodSeconds } = pod.metadata;
  if (deletionTimestamp && deletionGracePeriodSeconds !== undefined) {
    if (now > Date.parse(deletionTimestamp) + deletionGracePeriodSeconds * 1000) return false;
  }
  return true;
}

/** `podComputeUsageHelper`: `pods: 1` plus the compute resources the requests and limits name. */
function podComputeUsage(requests: ResourceList, limits: ResourceList): ResourceList {
  const usage: ResourceList = new Map([['pods', count(1)]]);
  for (const name of ['cpu', 'memory', 'ephemeral-storage']) {
    const request = requests.get(name);
    if (request) {
      usage.set(name, request);
      usage.set(`requests.${name}`, request);
    }
    const limit = limits.get(name);
    if (limit) usage.set(`limits.${name}`, limit);
  }
  for (const [name, request] of requests) {
    if (name.startsWith('hugepages-')) {
      usage.set(name, request);
      usage.set(`requests.${name}`, request);
    } else if (isExtendedResource(name)) {
      usage.set(`requests.${name}`, request);
    }
  }
  return usage;
}

/** `IsExtendedResourceName`: domain-qualified, outside `kubernetes.io/`, not `requests.`-prefixed. */
function isExtendedResource(name: string): boolean {
  return name.includes('/') && !name.startsWith('kubernetes.io/') && !name.includes('.kubernetes.io/') && !name.startsWith('requests.');
}

/** The pod evaluator: compute resources, `pods`, `count/pods`, and the Terminating/BestEffort/PriorityClass scopes. */
export const podEvaluator: QuotaEvaluator = {
  group: '', resource: 'pods',
  // In-place resize is off in v1.32, so only a create can change a pod's usage.
  handles: createOnly,
  matchingResources: (input) => input.filter((name) =>
    podResources.includes(name) || name.startsWith('hugepages-') || name.startsWith('requests.hugepages-') ||
    (name.startsWith('requests.') && isExtendedResource(name.slice('requests.'.length)))),
  usage(pod, now) {
    // count/pods counts every stored pod; the compute resources only pods that still run.
    const usage: ResourceList = new Map([['count/pods', count(1)]]);
    if (!podChargesQuota(pod, now)) return usage;
    const spec = asObject(pod.spec);
    return addLists(usage, podComputeUsage(podResourceTotal(spec, 'requests', true), podResourceTotal(spec, 'limits', true)));
  },
  matchesScope(selector, pod) {
    const spec = asObject(pod.spec);
    switch (selector.scopeName) {
      case 'Terminating': return isTerminating(spec);
      case 'NotTerminating': return !isTerminating(spec);
      case 'BestEffort': return computeQosClass(spec) === 'BestEffort';
      case 'NotBestEffort': return computeQosClass(spec) !== 'BestEffort';
      case 'PriorityClass': return matchesPriorityClass(selector, String(spec.priorityClassName ?? ''));
      case 'CrossNamespacePodAffinity': return usesCrossNamespaceAffinity(spec);
      default: return false;
    }
  },
  constraints(required, pod) {
    const requiredSet = required.filter((name) => validationSet.has(name));
    if (requiredSet.length === 0) return undefined;
    const missing = new Map<string, Set<string>>();
    const spec = asObject(pod.spec);
    for (const container of [...asArray(spec.containers), ...asArray(spec.initContainers)]) {
      const resources = asObject(container.resources);
      const stated = podComputeUsage(parseResourceList(resources.requests), parseResourceList(resources.limits));
      for (const name of requiredSet) {
        if (!stated.has(name)) missing.set(name, (missing.get(name) ?? new Set()).add(String(container.name)));
      }
    }
    if (missing.size === 0) return undefined;
    const parts = [...missing.keys()].sort().map((name) => `${name} for: ${[...missing.get(name)!].sort().join(',')}`);
    return `must specify ${parts.join('; ')}`;
  },
};

function isTerminating(spec: Json): boolean {
  return typeof spec.activeDeadlineSeconds === 'number' && spec.activeDeadlineSeconds >= 0;
}

/** `PriorityClass` scope: `Exists` means any class; otherwise a label selector over `{PriorityClass: name}`. */
function matchesPriorityClass(selector: ScopeSelector, className: string): boolean {
  if (selector.operator === 'Exists') return className !== '';
  const values = selector.values ?? [];
  const text = selector.operator === 'In' ? `PriorityClass in (${values.join(',')})`
    : selector.operator === 'NotIn' ? `PriorityClass notin (${values.join(',')})`
      : selector.operator === 'DoesNotExist' ? '!PriorityClass' : undefined;
  if (text === undefined) return false;
  const parsed = parseLabelSelector(text);
  return parsed.ok && matchLabels(parsed.value, { PriorityClass: className });
}

function usesCrossNamespaceAffinity(spec: Json): boolean {
  const affinity = asObject(spec.affinity);
  const terms = ['podAffinity', 'podAntiAffinity'].flatMap((kind) => {
    const group = asObject(affinity[kind]);
    return [
      ...asArray(group.requiredDuringSchedulingIgnoredDuringExecution),
      ...asArray(group.preferredDuringSchedulingIgnoredDuringExecution).map((weighted) => asObject(weighted.podAffinityTerm)),
    ];
  });
  return terms.some((term) => (Array.isArray(term.namespaces) && term.namespaces.length > 0) || term.namespaceSelector !== undefined);
}

const serviceResources = ['count/services', 'services', 'services.loadbalancers', 'services.nodeports'];

/** The Service evaluator: `services`, `services.nodeports` (one per port) and `services.loadbalancers`. */
export const serviceEvaluator: QuotaEvaluator = {
  group: '', resource: 'services', handles: createOrUpdate, matchesScope: noScope, constraints: noConstraints,
  matchingResources: (input) => input.filter((name) => serviceResources.includes(name)),
  usage(service) {
    const spec = asObject(service.spec);
    const ports = asArray(spec.ports);
    const usage: ResourceList = new Map([
      ['count/services', count(1)], ['services', count(1)],
      ['services.loadbalancers', zeroQuantity], ['services.nodeports', zeroQuantity],
    ]);
    if (spec.type === 'NodePort') usage.set('services.nodeports', count(ports.length));
    if (spec.type === 'LoadBalancer') {
      // With node port allocation turned off only the ports that ask for one count.
      const nodePorts = spec.allocateLoadBalancerNodePorts === false ? ports.filter((p) => p.nodePort !== undefined && p.nodePort !== 0).length : ports.length;
      usage.set('services.nodeports', count(nodePorts));
      usage.set('services.loadbalancers', count(1));
    }
    return usage;
  },
};

const storageClassSuffix = '.storageclass.storage.k8s.io/';

/** The PersistentVolumeClaim evaluator: claims and requested storage, overall and per StorageClass. */
export const claimEvaluator: QuotaEvaluator = {
  group: '', resource: 'persistentvolumeclaims', handles: createOrUpdate, matchesScope: noScope, constraints: noConstraints,
  matchingResources: (input) => input.filter((name) =>
    ['count/persistentvolumeclaims', 'persistentvolumeclaims', 'requests.storage'].includes(name) ||
    (name.includes(storageClassSuffix) && ['requests.storage', 'persistentvolumeclaims'].includes(name.slice(name.indexOf(storageClassSuffix) + storageClassSuffix.length)))),
  usage(claim) {
    const spec = asObject(claim.spec);
    const usage: ResourceList = new Map([['persistentvolumeclaims', count(1)], ['count/persistentvolumeclaims', count(1)]]);
    const className = String(spec.storageClassName ?? claim.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? '');
    if (className) usage.set(`${className}${storageClassSuffix}persistentvolumeclaims`, count(1));
    // The larger of what the claim asks and what an expansion has already allocated.
    const requested = parseResourceList(asObject(asObject(spec.resources).requests)).get('storage');
    const allocated = parseResourceList(asObject(claim.status).allocatedResources).get('storage');
    const storage = requested && allocated ? (allocated.nanos > requested.nanos ? allocated : requested) : requested ?? allocated;
    if (storage) {
      usage.set('requests.storage', storage);
      if (className) usage.set(`${className}${storageClassSuffix}requests.storage`, storage);
    }
    return usage;
  },
};

/** The evaluator for a group-resource: the special ones, else an object count. Events are never quota'd. */
export function evaluatorFor(group: string, resource: string): QuotaEvaluator | undefined {
  if (resource === 'events' && (group === '' || group === 'events.k8s.io')) return undefined;
  if (group === '' && resource === 'pods') return podEvaluator;
  if (group === '' && resource === 'services') return serviceEvaluator;
  if (group === '' && resource === 'persistentvolumeclaims') return claimEvaluator;
  return objectCountEvaluator(group, resource);
}

/** `getScopeSelectorsFromQuota`: `spec.scopes` as Exists selectors, then `spec.scopeSelector`. */
export function quotaScopeSelectors(quota: KubeObject): ScopeSelector[] {
  const spec = asObject(quota.spec);
  const scopes = Array.isArray(spec.scopes) ? spec.scopes.map((scope) => ({ scopeName: String(scope), operator: 'Exists' })) : [];
  const expressions = asArray(asObject(spec.scopeSelector).matchExpressions).map((e) => ({
    scopeName: String(e.scopeName ?? ''), operator: String(e.operator ?? ''), values: Array.isArray(e.values) ? e.values.map(String) : undefined,
  }));
  return [...scopes, ...expressions];
}

/** `generic.Matches`: the quota tracks a resource this evaluator charges, and every scope matches. */
export function quotaMatches(evaluator: QuotaEvaluator, hardNames: string[], quota: KubeObject, object: KubeObject): boolean {
  if (evaluator.matchingResources(hardNames).length === 0) return false;
  return quotaScopeSelectors(quota).every((selector) => evaluator.matchesScope(selector, object));
}
