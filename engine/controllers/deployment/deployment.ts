/**
 * The Deployment controller (pkg/controller/deployment). Handlers only enqueue the Deployment's
 * key; `sync` claims its ReplicaSets and walks a ladder of guards, each taking one step:
 * being deleted → status only; paused → scale and status; a resize → proportional scaling;
 * otherwise the strategy (rolling.ts or recreate.ts). The next event brings the next step.
 * Rollback needs no rung in apps/v1: `kubectl rollout undo` rewrites the template itself
 * (rollback.ts explains how the old ReplicaSet is revived).
 */
import type { KubeObject } from '../../api/types.ts';
import { labelSelectorAsSelector } from '../../api/selectors/label-selector.ts';
import { matchLabels } from '../../api/selectors/labels.ts';
import type { Controller, ControllerEnv, SyncResult } from '../../runtime/controller.ts';
import { EventRecorder } from '../../runtime/events.ts';
import type { Informer } from '../../runtime/informer.ts';
import { keyOf } from '../../runtime/informer.ts';
import { WorkQueue } from '../../runtime/workqueue.ts';
import { claim } from '../replicaset/controller-ref.ts';
import { OwnerIndex } from '../replicaset/pod-index.ts';
import { controllerOf, withKind } from '../replicaset/types.ts';
import { getCondition, hasProgressDeadline, newCondition, setCondition } from './conditions.ts';
import { DeploymentSync } from './context.ts';
import { syncDeploymentStatus } from './progress.ts';
import { rolloutRecreate } from './recreate.ts';
import { getAllReplicaSetsAndSyncRevision } from './replica-sets.ts';
import { rolloutRolling } from './rolling.ts';
import { isScalingEvent, syncScaling } from './scale.ts';
import { deploymentSpec, deploymentStatus, reasons } from './types.ts';

/** Rolls Deployments out through ReplicaSets, one step per sync. */
export class DeploymentController implements Controller {
  readonly name = 'deployment-controller';
  readonly queue = new WorkQueue();
  private env!: ControllerEnv;
  private recorder!: EventRecorder;
  private deployments!: Informer;
  private replicaSets!: Informer;
  private replicaSetIndex = new OwnerIndex();
  private podIndex = new OwnerIndex();

  start(env: ControllerEnv): void {
    this.env = env;
    this.recorder = new EventRecorder(env.api, env.clock, { component: this.name });
    this.deployments = env.informer('/apis/apps/v1/deployments');
    this.deployments.addHandler({
      onAdd: (d) => this.queue.add(keyOf(d)),
      onUpdate: (_old, d) => this.queue.add(keyOf(d)),
      onDelete: (d) => this.queue.add(keyOf(d)),
    });
    this.replicaSets = env.informer('/apis/apps/v1/replicasets');
    this.replicaSets.addHandler({
      onAdd: (rs) => { this.replicaSetIndex.upsert(undefined, rs); this.replicaSetChanged(undefined, rs); },
      onUpdate: (old, rs) => { this.replicaSetIndex.upsert(old, rs); this.replicaSetChanged(old, rs); },
      onDelete: (rs) => { this.replicaSetIndex.remove(rs); this.enqueueOwner(rs); },
    });
    env.informer('/api/v1/pods').addHandler({
      onAdd: (pod) => this.podIndex.upsert(undefined, pod),
      onUpdate: (old, pod) => this.podIndex.upsert(old, pod),
      onDelete: (pod) => { this.podIndex.remove(pod); this.podDeleted(pod); },
    });
  }

  /** The Deployment a controllerRef points at, if cached with that UID. */
  private owner(rs: KubeObject): KubeObject | undefined {
    const ref = controllerOf(rs);
    if (!ref || ref.kind !== 'Deployment') return undefined;
    const d = this.deployments.get(`${rs.metadata.namespace}/${ref.name}`);
    return d?.metadata.uid === ref.uid ? d : undefined;
  }

  private enqueueOwner(rs: KubeObject): void {
    const d = this.owner(rs);
    if (d) this.queue.add(keyOf(d));
  }

