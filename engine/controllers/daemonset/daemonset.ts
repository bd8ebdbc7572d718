/**
 * The DaemonSet controller (pkg/controller/daemon): one pod on every node the DaemonSet fits,
 * including nodes added later. Handlers keep indexes (pods and ControllerRevisions by owner,
 * nodes as NodeInfo) and enqueue DaemonSet keys; a node event enqueues only the DaemonSets whose
 * answer for that node changed. `sync` is the upstream ladder: deleted → SelectingAll → being
 * deleted → history → (expectations pending: status only) → manage → rolling update → clean up
 * history → status.
 */
import type { KubeObject } from '../../api/types.ts';
import type { Selector } from '../../api/selectors/labels.ts';
import { labelSelectorAsSelector } from '../../api/selectors/label-selector.ts';
import { matchLabels } from '../../api/selectors/labels.ts';
import type { Controller, ControllerEnv, SyncResult } from '../../runtime/controller.ts';
import { EventRecorder } from '../../runtime/events.ts';
import type { Informer } from '../../runtime/informer.ts';
import { keyOf } from '../../runtime/informer.ts';
import { WorkQueue } from '../../runtime/workqueue.ts';
import { newNodeInfo } from '../../scheduler/node-info.ts';
import type { NodeInfo } from '../../scheduler/types.ts';
import { PodControl } from '../replicaset/pod-control.ts';
import { OwnerIndex } from '../replicaset/pod-index.ts';
import { controllerOf, isPodReady, withKind } from '../replicaset/types.ts';
import { Backoff } from './backoff.ts';
import { claimDaemonPods, claimRevisions, nodeToDaemonPods } from './daemon-pods.ts';
import { DaemonSetExpectations } from './expectations.ts';
import { cleanupHistory, constructHistory } from './history.ts';
import type { ManageHooks } from './manage.ts';
import { podsShouldBeOnNode, unscheduledPodsWithoutNode } from './manage.ts';
import type { Placement } from './placement.ts';
import { placementFor } from './placement.ts';
import { allowsSurge, rollingUpdate } from './rolling.ts';
import { calculateCounts, nextStatus, statusUpToDate } from './status.ts';
import { nextAvailableAt, writeStatus } from './status-write.ts';
import { syncNodes } from './sync-nodes.ts';
import { controllerRevisionHashLabel, dsSpec, templateGeneration } from './types.ts';

const daemonSetsPath = '/apis/apps/v1/daemonsets';

/** One node as a sync sees it. */
interface NodePlacement extends Placement {
  name: string;
}

/** Keeps one daemon pod on every eligible node and reports it in each DaemonSet's status. */
export class DaemonSetController implements Controller {
  readonly name = 'daemonset-controller';
  readonly queue = new WorkQueue();
  private env!: ControllerEnv;
  private daemonSets!: Informer;
  private readonly pods = new OwnerIndex();
  private readonly revisions = new OwnerIndex();
  /** Nodes in registration order, as the placement check reads them. */
  private readonly nodes = new Map<string, NodeInfo>();
  private readonly placements = new Map<string, { resourceVersion?: string; fits: (node: NodeInfo) => Placement }>();
  private expectations!: DaemonSetExpectations;
  private recorder!: EventRecorder;
  private podControl!: PodControl;
  private readonly failedPodsBackoff = new Backoff();
  private lastBackoffGc = 0;
  /** The earliest requeue a running sync asked for (back-off, minReadySeconds). */
  private requeueAt: number | undefined;

  start(env: ControllerEnv): void {
    this.env = env;
    this.expectations = new DaemonSetExpectations(env.clock);
    this.recorder = new EventRecorder(env.api, env.clock, { component: this.name });
    this.podControl = new PodControl(env.api, this.recorder);
    this.daemonSets = env.informer(daemonSetsPath);
    this.daemonSets.addHandler({
      onAdd: (ds) => this.queue.add(keyOf(ds)),
      onUpdate: (old, ds) => {
        if (old.metadata.uid !== ds.metadata.uid) this.expectations.delete(keyOf(old));
        this.queue.add(keyOf(ds));
      },
      onDelete: (ds) => {
        this.placements.delete(ds.metadata.uid!);
        this.expectations.delete(keyOf(ds));
        this.queue.add(keyOf(ds));
      },
    });
    env.informer('/apis/apps/v1/controllerrevisions').addHandler({
      onAdd: (history) => {
        this.revisions.upsert(undefined, history);
        // A revision with a controller needs nothing; an orphan may be adopted by a matching DaemonSet.
        if (!controllerOf(history)) for (const ds of this.matching(history)) this.queue.add(keyOf(ds));
      },
      onUpdate: (old, history) => this.updateOwned(old, history, this.revisions),
      onDelete: (history) => {
        this.revisions.remove(history);
        const ds = this.resolve(history);
        if (ds) this.queue.add(keyOf(ds));
      },
    });
    env.informer('/api/v1/pods').addHandler({
      onAdd: (pod) => this.addPod(pod),
      onUpdate: (old, pod) => this.updatePod(old, pod),
      onDelete: (pod) => this.deletePod(pod),
    });
    env.informer('/api/v1/nodes').addHandler({
      onAdd: (node) => this.addNode(node),
      onUpdate: (old, node) => this.updateNode(old, node),
      onDelete: (node) => this.deleteNode(node),
    });
  }

