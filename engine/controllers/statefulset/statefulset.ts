/**
 * The StatefulSet controller (pkg/controller/statefulset/stateful_set.go): handlers index pods
 * and ControllerRevisions by controller UID and enqueue the set; `sync` adopts orphaned
 * revisions, claims the set's pods (matching the selector and named `<set>-<n>`), runs one pass
 * (control.ts), writes status, and trims the revision history. Pods, claims and revisions are
 * written through the API as `system:serviceaccount:kube-system:statefulset-controller`.
 */
import type { KubeObject } from '../../api/types.ts';
import { labelSelectorAsSelector } from '../../api/selectors/label-selector.ts';
import { matchLabels } from '../../api/selectors/labels.ts';
import type { Selector } from '../../api/selectors/labels.ts';
import type { Controller, ControllerEnv, SyncResult } from '../../runtime/controller.ts';
import { EventRecorder } from '../../runtime/events.ts';
import type { Informer } from '../../runtime/informer.ts';
import { keyOf } from '../../runtime/informer.ts';
import { WorkQueue } from '../../runtime/workqueue.ts';
import { claim } from '../replicaset/controller-ref.ts';
import { OwnerIndex } from '../replicaset/pod-index.ts';
import { errorText } from '../replicaset/pod-control.ts';
import { controllerOf, isPodReady, newControllerRef, withKind } from '../replicaset/types.ts';
import { nextAvailableAt } from '../replicaset/status.ts';
import { updateStatefulSet } from './control.ts';
import type { ControlResult } from './control.ts';
import { syncRevisions, truncateHistory } from './history.ts';
import type { Revisions } from './history.ts';
import { isMemberOf } from './identity.ts';
import { StatefulPodControl } from './pod-control.ts';
import { sortRevisions } from './revision.ts';
import type { StatefulSetGates } from './rolling.ts';
import { completeRollingUpdate, inconsistentStatus, statusBody } from './status.ts';
import { replicasOf, setSpec } from './types.ts';

const setsPath = '/apis/apps/v1/statefulsets';
const setKind = { apiVersion: 'apps/v1', kind: 'StatefulSet' };

/** Creates, updates and deletes each StatefulSet's pods, claims and revisions, and reports status. */
export class StatefulSetController implements Controller {
  readonly name = 'statefulset-controller';
  readonly queue = new WorkQueue();
  private env!: ControllerEnv;
  private sets!: Informer;
  private pods = new OwnerIndex();
  private revisions = new OwnerIndex();
  private podControl!: StatefulPodControl;
  private recorder!: EventRecorder;

  /** `gates`: feature gates to turn on (v1.32 defaults when omitted). */
  constructor(private readonly gates: StatefulSetGates = {}) {}

  start(env: ControllerEnv): void {
    this.env = env;
    this.recorder = new EventRecorder(env.api, env.clock, { component: this.name });
    this.podControl = new StatefulPodControl(env.api, env.informer('/api/v1/persistentvolumeclaims'), this.recorder);
    this.sets = env.informer(setsPath);
    this.sets.addHandler({
      onAdd: (set) => this.queue.add(keyOf(set)),
      onUpdate: (_old, set) => this.queue.add(keyOf(set)),
      onDelete: (set) => this.queue.add(keyOf(set)),
    });
    env.informer('/apis/apps/v1/controllerrevisions').addHandler({
      onAdd: (revision) => this.revisions.upsert(undefined, revision),
      onUpdate: (old, revision) => this.revisions.upsert(old, revision),
      onDelete: (revision) => this.revisions.remove(revision),
    });
    env.informer('/api/v1/pods').addHandler({
      onAdd: (pod) => this.addPod(pod),
      onUpdate: (old, pod) => this.updatePod(old, pod),
      onDelete: (pod) => this.deletePod(pod),
    });
  }

  /** The set a controllerRef points at, if it is in the cache with that UID. */
  private resolve(object: KubeObject): KubeObject | undefined {
    const ref = controllerOf(object);
    if (!ref || ref.kind !== 'StatefulSet') return undefined;
    const set = this.sets.get(`${object.metadata.namespace}/${ref.name}`);
    return set?.metadata.uid === ref.uid ? set : undefined;
  }

