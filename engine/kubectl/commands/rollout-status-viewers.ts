/**
 * kubectl's status viewers (polymorphichelpers/rollout_status.go): what `rollout status` prints for
 * one look at a Deployment, DaemonSet or StatefulSet, and whether the rollout is done. Each message
 * ends in a newline; a problem the rollout cannot get past is an error.
 */
import { KubectlError } from '../client/api-client.ts';
import type { Json } from './write-support.ts';

/** One look at an object: the text to print and whether the rollout is done. */
export interface RolloutStatus {
  message: string;
  done: boolean;
}

/** A status viewer: reads the object (and the `--revision` pin); throws kubectl's error when it cannot go on. */
export type StatusViewer = (object: Json, revision: number) => RolloutStatus;

const field = (object: Json, key: string): Json => (object[key] ?? {}) as Json;
const count = (value: unknown): number => (typeof value === 'number' ? value : 0);

/** The `deployment.kubernetes.io/revision` annotation as a number (0 when absent), as deploymentutil.Revision reads it. */
export function revisionOf(object: Json): number {
  const annotations = (field(object, 'metadata').annotations ?? {}) as Record<string, string>;
  const text = annotations['deployment.kubernetes.io/revision'];
  return text === undefined ? 0 : Number.parseInt(text, 10);
}

/** A Deployment: generation observed, no progress deadline exceeded, all replicas updated, old ones gone, all available. */
export const deploymentStatus: StatusViewer = (object, revision) => {
  const metadata = field(object, 'metadata');
  const spec = field(object, 'spec');
  const status = field(object, 'status');
  const name = String(metadata.name ?? '');
  if (revision > 0) {
    const running = revisionOf(object);
    if (revision !== running) throw KubectlError.client(`desired revision (${revision}) is different from the running revision (${running})`);
  }
  if (count(metadata.generation) > count(status.observedGeneration)) {
    return { message: 'Waiting for deployment spec update to be observed...\n', done: false };
  }
  const progressing = ((status.conditions ?? []) as Json[]).find((c) => c.type === 'Progressing');
  if (progressing?.reason === 'ProgressDeadlineExceeded') throw KubectlError.client(`deployment "${name}" exceeded its progress deadline`);
  const updated = count(status.updatedReplicas);
  if (typeof spec.replicas === 'number' && updated < spec.replicas) {
    return { message: `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${spec.replicas} new replicas have been updated...\n`, done: false };
  }
  if (count(status.replicas) > updated) {
    return { message: `Waiting for deployment "${name}" rollout to finish: ${count(status.replicas) - updated} old replicas are pending termination...\n`, done: false };
  }
  if (count(status.availableReplicas) < updated) {
    return { message: `Waiting for deployment "${name}" rollout to finish: ${count(status.availableReplicas)} of ${updated} updated replicas are available...\n`, done: false };
  }
  return { message: `deployment "${name}" successfully rolled out\n`, done: true };
};

/** A DaemonSet (RollingUpdate only): every scheduled pod updated, then available. */
export const daemonSetStatus: StatusViewer = (object) => {
  const metadata = field(object, 'metadata');
  const spec = field(object, 'spec');
  const status = field(object, 'status');
  const name = String(metadata.name ?? '');
  // kubectl names the StatefulSet constant here; both say RollingUpdate.
  if (field(spec, 'updateStrategy').type !== 'RollingUpdate') throw KubectlError.client('rollout status is only available for RollingUpdate strategy type');
  if (count(metadata.generation) > count(status.observedGeneration)) {
    return { message: 'Waiting for daemon set spec update to be observed...\n', done: false };
  }
  const desired = count(status.desiredNumberScheduled);
  if (count(status.updatedNumberScheduled) < desired) {
    return { message: `Waiting for daemon set "${name}" rollout to finish: ${count(status.updatedNumberScheduled)} out of ${desired} new pods have been updated...\n`, done: false };
  }
  if (count(status.numberAvailable) < desired) {
    return { message: `Waiting for daemon set "${name}" rollout to finish: ${count(status.numberAvailable)} of ${desired} updated pods are available...\n`, done: false };
  }
  return { message: `daemon set "${name}" successfully rolled out\n`, done: true };
};

/**
 * A StatefulSet (RollingUpdate only): all pods ready, then the partition's pods updated. The API
 * server defaults `rollingUpdate.partition: 0`, so the usual last line is "partitioned roll out complete".
 */
export const statefulSetStatus: StatusViewer = (object) => {
  const metadata = field(object, 'metadata');
  const spec = field(object, 'spec');
  const status = field(object, 'status');
  const strategy = field(spec, 'updateStrategy');
  if (strategy.type !== 'RollingUpdate') throw KubectlError.client('rollout status is only available for RollingUpdate strategy type');
  if (count(status.observedGeneration) === 0 || count(metadata.generation) > count(status.observedGeneration)) {
    return { message: 'Waiting for statefulset spec update to be observed...\n', done: false };
  }
  const replicas = typeof spec.replicas === 'number' ? spec.replicas : undefined;
  if (replicas !== undefined && count(status.readyReplicas) < replicas) {
    return { message: `Waiting for ${replicas - count(status.readyReplicas)} pods to be ready...\n`, done: false };
  }
  const updated = count(status.updatedReplicas);
  if (strategy.rollingUpdate) {
    const partition = (strategy.rollingUpdate as Json).partition;
    if (replicas !== undefined && typeof partition === 'number' && updated < replicas - partition) {
      return { message: `Waiting for partitioned roll out to finish: ${updated} out of ${replicas - partition} new pods have been updated...\n`, done: false };
    }
    return { message: `partitioned roll out complete: ${updated} new pods have been updated...\n`, done: true };
  }
  if (status.updateRevision !== status.currentRevision) {
    return { message: `waiting for statefulset rolling update to complete ${updated} pods at revision ${String(status.updateRevision ?? '')}...\n`, done: false };
  }
  return { message: `statefulset rolling update complete ${count(status.currentReplicas)} pods at revision ${String(status.currentRevision ?? '')}...\n`, done: true };
};

/** The viewer for a kind (apps group), or kubectl's error for one that has none. */
export function statusViewerFor(group: string, kind: string): StatusViewer {
  if (group === 'apps' && kind === 'Deployment') return deploymentStatus;
  if (group === 'apps' && kind === 'DaemonSet') return daemonSetStatus;
  if (group === 'apps' && kind === 'StatefulSet') return statefulSetStatus;
  throw KubectlError.client(`no status viewer has been implemented for ${group ? `${kind}.${group}` : kind}`);
}