  /** The DaemonSet a controllerRef points at, if it is in the cache with that UID. */
  private resolve(object: KubeObject): KubeObject | undefined {
    const ref = controllerOf(object);
    if (!ref || ref.kind !== 'DaemonSet') return undefined;
    const ds = this.daemonSets.get(`${object.metadata.namespace}/${ref.name}`);
    return ds?.metadata.uid === ref.uid ? ds : undefined;
  }

  /** `GetPodDaemonSets` / `GetHistoryDaemonSets`: DaemonSets in the namespace whose selector matches (for orphans). */
  private matching(object: KubeObject): KubeObject[] {
    const out: KubeObject[] = [];
    for (const ds of this.daemonSets.list()) {
      if (ds.metadata.namespace !== object.metadata.namespace) continue;
      const selector = labelSelectorAsSelector(dsSpec(ds).selector);
      if (selector.ok && !selector.value.nothing && selector.value.requirements.length && matchLabels(selector.value, object.metadata.labels ?? {})) out.push(ds);
    }
    return out;
  }

  /** `updatePod` / `updateHistory`: wake the old and new controller, or the matching ones for an orphan. */
  private updateOwned(old: KubeObject, object: KubeObject, index: OwnerIndex): KubeObject | undefined {
    index.upsert(old, object);
    if (old.metadata.resourceVersion === object.metadata.resourceVersion) return undefined;
    const oldRef = controllerOf(old), ref = controllerOf(object);
    const refChanged = oldRef?.uid !== ref?.uid;
    if (refChanged && oldRef) {
      const oldDs = this.resolve(old);
      if (oldDs) this.queue.add(keyOf(oldDs));
    }
    if (ref) {
      const ds = this.resolve(object);
      if (ds) this.queue.add(keyOf(ds));
      return ds;
    }
    const labelsChanged = JSON.stringify(old.metadata.labels ?? {}) !== JSON.stringify(object.metadata.labels ?? {});
    if (labelsChanged || refChanged) for (const ds of this.matching(object)) this.queue.add(keyOf(ds));
    return undefined;
  }

  private addPod(pod: KubeObject): void {
    this.pods.upsert(undefined, pod);
    if (pod.metadata.deletionTimestamp) return this.observeDeletion(pod);
    const ds = this.resolve(pod);
    if (ds) {
      this.expectations.creationObserved(keyOf(ds));
      this.queue.add(keyOf(ds));
    } else if (!controllerOf(pod)) {
      for (const match of this.matching(pod)) this.queue.add(keyOf(match));
    }
  }

  private updatePod(old: KubeObject, pod: KubeObject): void {
    if (pod.metadata.deletionTimestamp && old.metadata.resourceVersion !== pod.metadata.resourceVersion) {
      // A graceful deletion: the DaemonSet may act now rather than when the kubelet finishes.
      this.pods.upsert(old, pod);
      return this.observeDeletion(pod);
    }
    const ds = this.updateOwned(old, pod, this.pods);
    const minReadySeconds = ds ? dsSpec(ds).minReadySeconds ?? 0 : 0;
    if (ds && minReadySeconds > 0 && !isPodReady(old) && isPodReady(pod)) {
      // Upstream looks again minReadySeconds + 1 s after a pod turns Ready.
      this.queue.addAt(keyOf(ds), this.env.clock.now() + minReadySeconds * 1000 + 1000);
    }
  }

  private deletePod(pod: KubeObject): void {
    this.pods.remove(pod);
    this.observeDeletion(pod);
  }

  private observeDeletion(pod: KubeObject): void {
    const ds = this.resolve(pod);
    if (!ds) return;
    this.expectations.deletionObserved(keyOf(ds), keyOf(pod));
    this.queue.add(keyOf(ds));
  }

