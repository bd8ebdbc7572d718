/**
 * The ReplicaSet controller (pkg/controller/replicaset): keep `spec.replicas` pods that match the
 * selector. Handlers only enqueue the ReplicaSet's key; `sync` claims pods (adopting matching
 * orphans, releasing pods that stopped matching), creates or deletes the difference in slow-start
 * batches of at most 500 (BurstReplicas), and writes status. Expectations keep a sync from acting
 * again before the informer has seen the pods the previous sync created or deleted.
 */
import type { KubeObject } from '../../api/types.ts';
import { labelSelectorAsSelector } from '../../api/selectors/label-selector.ts';
import { matchLabels } from '../../api/selectors/labels.ts';
import type { Controller, ControllerEnv, SyncResult } from '../../runtime/controller.ts';
import { EventRecorder } from '../../runtime/events.ts';
import type { Informer } from '../../runtime/informer.ts';
import { keyOf } from '../../runtime/informer.ts';
import { WorkQueue } from '../../runtime/workqueue.ts';
import { claim } from './controller-ref.ts';
import { ControllerExpectations } from './expectations.ts';
import { OwnerIndex } from './pod-index.ts';
import { PodControl, errorText, namespaceTerminating, slowStartBatch, slowStartInitialBatchSize } from './pod-control.ts';
import { podsToDelete } from './pods-to-delete.ts';
import { calculateStatus, nextAvailableAt, statusNeedsUpdate } from './status.ts';
import { controllerOf, isPodActive, isPodReady, rsSpec, specReplicas, withKind } from './types.ts';

/** `BurstReplicas`: the most pods one sync creates or deletes. */
export const burstReplicas = 500;

const replicaSetsPath = '/apis/apps/v1/replicasets';

/** Keeps each ReplicaSet's pod count at spec.replicas and reports it in status. */
export class ReplicaSetController implements Controller {
  readonly name = 'replicaset-controller';
  readonly queue = new WorkQueue();
  private env!: ControllerEnv;
  private replicaSets!: Informer;
  private pods = new OwnerIndex();
  private replicaSetsByOwner = new OwnerIndex();
  private expectations!: ControllerExpectations;
  private podControl!: PodControl;

  start(env: ControllerEnv): void {
    this.env = env;
    this.expectations = new ControllerExpectations(env.clock);
    this.podControl = new PodControl(env.api, new EventRecorder(env.api, env.clock, { component: this.name }));
    this.replicaSets = env.informer(replicaSetsPath);
    this.replicaSets.addHandler({
      onAdd: (rs) => { this.replicaSetsByOwner.upsert(undefined, rs); this.queue.add(keyOf(rs)); },
      onUpdate: (old, rs) => { this.replicaSetsByOwner.upsert(old, rs); this.queue.add(keyOf(rs)); },
      onDelete: (rs) => {
        this.replicaSetsByOwner.remove(rs);
        this.expectations.delete(keyOf(rs));
        this.queue.add(keyOf(rs));
      },
    });
    env.informer('/api/v1/pods').addHandler({
      onAdd: (pod) => this.addPod(pod),
      onUpdate: (old, pod) => this.updatePod(old, pod),
      onDelete: (pod) => this.deletePod(pod),
    });
  }

  /** The ReplicaSet a controllerRef points at, if it is in the cache with that UID. */
  private resolve(pod: KubeObject): KubeObject | undefined {
    const ref = controllerOf(pod);
    if (!ref || ref.kind !== 'ReplicaSet') return undefined;
    const rs = this.replicaSets.get(`${pod.metadata.namespace}/${ref.name}`);
    return rs?.metadata.uid === ref.uid ? rs : undefined;
  }

  /** `getPodReplicaSets`: ReplicaSets in the pod's namespace whose selector matches it (for orphans). */
  private matchingReplicaSets(pod: KubeObject): KubeObject[] {
    const out: KubeObject[] = [];
    for (const rs of this.replicaSets.list()) {
      if (rs.metadata.namespace !== pod.metadata.namespace) continue;
      const selector = labelSelectorAsSelector(rsSpec(rs).selector);
      if (selector.ok && !selector.value.nothing && selector.value.requirements.length && matchLabels(selector.value, pod.metadata.labels ?? {})) out.push(rs);
    }
    return out;
  }

  private addPod(pod: KubeObject): void {
    this.pods.upsert(undefined, pod);
    if (pod.metadata.deletionTimestamp) return this.deletePod(pod, true);
    const rs = this.resolve(pod);
    if (rs) {
      this.expectations.creationObserved(keyOf(rs));
      this.queue.add(keyOf(rs));
      return;
    }
    if (!controllerOf(pod)) for (const match of this.matchingReplicaSets(pod)) this.queue.add(keyOf(match));
  }

