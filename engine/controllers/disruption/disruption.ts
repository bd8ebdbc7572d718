/**
 * The disruption controller (pkg/controller/disruption): keeps each PodDisruptionBudget's status
 * — expectedPods, desiredHealthy, currentHealthy, disruptionsAllowed, disruptedPods,
 * observedGeneration and the DisruptionAllowed condition — in line with its pods and, for
 * percentages and maxUnavailable, with the scale of the pods' controllers (ReplicationController,
 * Deployment, ReplicaSet, StatefulSet, or any resource with a `scale` subresource). The eviction
 * API reads that status to allow or refuse an eviction.
 *
 * Queue keys: `NS/NAME` of a budget.
 */
import type { Registry } from '../../api/registry.ts';
import { resourcePath } from '../../api/registry.ts';
import { labelSelectorAsSelector } from '../../api/selectors/label-selector.ts';
import type { LabelSelector } from '../../api/selectors/label-selector.ts';
import { matchLabels } from '../../api/selectors/labels.ts';
import type { KubeObject, OwnerReference } from '../../api/types.ts';
import type { Controller, ControllerEnv, SyncResult } from '../../runtime/controller.ts';
import { EventRecorder } from '../../runtime/events.ts';
import type { Informer } from '../../runtime/informer.ts';
import { keyOf } from '../../runtime/informer.ts';
import { WorkQueue } from '../../runtime/workqueue.ts';
import type { BudgetSpec, BudgetStatus } from './budget.ts';
import {
  conditionsAreUpToDate, countHealthyPods, disruptedPodMap, disruptionsAllowed, expectedAndDesired, needsScale,
  setCondition, withDisruptionAllowedCondition,
} from './budget.ts';
import { deepEqual } from '../../api/handlers/common.ts';

function controllerOf(object: KubeObject): OwnerReference | undefined {
  return object.metadata.ownerReferences?.find((o) => o.controller);
}

function groupOf(apiVersion: string): string {
  return apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
}

/** Keeps PodDisruptionBudget status current. */
export class DisruptionController implements Controller {
  readonly name = 'disruption-controller';
  readonly queue = new WorkQueue();
  private env!: ControllerEnv;
  private pdbs!: Informer;
  private pods!: Informer;
  private workloads!: Record<'rc' | 'rs' | 'deploy' | 'sts', Informer>;
  private recorder!: EventRecorder;
  /** Pod keys per namespace, so a budget's sync looks only at its own namespace. */
  private readonly podsByNamespace = new Map<string, Set<string>>();

  /** `registry` finds the resource of a custom controller kind, to read its `scale` subresource. */
  constructor(private readonly registry?: Registry) {}

  start(env: ControllerEnv): void {
    this.env = env;
    // The disruption controller's recorder names its source "controllermanager".
    this.recorder = new EventRecorder(env.api, env.clock, { component: 'controllermanager' });
    this.pdbs = env.informer('/apis/policy/v1/poddisruptionbudgets');
    this.pods = env.informer('/api/v1/pods');
    this.workloads = {
      rc: env.informer('/api/v1/replicationcontrollers'),
      rs: env.informer('/apis/apps/v1/replicasets'),
      deploy: env.informer('/apis/apps/v1/deployments'),
      sts: env.informer('/apis/apps/v1/statefulsets'),
    };
    this.pdbs.addHandler({
      onAdd: (pdb) => this.queue.add(keyOf(pdb)),
      onUpdate: (_old, pdb) => this.queue.add(keyOf(pdb)),
      onDelete: (pdb) => this.queue.add(keyOf(pdb)),
    });
    this.pods.addHandler({
      onAdd: (pod) => { this.index(pod, true); this.enqueueForPod(pod); },
      onUpdate: (_old, pod) => this.enqueueForPod(pod),
      onDelete: (pod) => { this.index(pod, false); this.enqueueForPod(pod); },
    });
  }

  private index(pod: KubeObject, add: boolean): void {
    const namespace = pod.metadata.namespace!;
    let set = this.podsByNamespace.get(namespace);
    if (!set) this.podsByNamespace.set(namespace, (set = new Set()));
    if (add) set.add(keyOf(pod));
    else set.delete(keyOf(pod));
  }

  /** getPdbForPod: the (first) budget selecting this pod; a pod selected by several gets a warning. */
  private enqueueForPod(pod: KubeObject): void {
    const matching = this.pdbs.list().filter((pdb) => pdb.metadata.namespace === pod.metadata.namespace && this.selects(pdb, pod));
    if (!matching.length) return;
    if (matching.length > 1) {
      const message = `Pod "${pod.metadata.namespace}"/"${pod.metadata.name}" matches multiple PodDisruptionBudgets.  Chose "${matching[0].metadata.name}" arbitrarily.`;
      this.recorder.event(pod, 'Warning', 'MultiplePodDisruptionBudgets', message);
    }
    this.queue.add(keyOf(matching[0]));
  }