  /** `NodeShouldRunDaemonPod` compiled for this version of the DaemonSet. */
  private fits(ds: KubeObject): (node: NodeInfo) => Placement {
    const cached = this.placements.get(ds.metadata.uid!);
    if (cached && cached.resourceVersion === ds.metadata.resourceVersion) return cached.fits;
    const fits = placementFor(ds);
    this.placements.set(ds.metadata.uid!, { resourceVersion: ds.metadata.resourceVersion, fits });
    return fits;
  }

  /** `addNode`: DaemonSets that should run on the new node. */
  private addNode(node: KubeObject): void {
    const info = newNodeInfo(node, node.metadata.name!);
    this.nodes.set(info.name, info);
    for (const ds of this.daemonSets.list()) if (this.fits(ds)(info).shouldRun) this.queue.add(keyOf(ds));
  }

  /** `updateNode`: only label or taint changes matter, and only to DaemonSets whose answer changed. */
  private updateNode(old: KubeObject, node: KubeObject): void {
    const before = this.nodes.get(old.metadata.name!) ?? newNodeInfo(old, old.metadata.name!);
    const after = newNodeInfo(node, node.metadata.name!);
    this.nodes.set(after.name, after);
    if (JSON.stringify(before.labels) === JSON.stringify(after.labels) && JSON.stringify(before.taints) === JSON.stringify(after.taints)) return;
    for (const ds of this.daemonSets.list()) {
      const fits = this.fits(ds);
      const a = fits(before), b = fits(after);
      if (a.shouldRun !== b.shouldRun || a.shouldContinueRunning !== b.shouldContinueRunning) this.queue.add(keyOf(ds));
    }
  }

  /**
   * Upstream has no node delete handler (PodGC removes the pods bound to a deleted node, and
   * that wakes the DaemonSet). Waking the DaemonSets that could have had a pod there refreshes
   * their status at once and removes unbound pods still aimed at the node.
   */
  private deleteNode(node: KubeObject): void {
    const info = this.nodes.get(node.metadata.name!) ?? newNodeInfo(node, node.metadata.name!);
    this.nodes.delete(info.name);
    for (const ds of this.daemonSets.list()) if (this.fits(ds)(info).shouldContinueRunning) this.queue.add(keyOf(ds));
  }

  /** The DaemonSet's pods after claiming, read afresh for each step (earlier steps change them). */
  private claimPods(ds: KubeObject, selector: Selector): KubeObject[] {
    return claimDaemonPods(this.env.api, ds, selector, this.pods);
  }

