import { describe, expect, it } from 'vitest';
import { KubectlError } from '../client/api-client.ts';
import { daemonSetStatus, deploymentStatus, statefulSetStatus, statusViewerFor } from './rollout-status-viewers.ts';

const deployment = (status: Record<string, unknown>, extra: { generation?: number; replicas?: number; revision?: string } = {}) => ({
  metadata: { name: 'web', generation: extra.generation ?? 2, annotations: { 'deployment.kubernetes.io/revision': extra.revision ?? '2' } },
  spec: { replicas: extra.replicas ?? 3 },
  status: { observedGeneration: 2, ...status },
});

describe('deployment status viewer', () => {
  it.each([
    ['spec not observed', deployment({}, { generation: 3 }), 'Waiting for deployment spec update to be observed...\n', false],
    ['updating', deployment({ updatedReplicas: 1, replicas: 4 }), 'Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...\n', false],
    ['old pods terminating', deployment({ updatedReplicas: 3, replicas: 4 }), 'Waiting for deployment "web" rollout to finish: 1 old replicas are pending termination...\n', false],
    ['not yet available', deployment({ updatedReplicas: 3, replicas: 3, availableReplicas: 2 }), 'Waiting for deployment "web" rollout to finish: 2 of 3 updated replicas are available...\n', false],
    ['done', deployment({ updatedReplicas: 3, replicas: 3, availableReplicas: 3 }), 'deployment "web" successfully rolled out\n', true],
  ])('%s', (_, object, message, done) => {
    expect(deploymentStatus(object, 0)).toEqual({ message, done });
  });

  it.each([
    ['a progress deadline', deployment({ conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }] }), 0, 'error: deployment "web" exceeded its progress deadline'],
    ['another revision', deployment({}), 1, 'error: desired revision (1) is different from the running revision (2)'],
  ])('fails on %s', (_, object, revision, text) => {
    expect(() => deploymentStatus(object, revision)).toThrow(new KubectlError(text));
  });
});

describe('daemon set and stateful set status viewers', () => {
  const daemonSet = (status: Record<string, unknown>) => ({ metadata: { name: 'agent', generation: 1 }, spec: { updateStrategy: { type: 'RollingUpdate' } }, status: { observedGeneration: 1, desiredNumberScheduled: 3, ...status } });
  const statefulSet = (status: Record<string, unknown>, partition = 0) => ({
    metadata: { name: 'db', generation: 1 }, spec: { replicas: 3, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition } } },
    status: { observedGeneration: 1, ...status },
  });
  it.each([
    [daemonSetStatus(daemonSet({ updatedNumberScheduled: 1 }), 0), 'Waiting for daemon set "agent" rollout to finish: 1 out of 3 new pods have been updated...\n', false],
    [daemonSetStatus(daemonSet({ updatedNumberScheduled: 3, numberAvailable: 2 }), 0), 'Waiting for daemon set "agent" rollout to finish: 2 of 3 updated pods are available...\n', false],
    [daemonSetStatus(daemonSet({ updatedNumberScheduled: 3, numberAvailable: 3 }), 0), 'daemon set "agent" successfully rolled out\n', true],
    [statefulSetStatus(statefulSet({ readyReplicas: 1 }), 0), 'Waiting for 2 pods to be ready...\n', false],
    [statefulSetStatus(statefulSet({ readyReplicas: 3, updatedReplicas: 1 }, 1), 0), 'Waiting for partitioned roll out to finish: 1 out of 2 new pods have been updated...\n', false],
    [statefulSetStatus(statefulSet({ readyReplicas: 3, updatedReplicas: 3 }), 0), 'partitioned roll out complete: 3 new pods have been updated...\n', true],
  ])('%j', (status, message, done) => {
    expect(status).toEqual({ message, done });
  });

  it('refuses OnDelete and kinds without a viewer', () => {
    expect(() => daemonSetStatus({ spec: { updateStrategy: { type: 'OnDelete' } } }, 0)).toThrow('error: rollout status is only available for RollingUpdate strategy type');
    expect(() => statusViewerFor('batch', 'Job')).toThrow('error: no status viewer has been implemented for Job.batch');
  });
});