  /** An orphan ReplicaSet wakes every Deployment whose selector matches it (it may be adopted). */
  private replicaSetChanged(old: KubeObject | undefined, rs: KubeObject): void {
    if (old && old.metadata.resourceVersion === rs.metadata.resourceVersion) return;
    if (old && controllerOf(old)?.uid !== controllerOf(rs)?.uid) this.enqueueOwner(old);
    if (controllerOf(rs)) return this.enqueueOwner(rs);
    for (const d of this.deployments.list()) {
      if (d.metadata.namespace !== rs.metadata.namespace) continue;
      const selector = labelSelectorAsSelector(deploymentSpec(d).selector);
      if (selector.ok && selector.value.requirements.length && matchLabels(selector.value, rs.metadata.labels ?? {})) this.queue.add(keyOf(d));
    }
  }

  /** Recreate waits for old pods to be gone: each deletion may be the last one. */
  private podDeleted(pod: KubeObject): void {
    const ref = controllerOf(pod);
    if (!ref || ref.kind !== 'ReplicaSet') return;
    const rs = this.replicaSets.get(`${pod.metadata.namespace}/${ref.name}`);
    const d = rs && this.owner(rs);
    if (d && deploymentSpec(d).strategy?.type === 'Recreate') this.queue.add(keyOf(d));
  }

  sync(key: string): SyncResult {
    const cached = this.deployments.get(key);
    if (!cached) return;
    const sync = new DeploymentSync(
      this.env.api, this.recorder, this.env.clock, structuredClone(withKind(cached, 'apps/v1', 'Deployment')),
      (uid) => this.podIndex.owned(uid),
      (rs) => this.replicaSets.get(keyOf(rs)),
    );
    const d = sync.d;
    const selector = labelSelectorAsSelector(deploymentSpec(d).selector);
    if (!selector.ok) return;
    if (!selector.value.nothing && selector.value.requirements.length === 0) {
      sync.event('Warning', 'SelectingAll', 'This deployment is selecting all pods. A non-empty selector is required.');
      const status = deploymentStatus(d);
      if ((status.observedGeneration ?? 0) < (d.metadata.generation ?? 0)) sync.updateStatus({ ...status, observedGeneration: d.metadata.generation });
      return;
    }
    const namespace = d.metadata.namespace!;
    const candidates = [...this.replicaSetIndex.owned(d.metadata.uid!), ...this.replicaSetIndex.orphansIn(namespace)];
    const rsList = claim({
      api: this.env.api, owner: d, ownerKind: { apiVersion: 'apps/v1', kind: 'Deployment' },
      ownerPath: `/apis/apps/v1/namespaces/${namespace}/deployments`, selector: selector.value,
      pathOf: (rs) => `/apis/apps/v1/namespaces/${namespace}/replicasets/${rs.metadata.name}`,
    }, candidates);
    if (d.metadata.deletionTimestamp) {
      const { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(sync, rsList, false);
      syncDeploymentStatus(sync, [...oldRSs, newRS], newRS);
      return;
    }
    checkPausedConditions(sync);
    if (sync.spec.paused) return syncScaling(sync, rsList);
    if (isScalingEvent(sync, rsList)) return syncScaling(sync, rsList);
    if (sync.spec.strategy?.type === 'Recreate') return rolloutRecreate(sync, rsList);
    return rolloutRolling(sync, rsList);
  }
}

/**
 * `checkPausedConditions`: `Progressing Unknown DeploymentPaused "Deployment is paused"` on
 * pause, `DeploymentResumed "Deployment is resumed"` on resume — unless the rollout has already
 * timed out, which stays reported.
 */
function checkPausedConditions(sync: DeploymentSync): void {
  if (!hasProgressDeadline(sync.d)) return;
  const status = structuredClone(deploymentStatus(sync.d));
  const current = getCondition(status, 'Progressing');
  if (current?.reason === reasons.timedOut) return;
  const pausedShown = current?.reason === reasons.paused;
  if (sync.spec.paused && !pausedShown) {
    setCondition(status, newCondition('Progressing', 'Unknown', reasons.paused, 'Deployment is paused', sync.now()));
  } else if (!sync.spec.paused && pausedShown) {
    setCondition(status, newCondition('Progressing', 'Unknown', reasons.resumed, 'Deployment is resumed', sync.now()));
  } else return;
  sync.updateStatus(status);
}