  private selects(pdb: KubeObject, pod: KubeObject): boolean {
    const selector = labelSelectorAsSelector((pdb.spec as { selector?: LabelSelector } | undefined)?.selector);
    return selector.ok && matchLabels(selector.value, pod.metadata.labels);
  }

  sync(key: string): SyncResult {
    const pdb = this.pdbs.get(key);
    if (!pdb) return;
    try {
      return this.trySync(pdb);
    } catch (error) {
      if (error instanceof ConflictError) throw error;
      this.failSafe(pdb, error instanceof Error ? error.message : String(error));
    }
  }

  private trySync(pdb: KubeObject): SyncResult {
    const now = this.env.clock.now();
    const pods: KubeObject[] = [];
    for (const key of this.podsByNamespace.get(pdb.metadata.namespace!) ?? []) {
      const pod = this.pods.get(key);
      if (pod && this.selects(pdb, pod)) pods.push(pod);
    }
    if (!pods.length) this.recorder.event(pdb, 'Normal', 'NoPods', 'No matching pods found');
    const spec = (pdb.spec ?? {}) as BudgetSpec & { selector?: unknown };
    let scale = 0;
    if (needsScale(spec)) {
      try {
        ({ scale } = this.expectedScale(pdb, pods));
      } catch (error) {
        this.recorder.event(pdb, 'Warning', 'CalculateExpectedPodCountFailed', `Failed to calculate the number of expected pods: ${(error as Error).message}`);
        throw error;
      }
    }
    const { expectedCount, desiredHealthy } = expectedAndDesired(spec, pods.length, scale);
    const old = (pdb.status ?? {}) as BudgetStatus;
    const { kept, notDeleted, recheckAt } = disruptedPodMap(pods, old.disruptedPods, now);
    for (const pod of notDeleted) {
      // The real message names the namespace twice (pdb.Namespace, pdb.Namespace).
      this.recorder.event(pod, 'Warning', 'NotDeleted', `Pod was expected by PDB ${pdb.metadata.namespace}/${pdb.metadata.namespace} to be deleted but it wasn't`);
    }
    const currentHealthy = countHealthyPods(pods, kept, now);
    this.updatePdbStatus(pdb, { currentHealthy, desiredHealthy, expectedPods: expectedCount, disruptionsAllowed: disruptionsAllowed(currentHealthy, desiredHealthy, expectedCount), disruptedPods: kept }, now);
    if (recheckAt !== undefined) return { requeueAfter: recheckAt - now };
  }

  /**
   * getExpectedScale: the sum of the scale of every distinct controller of the pods. Pods with
   * no controller are left out (the real controller reports them in an `UnmanagedPods` event).
   */
  private expectedScale(pdb: KubeObject, pods: KubeObject[]): { scale: number; unmanaged: string[] } {
    const scales = new Map<string, number>();
    const unmanaged: string[] = [];
    for (const pod of pods) {
      const ref = controllerOf(pod);
      if (!ref) {
        unmanaged.push(pod.metadata.name!);
        continue;
      }
      if (scales.has(ref.uid)) continue;
      const found = this.findControllerScale(ref, pod.metadata.namespace!);
      if (!found) throw new Error(`found no controllers for pod "${pod.metadata.name}"`);
      scales.set(found.uid, found.scale);
    }
    if (unmanaged.length) {
      this.recorder.event(pdb, 'Warning', 'UnmanagedPods', `Pods selected by this PodDisruptionBudget (selector: ${goSelector((pdb.spec as { selector?: LabelSelector }).selector)}) were found to be unmanaged. As a result, the status of the PDB cannot be calculated correctly, which may result in undefined behavior. To account for these pods please set ".spec.minAvailable" field of the PDB to an integer value.`);
    }
    let scale = 0;
    for (const value of scales.values()) scale += value;
    return { scale, unmanaged };
  }

  /** The finders, in the real order: RC, Deployment (through its ReplicaSet), ReplicaSet, StatefulSet, then any scale subresource. */
  private findControllerScale(ref: OwnerReference, namespace: string): { uid: string; scale: number } | undefined {
    const group = groupOf(ref.apiVersion);
    const replicas = (o: KubeObject): number => (o.spec as { replicas?: number }).replicas ?? 1;
    const get = (informer: Informer, name: string, uid: string): KubeObject | undefined => {
      const object = informer.get(`${namespace}/${name}`);
      return object?.metadata.uid === uid ? object : undefined;
    };
    if (ref.kind === 'ReplicationController' && group === '') {
      const rc = get(this.workloads.rc, ref.name, ref.uid);
      if (rc) return { uid: ref.uid, scale: replicas(rc) };
    }
    if (ref.kind === 'ReplicaSet' && (group === 'apps' || group === 'extensions')) {
      const rs = get(this.workloads.rs, ref.name, ref.uid);
      if (rs) {
        const owner = controllerOf(rs);
        if (owner?.kind === 'Deployment') {
          const deployment = get(this.workloads.deploy, owner.name, owner.uid);
          if (deployment) return { uid: owner.uid, scale: replicas(deployment) };
          return undefined;
        }
        return { uid: ref.uid, scale: replicas(rs) };
      }
    }
    if (ref.kind === 'StatefulSet' && group === 'apps') {
      const sts = get(this.workloads.sts, ref.name, ref.uid);
      if (sts) return { uid: ref.uid, scale: replicas(sts) };
    }
    return this.scaleSubresource(ref, namespace);
  }