  sync(key: string): SyncResult {
    const cached = this.daemonSets.get(key);
    if (!cached) {
      this.expectations.delete(key);
      return;
    }
    const ds = withKind(cached, 'apps/v1', 'DaemonSet');
    const spec = dsSpec(ds);
    const selectorSpec = spec.selector as Record<string, unknown> | undefined;
    if (selectorSpec && Object.keys(selectorSpec).length === 0) {
      this.recorder.event(ds, 'Warning', 'SelectingAll', 'This daemon set is selecting all pods. A non-empty selector is required.');
      return;
    }
    if (ds.metadata.deletionTimestamp) return;
    const selector = labelSelectorAsSelector(spec.selector);
    if (!selector.ok) return;
    const now = this.env.clock.now();
    if (now - this.lastBackoffGc >= 60_000) {
      this.failedPodsBackoff.gc(now);
      this.lastBackoffGc = now;
    }
    this.requeueAt = undefined;

    let history;
    try {
      history = constructHistory({ api: this.env.api, ds, pods: this.claimPods(ds, selector.value) }, claimRevisions(this.env.api, ds, selector.value, this.revisions));
    } catch (error) {
      throw new Error(`failed to construct revisions of DaemonSet: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    const hash = history.current.metadata.labels?.[controllerRevisionHashLabel] ?? '';
    const nodes: NodePlacement[] = [];
    const fits = this.fits(cached);
    for (const info of this.nodes.values()) nodes.push({ name: info.name, ...fits(info) });

    let failure: string | undefined;
    const observe = this.expectations.satisfied(key);
    if (observe) {
      failure = this.manage(ds, selector.value, nodes, hash);
      if (failure === undefined && this.expectations.satisfied(key) && spec.updateStrategy?.type === 'RollingUpdate') {
        failure = this.rollingUpdate(ds, selector.value, nodes, hash);
      }
      if (failure === undefined) cleanupHistory({ api: this.env.api, ds, pods: this.claimPods(ds, selector.value) }, history.old);
    }
    const pods = this.claimPods(ds, selector.value);
    const counts = calculateCounts({
      nodes, nodeToDaemonPods: nodeToDaemonPods(pods, false), hash, generation: this.generation(ds), minReadySeconds: spec.minReadySeconds ?? 0, now,
    });
    if (!statusUpToDate(ds, counts)) writeStatus(this.env.api, ds, (fresh) => nextStatus(fresh, counts, observe));
    if (failure !== undefined) throw new Error(failure);
    const availableAt = counts.numberReady !== counts.numberAvailable ? nextAvailableAt(pods, spec.minReadySeconds ?? 0, now) : undefined;
    if (availableAt !== undefined) this.requeue(availableAt);
    if (this.requeueAt !== undefined) return { requeueAfter: this.requeueAt - now };
  }

  /** Run the sync again at `at` (the earliest request wins). */
  private requeue(at: number): void {
    if (this.requeueAt === undefined || at < this.requeueAt) this.requeueAt = at;
  }

  /**
   * The template generation for pod labels. apps/v1 keeps it in the deprecated annotation the
   * API server sets; metadata.generation stands in only for a DaemonSet stored without it.
   */
  private generation(ds: KubeObject): number | undefined {
    return templateGeneration(ds) ?? ds.metadata.generation;
  }

  /** `manage`: create the missing daemon pods and delete the ones that should go. */
  private manage(ds: KubeObject, selector: Selector, nodes: readonly NodePlacement[], hash: string): string | undefined {
    const spec = dsSpec(ds);
    const byNode = nodeToDaemonPods(this.claimPods(ds, selector), false);
    const input = { hash, surge: allowsSurge(spec), minReadySeconds: spec.minReadySeconds ?? 0, now: this.env.clock.now() };
    const hooks = this.manageHooks(ds);
    const create: string[] = [], remove: string[] = [];
    for (const node of nodes) {
      const decision = podsShouldBeOnNode(node.name, node, byNode.get(node.name), input, hooks);
      if (decision.create) create.push(node.name);
      remove.push(...decision.delete);
    }
    remove.push(...unscheduledPodsWithoutNode(byNode, (name) => this.nodes.has(name)));
    return syncNodes(this.syncContext(ds, hash), remove, create);
  }

  /** The failed-pod back-off (`<uid>/<observedGeneration>/<node>`) and the FailedDaemonPod / SucceededDaemonPod events. */
  private manageHooks(ds: KubeObject): ManageHooks {
    const now = this.env.clock.now();
    const observed = (ds.status as { observedGeneration?: number } | undefined)?.observedGeneration ?? 0;
    return {
      failedPod: (pod, nodeName) => {
        const backoffKey = `${ds.metadata.uid}/${observed}/${nodeName}`;
        if (this.failedPodsBackoff.inBackoffSinceUpdate(backoffKey, now)) {
          this.requeue(now + this.failedPodsBackoff.get(backoffKey));
          return false;
        }
        this.failedPodsBackoff.next(backoffKey, now);
        this.recorder.event(ds, 'Warning', 'FailedDaemonPod', `Found failed daemon pod ${pod.metadata.namespace}/${pod.metadata.name} on node ${nodeName}, will try to kill it`);
        return true;
      },
      succeededPod: (pod, nodeName) => {
        this.recorder.event(ds, 'Normal', 'SucceededDaemonPod', `Found succeeded daemon pod ${pod.metadata.namespace}/${pod.metadata.name} on node ${nodeName}, will try to delete it`);
      },
    };
  }

  /** `rollingUpdate`: replace old pods within maxUnavailable / maxSurge. */
  private rollingUpdate(ds: KubeObject, selector: Selector, nodes: readonly NodePlacement[], hash: string): string | undefined {
    const byNode = nodeToDaemonPods(this.claimPods(ds, selector), false);
    // Node order first (every node that should run a pod gets an entry), then pods aimed at nodes that are gone.
    const ordered = new Map<string, KubeObject[]>();
    const shouldRun = new Set<string>();
    for (const node of nodes) {
      if (node.shouldRun) shouldRun.add(node.name);
      const pods = byNode.get(node.name);
      if (pods || node.shouldRun) ordered.set(node.name, pods ?? []);
    }
    for (const [name, pods] of byNode) if (!ordered.has(name)) ordered.set(name, pods);
    let step;
    try {
      step = rollingUpdate({
        spec: dsSpec(ds), hash, generation: this.generation(ds), nodeToDaemonPods: ordered, desired: shouldRun.size,
        shouldRun: (name) => shouldRun.has(name), now: this.env.clock.now(),
      });
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
    return syncNodes(this.syncContext(ds, hash), step.podsToDelete, step.nodesToCreate);
  }

  private syncContext(ds: KubeObject, hash: string): Parameters<typeof syncNodes>[0] {
    return { podControl: this.podControl, expectations: this.expectations, ds, key: keyOf(ds), hash, generation: this.generation(ds) };
  }
}
