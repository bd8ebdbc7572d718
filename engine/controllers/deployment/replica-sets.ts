/**
 * Finding and making a Deployment's ReplicaSets (`getAllReplicaSetsAndSyncRevision`). The new
 * ReplicaSet is the oldest one whose template equals the Deployment's (ignoring
 * `pod-template-hash`); all others are old. A missing new ReplicaSet is created as
 * `<deployment>-<pod-template-hash>` with the next revision.
 */
import type { KubeObject } from '../../api/types.ts';
import { errorText } from '../replicaset/pod-control.ts';
import { controllerOf, newControllerRef, rsSpec, rsStatus, specReplicas } from '../replicaset/types.ts';
import { newRSNewReplicas } from './arithmetic.ts';
import type { DeploymentSync } from './context.ts';
import { setNewReplicaSetAnnotations, byCreation, maxRevision } from './rollback.ts';
import { computeHash, equalIgnoreHash } from './template-hash.ts';
import { deploymentStatus, podTemplateHashLabel } from './types.ts';
import { hasProgressDeadline, newCondition, setCondition } from './conditions.ts';

/** `FindNewReplicaSet`: the oldest ReplicaSet with the Deployment's template. */
export function findNewReplicaSet(d: KubeObject, rsList: KubeObject[]): KubeObject | undefined {
  const template = (d.spec as { template?: object }).template;
  return [...rsList].sort(byCreation).find((rs) => equalIgnoreHash(rsSpec(rs).template, template));
}

/** `FilterActiveReplicaSets`: those asked to run pods. */
export function activeReplicaSets(rsList: (KubeObject | undefined)[]): KubeObject[] {
  return rsList.filter((rs): rs is KubeObject => rs !== undefined && specReplicas(rs) > 0);
}

/** `GetReplicaCountForReplicaSets`: the sum of `spec.replicas`. */
export function specReplicaCount(rsList: (KubeObject | undefined)[]): number {
  return rsList.reduce((sum, rs) => sum + (rs ? specReplicas(rs) : 0), 0);
}

/** `GetActualReplicaCountForReplicaSets`: the sum of `status.replicas`. */
export function actualReplicaCount(rsList: (KubeObject | undefined)[]): number {
  return rsList.reduce((sum, rs) => sum + (rs ? rsStatus(rs).replicas ?? 0 : 0), 0);
}

/** `GetAvailableReplicaCountForReplicaSets`. */
export function availableReplicaCount(rsList: (KubeObject | undefined)[]): number {
  return rsList.reduce((sum, rs) => sum + (rs ? rsStatus(rs).availableReplicas ?? 0 : 0), 0);
}

/** `GetReadyReplicaCountForReplicaSets`. */
export function readyReplicaCount(rsList: (KubeObject | undefined)[]): number {
  return rsList.reduce((sum, rs) => sum + (rs ? rsStatus(rs).readyReplicas ?? 0 : 0), 0);
}

/**
 * The new ReplicaSet (made if `create` and missing) and all old ones, with the revision synced
 * onto the new ReplicaSet and the Deployment. Revision = highest old revision + 1.
 */
export function getAllReplicaSetsAndSyncRevision(sync: DeploymentSync, claimed: KubeObject[], create: boolean): { newRS?: KubeObject; oldRSs: KubeObject[] } {
  const rsList = claimed.map((rs) => sync.fresh(rs));
  const existing = findNewReplicaSet(sync.d, rsList);
  const oldRSs = rsList.filter((rs) => rs !== existing);
  const newRS = getNewReplicaSet(sync, existing, oldRSs, create);
  return { newRS, oldRSs };
}