  private updatePod(old: KubeObject, pod: KubeObject): void {
    this.pods.upsert(old, pod);
    if (old.metadata.resourceVersion === pod.metadata.resourceVersion) return;
    const labelsChanged = JSON.stringify(old.metadata.labels ?? {}) !== JSON.stringify(pod.metadata.labels ?? {});
    if (pod.metadata.deletionTimestamp) {
      this.deletePod(pod, true);
      if (labelsChanged) this.deletePod(old, true);
      return;
    }
    const oldRef = controllerOf(old), ref = controllerOf(pod);
    const refChanged = oldRef?.uid !== ref?.uid;
    if (refChanged && oldRef) {
      const oldRs = this.resolve(old);
      if (oldRs) this.queue.add(keyOf(oldRs));
    }
    if (ref) {
      const rs = this.resolve(pod);
      if (!rs) return;
      this.queue.add(keyOf(rs));
      // A pod that just turned Ready becomes available minReadySeconds later: look again then.
      const minReadySeconds = rsSpec(rs).minReadySeconds ?? 0;
      if (!isPodReady(old) && isPodReady(pod) && minReadySeconds > 0) {
        this.queue.addAt(keyOf(rs), this.env.clock.now() + minReadySeconds * 1000 + 1000);
      }
      return;
    }
    if (labelsChanged || refChanged) for (const match of this.matchingReplicaSets(pod)) this.queue.add(keyOf(match));
  }

  private deletePod(pod: KubeObject, stillThere = false): void {
    if (!stillThere) this.pods.remove(pod);
    const rs = this.resolve(pod);
    if (!rs) return;
    this.expectations.deletionObserved(keyOf(rs), keyOf(pod));
    this.queue.add(keyOf(rs));
  }

  sync(key: string): SyncResult {
    const cached = this.replicaSets.get(key);
    if (!cached) {
      this.expectations.delete(key);
      return;
    }
    const rs = withKind(cached, 'apps/v1', 'ReplicaSet');
    const needsSync = this.expectations.satisfied(key);
    const selector = labelSelectorAsSelector(rsSpec(rs).selector);
    if (!selector.ok) return;
    const namespace = rs.metadata.namespace!;
    const candidates = [...this.pods.owned(rs.metadata.uid!), ...this.pods.orphansIn(namespace)].filter(isPodActive);
    const pods = claim({
      api: this.env.api, owner: rs, ownerKind: { apiVersion: 'apps/v1', kind: 'ReplicaSet' }, ownerPath: `/apis/apps/v1/namespaces/${namespace}/replicasets`, selector: selector.value,
      pathOf: (pod) => `/api/v1/namespaces/${namespace}/pods/${pod.metadata.name}`,
    }, candidates);
    let manageError: string | undefined;
    if (needsSync && !rs.metadata.deletionTimestamp) manageError = this.manageReplicas(pods, rs);
    const now = this.env.clock.now();
    const status = calculateStatus(rs, pods, manageError, now);
    if (statusNeedsUpdate(rs, status)) {
      status.observedGeneration = rs.metadata.generation ?? 0;
      // `replicas` is always written; the other counts are `omitempty`.
      const body: Record<string, unknown> = { replicas: status.replicas };
      for (const [field, value] of Object.entries(status)) if (value !== 0 && value !== undefined) body[field] = value;
      const response = this.env.api.handle({
        method: 'PUT', path: `/apis/apps/v1/namespaces/${namespace}/replicasets/${rs.metadata.name}/status`, body: { ...rs, status: body },
      });
      if (response.status >= 300) throw new Error(`update status of ${key}: ${errorText(response)}`);
    }
    if (manageError !== undefined) throw new Error(manageError);
    const availableAt = nextAvailableAt(rs, pods, now);
    if (availableAt !== undefined) return { requeueAfter: availableAt - now };
  }

  /** Create or delete the difference between the pods there are and `spec.replicas`; the error text if any failed. */
  private manageReplicas(pods: KubeObject[], rs: KubeObject): string | undefined {
    const key = keyOf(rs);
    const diff = pods.length - specReplicas(rs);
    if (diff < 0) {
      const count = Math.min(-diff, burstReplicas);
      this.expectations.expectCreations(key, count);
      let error: string | undefined;
      const template = rsSpec(rs).template ?? {};
      const created = slowStartBatch(count, slowStartInitialBatchSize, () => {
        const response = this.podControl.createPod(template, rs);
        if (response.status < 300 || namespaceTerminating(response)) return true;
        error ??= errorText(response);
        return false;
      });
      // Pods never attempted (or refused) will never show up in the informer: stop waiting for them.
      for (let i = created; i < count; i++) this.expectations.creationObserved(key);
      return error;
    }
    if (diff > 0) {
      const count = Math.min(diff, burstReplicas);
      const victims = podsToDelete(pods, this.relatedPods(rs), count, this.env.clock.now());
      this.expectations.expectDeletions(key, victims.map(keyOf));
      let error: string | undefined;
      for (const pod of victims) {
        const response = this.podControl.deletePod(pod, rs);
        if (response.status >= 300) {
          if (response.status !== 404) error ??= errorText(response);
          this.expectations.deletionObserved(key, keyOf(pod));
        }
      }
      return error;
    }
    return undefined;
  }

  /** `getIndirectlyRelatedPods`: pods of every ReplicaSet with the same controller (e.g. one Deployment). */
  private relatedPods(rs: KubeObject): KubeObject[] {
    const owner = controllerOf(rs);
    if (!owner) return [...this.pods.owned(rs.metadata.uid!)];
    const out: KubeObject[] = [];
    for (const sibling of this.replicaSetsByOwner.owned(owner.uid)) out.push(...this.pods.owned(sibling.metadata.uid!));
    return out;
  }
}
