/**
 * The fields of a Deployment the controller reads and writes, and the names Kubernetes gives its
 * annotations and condition reasons (pkg/controller/deployment/util).
 */
import type { KubeObject } from '../../api/types.ts';
import type { LabelSelector } from '../../api/selectors/label-selector.ts';
import type { PodTemplate } from '../replicaset/types.ts';

/** An int or a percentage string, as in `maxSurge: 25%`. */
export type IntOrString = number | string;

/** `spec` of a Deployment (the API server has applied the defaults). */
export interface DeploymentSpec {
  replicas?: number;
  selector?: LabelSelector;
  template?: PodTemplate;
  strategy?: { type?: string; rollingUpdate?: { maxSurge?: IntOrString; maxUnavailable?: IntOrString } };
  minReadySeconds?: number;
  revisionHistoryLimit?: number;
  paused?: boolean;
  progressDeadlineSeconds?: number;
}

/** A Deployment condition, fields in Go's order. */
export interface DeploymentCondition {
  type: string;
  status: string;
  lastUpdateTime: string;
  lastTransitionTime: string;
  reason: string;
  message: string;
}

/** `status` of a Deployment. */
export interface DeploymentStatus {
  observedGeneration?: number;
  replicas?: number;
  updatedReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  unavailableReplicas?: number;
  conditions?: DeploymentCondition[];
  collisionCount?: number;
}

/** The spec of a Deployment object. */
export function deploymentSpec(d: KubeObject): DeploymentSpec {
  return (d.spec ?? {}) as DeploymentSpec;
}

/** The status of a Deployment object. */
export function deploymentStatus(d: KubeObject): DeploymentStatus {
  return (d.status ?? {}) as DeploymentStatus;
}

/** True for the RollingUpdate strategy (the default). */
export function isRollingUpdate(d: KubeObject): boolean {
  return (deploymentSpec(d).strategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
}

/** Annotations and label keys the controller maintains. */
export const annotations = {
  revision: 'deployment.kubernetes.io/revision',
  revisionHistory: 'deployment.kubernetes.io/revision-history',
  desiredReplicas: 'deployment.kubernetes.io/desired-replicas',
  maxReplicas: 'deployment.kubernetes.io/max-replicas',
  /** The deprecated extensions/v1beta1 `rollbackTo`, kept as an annotation; apps/v1 never sets it. */
  rollbackTo: 'deprecated.deployment.rollback.to',
  lastApplied: 'kubectl.kubernetes.io/last-applied-configuration',
} as const;

/** `apps.DefaultDeploymentUniqueLabelKey`. */
export const podTemplateHashLabel = 'pod-template-hash';

/** Condition reasons (pkg/controller/deployment/util/deployment_util.go). */
export const reasons = {
  newReplicaSet: 'NewReplicaSetCreated',
  foundNewReplicaSet: 'FoundNewReplicaSet',
  replicaSetUpdated: 'ReplicaSetUpdated',
  newReplicaSetAvailable: 'NewReplicaSetAvailable',
  timedOut: 'ProgressDeadlineExceeded',
  paused: 'DeploymentPaused',
  resumed: 'DeploymentResumed',
  minimumReplicasAvailable: 'MinimumReplicasAvailable',
  minimumReplicasUnavailable: 'MinimumReplicasUnavailable',
  failedCreate: 'FailedCreate',
} as const;