  /** getScaleController: GET the controller's `scale` subresource. */
  private scaleSubresource(ref: OwnerReference, namespace: string): { uid: string; scale: number } | undefined {
    const info = this.registry?.byKind(ref.apiVersion, ref.kind);
    if (!info) throw new Error(`no matches for kind "${ref.kind}" in version "${ref.apiVersion}"`);
    if (!info.subresources?.includes('scale') && !info.custom) throw new Error(`${info.group ? `${info.resource}.${info.group}` : info.resource} does not implement the scale subresource`);
    const response = this.env.api.handle({ method: 'GET', path: `${resourcePath(info, namespace, ref.name)}/scale` });
    if (response.status !== 200) return undefined;
    const scale = response.body as KubeObject;
    if (scale.metadata.uid !== ref.uid) return undefined;
    return { uid: ref.uid, scale: (scale.spec as { replicas?: number }).replicas ?? 0 };
  }

  /** updatePdbStatus: write only when something changed (the eviction API also writes this status). */
  private updatePdbStatus(pdb: KubeObject, computed: Omit<BudgetStatus, 'observedGeneration' | 'conditions'>, now: number): void {
    const old = (pdb.status ?? {}) as BudgetStatus;
    const generation = pdb.metadata.generation ?? 1;
    const unchanged = old.currentHealthy === computed.currentHealthy && old.desiredHealthy === computed.desiredHealthy &&
      old.expectedPods === computed.expectedPods && old.disruptionsAllowed === computed.disruptionsAllowed &&
      deepEqual(old.disruptedPods ?? {}, computed.disruptedPods ?? {}) && conditionsAreUpToDate(old, generation);
    if (unchanged) return;
    const status: BudgetStatus = { observedGeneration: generation, ...computed, conditions: old.conditions };
    if (!Object.keys(computed.disruptedPods ?? {}).length) delete status.disruptedPods;
    this.writeStatus(pdb, withDisruptionAllowedCondition(status, now));
  }

  /** failSafe: when the status cannot be computed, allow no disruptions and say why. */
  private failSafe(pdb: KubeObject, message: string): void {
    const old = (pdb.status ?? {}) as BudgetStatus;
    const conditions = setCondition(old.conditions, {
      type: 'DisruptionAllowed', status: 'False', observedGeneration: old.observedGeneration, reason: 'SyncFailed', message,
    }, this.env.clock.now());
    this.writeStatus(pdb, { ...old, disruptionsAllowed: 0, conditions });
  }

  private writeStatus(pdb: KubeObject, status: BudgetStatus): void {
    const response = this.env.api.handle({
      method: 'PUT',
      path: `/apis/policy/v1/namespaces/${pdb.metadata.namespace}/poddisruptionbudgets/${pdb.metadata.name}/status`,
      body: { ...pdb, apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', status },
    });
    if (response.status === 409) throw new ConflictError(`PodDisruptionBudget ${keyOf(pdb)} changed while writing its status`);
  }
}

/** A write conflict: retried with back-off, never turned into a SyncFailed condition. */
class ConflictError extends Error {}

/**
 * How Go's %v prints a *metav1.LabelSelector (its generated String method), as the UnmanagedPods
 * event shows it: `&LabelSelector{MatchLabels:map[string]string{app: web,},MatchExpressions:[]LabelSelectorRequirement{},}`.
 */
export function goSelector(selector: LabelSelector | undefined): string {
  if (!selector) return '<nil>';
  const matchLabels = selector.matchLabels ?? {};
  const labels = Object.keys(matchLabels).sort().map((k) => `${k}: ${String(matchLabels[k])},`).join('');
  const expressions = (selector.matchExpressions ?? [])
    .map((e) => `LabelSelectorRequirement{Key:${String(e.key)},Operator:${String(e.operator)},Values:[${(Array.isArray(e.values) ? e.values : []).join(' ')}],},`).join('');
  return `&LabelSelector{MatchLabels:map[string]string{${labels}},MatchExpressions:[]LabelSelectorRequirement{${expressions}},}`;
}