  /** `getPodStatefulSets`: sets in the pod's namespace whose selector matches it (for orphans). */
  private matchingSets(pod: KubeObject): KubeObject[] {
    return this.sets.list().filter((set) => {
      if (set.metadata.namespace !== pod.metadata.namespace) return false;
      const selector = labelSelectorAsSelector(setSpec(set).selector);
      return selector.ok && !selector.value.nothing && selector.value.requirements.length > 0 && matchLabels(selector.value, pod.metadata.labels ?? {});
    });
  }

  private addPod(pod: KubeObject): void {
    this.pods.upsert(undefined, pod);
    const set = this.resolve(pod);
    if (set) return this.queue.add(keyOf(set));
    if (!controllerOf(pod) && !pod.metadata.deletionTimestamp) for (const match of this.matchingSets(pod)) this.queue.add(keyOf(match));
  }

  private updatePod(old: KubeObject, pod: KubeObject): void {
    this.pods.upsert(old, pod);
    if (old.metadata.resourceVersion === pod.metadata.resourceVersion) return;
    const oldRef = controllerOf(old), ref = controllerOf(pod);
    if (oldRef && oldRef.uid !== ref?.uid) {
      const oldSet = this.resolve(old);
      if (oldSet) this.queue.add(keyOf(oldSet));
    }
    if (ref) {
      const set = this.resolve(pod);
      if (!set) return;
      this.queue.add(keyOf(set));
      // Availability comes minReadySeconds after Ready: look again then (+1 s, as upstream).
      const minReadySeconds = setSpec(set).minReadySeconds ?? 0;
      if (!isPodReady(old) && isPodReady(pod) && minReadySeconds > 0) this.queue.addAt(keyOf(set), this.env.clock.now() + (minReadySeconds + 1) * 1000);
      return;
    }
    const labelsChanged = JSON.stringify(old.metadata.labels ?? {}) !== JSON.stringify(pod.metadata.labels ?? {});
    if (labelsChanged || oldRef) for (const match of this.matchingSets(pod)) this.queue.add(keyOf(match));
  }

  private deletePod(pod: KubeObject): void {
    this.pods.remove(pod);
    const set = this.resolve(pod);
    if (set) this.queue.add(keyOf(set));
  }

  sync(key: string): SyncResult {
    const cached = this.sets.get(key);
    if (!cached) return;
    const set = withKind(cached, setKind.apiVersion, setKind.kind);
    const parsed = labelSelectorAsSelector(setSpec(set).selector);
    // A selector the API server let through but that cannot be parsed: nothing to do but wait for an edit.
    if (!parsed.ok) return;
    const selector = parsed.value;
    const revisions = this.adoptOrphanRevisions(set, this.listRevisions(set, selector));
    const pods = this.claimPods(set, selector);
    const status = this.updateStatefulSet(set, pods, revisions);
    const minReadySeconds = setSpec(set).minReadySeconds ?? 0;
    if (minReadySeconds > 0 && status && status.availableReplicas !== replicasOf(set)) {
      // Upstream requeues after minReadySeconds and relies on wall-clock skew; in virtual time a
      // pod Ready at 12:00:00 with minReadySeconds 10 is available only after 12:00:10, so look
      // again at the first instant a Ready pod becomes available.
      const now = this.env.clock.now();
      const availableAt = nextAvailableAt(set, pods, now);
      return { requeueAfter: availableAt !== undefined ? availableAt - now : minReadySeconds * 1000 };
    }
  }

  /** `ListRevisions`: revisions matching the selector, owned by the set or by nobody, sorted. */
  private listRevisions(set: KubeObject, selector: Selector): KubeObject[] {
    const candidates = [...this.revisions.owned(set.metadata.uid!), ...this.revisions.orphansIn(set.metadata.namespace!)];
    return sortRevisions(candidates.filter((r) => matchLabels(selector, r.metadata.labels ?? {})));
  }

