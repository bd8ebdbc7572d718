/**
 * One sync of one Deployment: a working copy of the Deployment (the cached object is never
 * changed), the API as the controller's user, the event recorder, and the writes every strategy
 * shares — scaling a ReplicaSet with its `ScalingReplicaSet` event, and status updates.
 */
import type { Clock } from '../../clock.ts';
import type { ApiResponse, KubeObject } from '../../api/types.ts';
import type { EventRecorder } from '../../runtime/events.ts';
import type { ApiClient } from '../../runtime/informer.ts';
import { errorText } from '../replicaset/pod-control.ts';
import { specReplicas, withKind } from '../replicaset/types.ts';
import type { RolloutLimits } from './arithmetic.ts';
import { maxSurge } from './arithmetic.ts';
import type { DeploymentSpec, DeploymentStatus } from './types.ts';
import { annotations, deploymentSpec, isRollingUpdate } from './types.ts';

/** Everything a strategy step needs; `d` is replaced by the API's answer after each write. */
export class DeploymentSync {
  constructor(
    readonly api: ApiClient,
    readonly recorder: EventRecorder,
    readonly clock: Clock,
    public d: KubeObject,
    /** Pods controlled by the ReplicaSet with this UID (for Recreate's "old pods running"). */
    readonly podsOf: (rsUid: string) => Iterable<KubeObject>,
    /** The informer's newest copy of a ReplicaSet (writes earlier in this sync are already in it). */
    private readonly latest: (rs: KubeObject) => KubeObject | undefined,
  ) {}

  /** The newest known version of `rs`, so a second write in one sync does not conflict. */
  fresh(rs: KubeObject): KubeObject {
    const latest = this.latest(rs);
    return latest && latest.metadata.uid === rs.metadata.uid ? latest : rs;
  }

  get spec(): DeploymentSpec {
    return deploymentSpec(this.d);
  }

  /** `*d.Spec.Replicas`. */
  get replicas(): number {
    return this.spec.replicas ?? 1;
  }

  /** The numbers the rollout arithmetic needs. */
  get limits(): RolloutLimits {
    const rolling = this.spec.strategy?.rollingUpdate;
    return { replicas: this.replicas, rollingUpdate: isRollingUpdate(this.d), maxSurge: rolling?.maxSurge, maxUnavailable: rolling?.maxUnavailable };
  }

  now(): number {
    return this.clock.now();
  }

  private get base(): string {
    return `/apis/apps/v1/namespaces/${this.d.metadata.namespace}`;
  }

  /** Fail the sync (it is retried with back-off) when a write is refused. */
  private check(response: ApiResponse, what: string): KubeObject {
    if (response.status >= 300) throw new Error(`${what}: ${errorText(response)}`);
    return response.body as KubeObject;
  }

  /** `UpdateStatus` of the Deployment. */
  updateStatus(status: DeploymentStatus): void {
    // Every DeploymentStatus number is `omitempty`: a zero is not written (no `readyReplicas: 0`).
    const body: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(status)) if (value !== 0 && value !== undefined) body[key] = value;
    const response = this.api.handle({ method: 'PUT', path: `${this.base}/deployments/${this.d.metadata.name}/status`, body: { ...this.d, status: body } });
    this.d = withKind(this.check(response, `update status of deployment ${this.d.metadata.name}`), 'apps/v1', 'Deployment');
  }

  /**
   * `SetDeploymentRevision` followed by the write. Upstream sends the annotation inside
   * UpdateStatus; this API server keeps metadata out of /status writes, so it is a merge patch.
   */
  setRevision(revision: string): void {
    if (this.d.metadata.annotations?.[annotations.revision] === revision) return;
    const response = this.api.handle({
      method: 'PATCH', path: `${this.base}/deployments/${this.d.metadata.name}`,
      headers: { 'content-type': 'application/merge-patch+json' },
      body: { metadata: { annotations: { [annotations.revision]: revision } } },
    });
    this.d = withKind(this.check(response, `update revision of deployment ${this.d.metadata.name}`), 'apps/v1', 'Deployment');
  }

  /** PUT a changed ReplicaSet. */
  updateReplicaSet(rs: KubeObject): KubeObject {
    const response = this.api.handle({ method: 'PUT', path: `${this.base}/replicasets/${rs.metadata.name}`, body: withKind(rs, 'apps/v1', 'ReplicaSet') });
    return this.check(response, `update replica set ${rs.metadata.name}`);
  }

  /** POST a new ReplicaSet; the caller handles AlreadyExists. */
  createReplicaSet(rs: KubeObject): ApiResponse {
    return this.api.handle({ method: 'POST', path: `${this.base}/replicasets`, body: rs });
  }

  /** DELETE a ReplicaSet (revisionHistoryLimit clean-up); a vanished one is fine. */
  deleteReplicaSet(rs: KubeObject): void {
    const response = this.api.handle({ method: 'DELETE', path: `${this.base}/replicasets/${rs.metadata.name}` });
    if (response.status !== 404) this.check(response, `delete replica set ${rs.metadata.name}`);
  }

  /** Record an event on the Deployment. */
  event(type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.recorder.event(this.d, type, reason, message);
  }

  /** `SetReplicasAnnotations` on a copy: desired-replicas and max-replicas; true when changed. */
  setReplicasAnnotations(rs: KubeObject): boolean {
    const desired = String(this.replicas);
    const max = String(this.replicas + maxSurge(this.limits));
    const current = rs.metadata.annotations ?? {};
    if (current[annotations.desiredReplicas] === desired && current[annotations.maxReplicas] === max) return false;
    rs.metadata.annotations = { ...current, [annotations.desiredReplicas]: desired, [annotations.maxReplicas]: max };
    return true;
  }

  /**
   * `scaleReplicaSetAndRecordEvent` / `scaleReplicaSet`: set `spec.replicas` (and the replicas
   * annotations) and say so: `Scaled up replica set web-7d4b9c8f5 from 0 to 3`. Returns the
   * ReplicaSet as stored, and whether its size changed.
   */
  scaleReplicaSet(stale: KubeObject, newScale: number, operation?: 'up' | 'down'): { scaled: boolean; rs: KubeObject } {
    const rs = this.fresh(stale);
    const oldScale = specReplicas(rs);
    const copy = structuredClone(rs);
    const annotationsChanged = this.setReplicasAnnotations(copy);
    const sizeChanged = oldScale !== newScale;
    if (!sizeChanged && !annotationsChanged) return { scaled: false, rs };
    (copy.spec as { replicas: number }).replicas = newScale;
    const updated = this.updateReplicaSet(copy);
    if (sizeChanged) {
      const direction = operation ?? (oldScale < newScale ? 'up' : 'down');
      this.event('Normal', 'ScalingReplicaSet', `Scaled ${direction} replica set ${rs.metadata.name} from ${oldScale} to ${newScale}`);
    }
    return { scaled: sizeChanged, rs: updated };
  }

  /** `scaleReplicaSetAndRecordEvent`: nothing to do when the size is already right. */
  scaleAndRecord(rs: KubeObject, newScale: number): { scaled: boolean; rs: KubeObject } {
    if (specReplicas(rs) === newScale) return { scaled: false, rs };
    return this.scaleReplicaSet(rs, newScale);
  }
}
