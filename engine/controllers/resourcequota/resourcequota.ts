/**
 * The resourcequota controller (pkg/controller/resourcequota): keeps each ResourceQuota's
 * `status.hard` equal to `spec.hard` and `status.used` equal to what the namespace really uses.
 * Admission charges quota as objects are created; this controller gives it back ("replenishes")
 * when they go away — a pod deleted or finished, a Service that stops being a LoadBalancer, a
 * claim that shrinks — and recounts everything every five minutes, as `--resource-quota-sync-period`.
 */
import { evaluatorFor, podChargesQuota, quotaScopeSelectors, type QuotaEvaluator } from '../../api/admission/quota-evaluators.ts';
import {
  addLists, equalLists, maskList, parseResourceList, toJSONResourceList, zeroQuantity, type ResourceList,
} from '../../api/admission/resource-list.ts';
import { resourcePath, type Registry } from '../../api/registry.ts';
import type { KubeObject } from '../../api/types.ts';
import type { Controller, ControllerEnv, SyncResult } from '../../runtime/controller.ts';
import { keyOf, splitKey, type Informer } from '../../runtime/informer.ts';
import { WorkQueue } from '../../runtime/workqueue.ts';

/** kube-controller-manager's `--resource-quota-sync-period` default: a full recount every 5 minutes. */
export const quotaResyncPeriodMs = 5 * 60 * 1000;

const legacyCountNames: Record<string, string> = {
  configmaps: 'configmaps', secrets: 'secrets', resourcequotas: 'resourcequotas', replicationcontrollers: 'replicationcontrollers',
};

type Json = Record<string, unknown>;

/** The ResourceQuota controller: `syncResourceQuota` per quota key `namespace/name`. */
export class ResourceQuotaController implements Controller {
  readonly name = 'resourcequota-controller';
  readonly queue = new WorkQueue();
  private env!: ControllerEnv;
  private quotas!: Informer;
  /** Informers of the kinds quotas count, by `group/resource`, made as quotas first name them. */
  private monitors = new Map<string, Informer>();

  constructor(private readonly registry: Registry) {}

  start(env: ControllerEnv): void {
    this.env = env;
    this.quotas = env.informer('/api/v1/resourcequotas');
    this.quotas.addHandler({
      onAdd: (quota) => this.queue.add(keyOf(quota)),
      // Only a change of what is limited needs a recount; our own status writes do not.
      onUpdate: (old, quota) => JSON.stringify(old.spec) !== JSON.stringify(quota.spec) && this.queue.add(keyOf(quota)),
    });
    this.monitor('', 'pods', (old, pod) => podChargesQuota(old, this.env.clock.now()) && !podChargesQuota(pod, this.env.clock.now()));
    this.monitor('', 'services', (old, service) => (old.spec as Json | undefined)?.type !== (service.spec as Json | undefined)?.type);
    this.monitor('', 'persistentvolumeclaims', (old, claim) => storageOf(old) !== storageOf(claim));
  }

  /** Watch a counted kind: a delete, or an update that lowers usage, replenishes its namespace's quotas. */
  private monitor(group: string, resource: string, lowersUsage: (old: KubeObject, object: KubeObject) => boolean = () => false): Informer | undefined {
    const id = `${group}/${resource}`;
    const existing = this.monitors.get(id);
    if (existing) return existing;
    const info = this.registry.all().find((r) => r.group === group && r.resource === resource && r.namespaced && r.verbs.includes('watch'));
    if (!info) return undefined;
    const informer = this.env.informer(resourcePath(info));
    this.monitors.set(id, informer);
    informer.addHandler({
      onUpdate: (old, object) => lowersUsage(old, object) && this.replenish(object.metadata.namespace),
      onDelete: (object) => this.replenish(object.metadata.namespace),
    });
    return informer;
  }

  private replenish(namespace: string | undefined): void {
    if (!namespace) return;
    for (const quota of this.quotas.list()) if (quota.metadata.namespace === namespace) this.queue.add(keyOf(quota));
  }

  /** `syncResourceQuota`: recount, and write the status when hard or used changed. */
  sync(key: string): SyncResult {
    const quota = this.quotas.get(key);
    if (!quota) return;
    const { namespace } = splitKey(key);
    const spec = (quota.spec ?? {}) as Json;
    const status = (quota.status ?? {}) as Json;
    const hard = parseResourceList(spec.hard);
    const hardNames = [...hard.keys()];
    const newUsage = this.calculateUsage(namespace!, quota, hardNames);
    // Keep usage of resources nobody can measure (as upstream does), limited to what is still hard.
    const used = maskList(addLists(new Map(), new Map([...parseResourceList(status.used), ...newUsage])), hardNames);
    const dirty = status.hard === undefined || status.used === undefined ||
      !equalLists(parseResourceList(status.hard), hard) || !equalLists(parseResourceList(status.used), used);
    if (dirty) {
      const body = { ...quota, status: { hard: toJSONResourceList(hard), used: toJSONResourceList(used) } };
      const response = this.env.api.handle({ method: 'PUT', path: `${resourcePath({ group: '', version: 'v1', resource: 'resourcequotas', namespaced: true }, namespace, quota.metadata.name)}/status`, body });
      if (response.status >= 400) throw new Error(`update status of quota ${key}: ${response.status}`);
    }
    return { requeueAfter: quotaResyncPeriodMs };
  }

  /** `quota.CalculateUsage`: each evaluator sums the matching objects of the namespace for its resources. */
  private calculateUsage(namespace: string, quota: KubeObject, hardNames: string[]): ResourceList {
    let usage: ResourceList = new Map();
    const selectors = quotaScopeSelectors(quota);
    const now = this.env.clock.now();
    for (const [group, resource] of this.countedKinds(hardNames)) {
      const evaluator = evaluatorFor(group, resource);
      const informer = this.monitor(group, resource);
      if (!evaluator || !informer) continue;
      const names = evaluator.matchingResources(hardNames);
      if (names.length === 0) continue;
      usage = addLists(usage, usageStats(evaluator, names, selectors, informer.list().filter((o) => o.metadata.namespace === namespace), now));
    }
    return usage;
  }

  /** The group-resources a quota's hard names are about. */
  private countedKinds(hardNames: string[]): [string, string][] {
    const kinds = new Map<string, [string, string]>();
    const add = (group: string, resource: string) => kinds.set(`${group}/${resource}`, [group, resource]);
    for (const special of ['pods', 'services', 'persistentvolumeclaims']) {
      if (evaluatorFor('', special)!.matchingResources(hardNames).length > 0) add('', special);
    }
    for (const name of hardNames) {
      if (legacyCountNames[name]) add('', name);
      if (!name.startsWith('count/')) continue;
      const [resource, ...group] = name.slice('count/'.length).split('.');
      add(group.join('.'), resource);
    }
    return [...kinds.values()];
  }
}

/** `CalculateUsageStats`: every tracked resource starts at zero; objects out of scope do not count. */
function usageStats(evaluator: QuotaEvaluator, names: string[], selectors: ReturnType<typeof quotaScopeSelectors>, objects: KubeObject[], now: number): ResourceList {
  let used: ResourceList = new Map(names.map((name) => [name, zeroQuantity]));
  for (const object of objects) {
    if (!selectors.every((selector) => evaluator.matchesScope(selector, object))) continue;
    used = addLists(used, maskList(evaluator.usage(object, now), names));
  }
  return used;
}

function storageOf(claim: KubeObject): unknown {
  return ((((claim.spec as Json | undefined)?.resources as Json | undefined)?.requests as Json | undefined)?.storage);
}