  /**
   * `adoptOrphanRevisions`: orphans left by `kubectl delete sts --cascade=orphan` come back to the
   * new set. Upstream adds the controllerRef with a strategic merge patch; this API server's SMP
   * reads the `$patch: replace` inside `data` as a directive, so the reference is added by a PUT
   * (guarded by resourceVersion) instead.
   */
  private adoptOrphanRevisions(set: KubeObject, revisions: KubeObject[]): KubeObject[] {
    if (!revisions.some((r) => !controllerOf(r)) || set.metadata.deletionTimestamp) return revisions;
    const namespace = set.metadata.namespace!;
    const fresh = this.env.api.handle({ method: 'GET', path: `/apis/apps/v1/namespaces/${namespace}/statefulsets/${set.metadata.name}` });
    const current = fresh.body as KubeObject | undefined;
    if (fresh.status !== 200 || !current || current.metadata.uid !== set.metadata.uid || current.metadata.deletionTimestamp) {
      throw new Error(`can't adopt ControllerRevisions: the StatefulSet ${keyOf(set)} is gone or being deleted`);
    }
    return revisions.map((revision) => {
      if (controllerOf(revision)) return revision;
      const metadata = { ...revision.metadata, ownerReferences: [...(revision.metadata.ownerReferences ?? []), newControllerRef(set, setKind.apiVersion, setKind.kind)] };
      const response = this.env.api.handle({
        method: 'PUT', path: `/apis/apps/v1/namespaces/${namespace}/controllerrevisions/${revision.metadata.name}`,
        body: { ...revision, apiVersion: 'apps/v1', kind: 'ControllerRevision', metadata },
      });
      if (response.status >= 300) throw new Error(`adopt ControllerRevision ${revision.metadata.name}: ${errorText(response)}`);
      return response.body as KubeObject;
    });
  }

  /** `getPodsForStatefulSet`: adopt matching orphans named `<set>-<n>`, release pods that stopped matching. */
  private claimPods(set: KubeObject, selector: Selector): KubeObject[] {
    const namespace = set.metadata.namespace!;
    const orphans = [...this.pods.orphansIn(namespace)].filter((pod) => isMemberOf(set, pod));
    return claim({
      api: this.env.api, owner: set, ownerKind: setKind, ownerPath: `/apis/apps/v1/namespaces/${namespace}/statefulsets`, selector,
      pathOf: (pod) => `/api/v1/namespaces/${namespace}/pods/${pod.metadata.name}`,
    }, [...this.pods.owned(set.metadata.uid!), ...orphans]);
  }

  /** `UpdateStatefulSet`: revisions, one pass, status, history — the status is written even when the pass failed. */
  private updateStatefulSet(set: KubeObject, pods: KubeObject[], existing: KubeObject[]): ControlResult['status'] | undefined {
    let revisions: Revisions | undefined;
    let result: ControlResult | undefined;
    let error: unknown;
    try {
      revisions = syncRevisions(this.env.api, set, existing);
      result = updateStatefulSet({ podControl: this.podControl, recorder: this.recorder, now: this.env.clock.now(), gates: this.gates }, set, pods, revisions);
      error = result.error;
      const statusError = this.writeStatus(set, result.status);
      error ??= statusError;
    } catch (caught) {
      error ??= caught;
    }
    try {
      truncateHistory(this.env.api, set, pods, existing, revisions);
    } catch (caught) {
      error ??= caught;
    }
    if (error !== undefined) throw error instanceof Error ? error : new Error(String(error));
    return result?.status;
  }

  /** `updateStatefulSetStatus`: complete a finished rolling update, then write status if it changed. */
  private writeStatus(set: KubeObject, status: ControlResult['status']): Error | undefined {
    completeRollingUpdate(set, status);
    if (!inconsistentStatus(set, status)) return undefined;
    const response = this.env.api.handle({
      method: 'PUT', path: `/apis/apps/v1/namespaces/${set.metadata.namespace}/statefulsets/${set.metadata.name}/status`,
      body: { ...set, status: statusBody(status) },
    });
    return response.status >= 300 ? new Error(`update status of ${keyOf(set)}: ${errorText(response)}`) : undefined;
  }
}