function getNewReplicaSet(sync: DeploymentSync, existing: KubeObject | undefined, oldRSs: KubeObject[], create: boolean): KubeObject | undefined {
  const newRevision = maxRevision(oldRSs) + 1;
  if (existing) {
    const copy = structuredClone(existing);
    const annotationsUpdated = setNewReplicaSetAnnotations(sync, copy, newRevision, true);
    const minReadySeconds = sync.spec.minReadySeconds ?? 0;
    if (annotationsUpdated || (rsSpec(copy).minReadySeconds ?? 0) !== minReadySeconds) {
      (copy.spec as { minReadySeconds?: number }).minReadySeconds = minReadySeconds;
      return sync.updateReplicaSet(copy);
    }
    sync.setRevision(copy.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? '');
    // A Deployment seen for the first time with a progress deadline starts its clock now.
    const status = structuredClone(deploymentStatus(sync.d));
    if (hasProgressDeadline(sync.d) && !status.conditions?.some((c) => c.type === 'Progressing')) {
      setCondition(status, newCondition('Progressing', 'True', 'FoundNewReplicaSet', `Found new replica set "${copy.metadata.name}"`, sync.now()));
      sync.updateStatus(status);
    }
    return copy;
  }
  if (!create) return undefined;
  return createNewReplicaSet(sync, oldRSs, newRevision);
}

function createNewReplicaSet(sync: DeploymentSync, oldRSs: KubeObject[], newRevision: number): KubeObject {
  const d = sync.d;
  const status = structuredClone(deploymentStatus(d));
  const template = structuredClone(sync.spec.template ?? {});
  const hash = computeHash(sync.spec.template ?? {}, status.collisionCount);
  const metadata = (template.metadata ??= {});
  metadata.labels = { ...(metadata.labels ?? {}), [podTemplateHashLabel]: hash };
  const selector = structuredClone(sync.spec.selector ?? {});
  selector.matchLabels = { ...(selector.matchLabels ?? {}), [podTemplateHashLabel]: hash };
  const rs: KubeObject = {
    apiVersion: 'apps/v1', kind: 'ReplicaSet',
    metadata: {
      name: `${d.metadata.name}-${hash}`, namespace: d.metadata.namespace,
      labels: { ...metadata.labels },
      ownerReferences: [newControllerRef(d, 'apps/v1', 'Deployment')],
    },
    spec: { replicas: 0, minReadySeconds: sync.spec.minReadySeconds ?? 0, selector, template },
  };
  const replicas = newRSNewReplicas(sync.limits, specReplicaCount(oldRSs), 0);
  (rs.spec as { replicas: number }).replicas = replicas;
  setNewReplicaSetAnnotations(sync, rs, newRevision, false);
  const response = sync.createReplicaSet(rs);
  let created: KubeObject;
  if (response.status === 409) {
    // The name is taken. Ours after all (the cache was behind)? Then use it; otherwise bump
    // collisionCount so the next hash, and name, differ.
    const path = `/apis/apps/v1/namespaces/${d.metadata.namespace}/replicasets/${rs.metadata.name}`;
    const found = sync.api.handle({ method: 'GET', path });
    const other = found.body as KubeObject;
    if (found.status === 200 && controllerOf(other)?.uid === d.metadata.uid && equalIgnoreHash(rsSpec(other).template, sync.spec.template)) {
      return other;
    }
    status.collisionCount = (status.collisionCount ?? 0) + 1;
    sync.updateStatus(status);
    throw new Error(`hash collision for replica set ${rs.metadata.name}`);
  } else if (response.status >= 300) {
    const message = `Failed to create new replica set "${rs.metadata.name}": ${errorText(response)}`;
    sync.event('Warning', 'ReplicaSetCreateError', message);
    if (hasProgressDeadline(d)) {
      setCondition(status, newCondition('Progressing', 'False', 'ReplicaSetCreateError', message, sync.now()));
      sync.updateStatus(status);
    }
    throw new Error(message);
  } else {
    created = response.body as KubeObject;
  }
  if (replicas > 0) sync.event('Normal', 'ScalingReplicaSet', `Scaled up replica set ${created.metadata.name} from 0 to ${replicas}`);
  sync.setRevision(String(newRevision));
  if (hasProgressDeadline(d)) {
    const next = structuredClone(deploymentStatus(sync.d));
    setCondition(next, newCondition('Progressing', 'True', 'NewReplicaSetCreated', `Created new replica set "${created.metadata.name}"`, sync.now()));
    sync.updateStatus(next);
  }
  return created;
}
