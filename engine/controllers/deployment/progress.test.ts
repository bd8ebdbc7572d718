import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/types.ts';
import { Cluster } from '../../cluster.ts';
import { ReplicaSetController } from '../replicaset/replicaset.ts';
import { DeploymentController } from './deployment.ts';
import { eventsFor, list, markPodsReady, ok } from '../replicaset/test-helpers.ts';
import { createDeployment, deployment, deploymentsPath, getDeployment, patch, replicaSetSummary, replicaSetsPath, setImage, workloadCluster } from './test-helpers.ts';

function progressing(d: KubeObject): unknown {
  return ((d.status as { conditions: { type: string }[] }).conditions).find((x) => x.type === 'Progressing');
}

describe('progress, pause and resume', () => {
  it('reports ProgressDeadlineExceeded when nothing progresses for progressDeadlineSeconds (600)', () => {
    const c = workloadCluster();
    createDeployment(c, deployment('web', 2));
    c.advance(600_000);
    expect(progressing(getDeployment(c, 'web'))).toEqual({
      type: 'Progressing', status: 'True', lastUpdateTime: '2026-01-01T00:00:00Z', lastTransitionTime: '2026-01-01T00:00:00Z',
      reason: 'ReplicaSetUpdated', message: 'ReplicaSet "web-74d644cc78" is progressing.',
    });
    c.advance(1_000);
    expect(progressing(getDeployment(c, 'web'))).toEqual({
      type: 'Progressing', status: 'False', lastUpdateTime: '2026-01-01T00:10:00Z', lastTransitionTime: '2026-01-01T00:10:00Z',
      reason: 'ProgressDeadlineExceeded', message: 'ReplicaSet "web-74d644cc78" has timed out progressing.',
    });
    // Late progress still completes the rollout.
    markPodsReady(c);
    expect(progressing(getDeployment(c, 'web'))).toMatchObject({ status: 'True', reason: 'NewReplicaSetAvailable', lastTransitionTime: '2026-01-01T00:10:01Z' });
  });

  it('restarts the deadline clock on each sign of progress', () => {
    const c = workloadCluster();
    createDeployment(c, deployment('web', 2, { progressDeadlineSeconds: 60 }));
    c.advance(50_000);
    const [first] = list(c, '/api/v1/namespaces/default/pods');
    ok(c, {
      method: 'PATCH', path: `/api/v1/namespaces/default/pods/${first.metadata.name}/status`, headers: { 'content-type': 'application/merge-patch+json' },
      body: { status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: '2026-01-01T00:00:50Z' }] } },
    });
    c.advance(59_000);
    expect(progressing(getDeployment(c, 'web'))).toMatchObject({ reason: 'ReplicaSetUpdated', lastUpdateTime: '2026-01-01T00:00:50Z' });
    c.advance(2_000);
    // 00:00:50 + 60 s; the check runs a few milliseconds after the deadline, as upstream's rate-limited requeue.
    expect(progressing(getDeployment(c, 'web'))).toMatchObject({ reason: 'ProgressDeadlineExceeded', lastUpdateTime: '2026-01-01T00:01:50Z' });
  });

  it('pauses rollouts (scaling still works) and resumes them', () => {
    const c = workloadCluster();
    createDeployment(c, deployment('web', 2));
    markPodsReady(c);
    patch(c, 'web', { spec: { paused: true } });
    expect(progressing(getDeployment(c, 'web'))).toMatchObject({ status: 'Unknown', reason: 'DeploymentPaused', message: 'Deployment is paused' });
    setImage(c, 'web', 'nginx:1.28');
    patch(c, 'web', { spec: { replicas: 3 } });
    expect(replicaSetSummary(c)).toEqual(['web-74d644cc78 3/2/2 rev=1']);
    expect((getDeployment(c, 'web').status as { observedGeneration: number }).observedGeneration).toBe(4);
    patch(c, 'web', { spec: { paused: false } });
    // 3 replicas, 25%: surge 1, unavailable 0 — and the third old pod is not ready yet, so no old pod may go.
    expect(replicaSetSummary(c)).toEqual(['web-74d644cc78 3/2/2 rev=1', 'web-6664b4775 1/0/0 rev=2']);
    expect(progressing(getDeployment(c, 'web'))).toMatchObject({ status: 'True', reason: 'ReplicaSetUpdated' });
    expect(eventsFor(c, 'web')).toEqual([
      'Normal ScalingReplicaSet Scaled up replica set web-74d644cc78 from 0 to 2',
      'Normal ScalingReplicaSet Scaled up replica set web-74d644cc78 from 2 to 3',
      'Normal ScalingReplicaSet Scaled up replica set web-6664b4775 from 0 to 1',
    ]);
  });

  it('adopts the ReplicaSets a Deployment deleted with --cascade=orphan left behind', () => {
    const c = workloadCluster();
    createDeployment(c, deployment('web', 2));
    ok(c, { method: 'DELETE', path: `${deploymentsPath}/web`, body: { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Orphan' } });
    expect(list(c, replicaSetsPath).map((rs) => rs.metadata.ownerReferences)).toEqual([undefined]);
    const again = createDeployment(c, deployment('web', 2));
    expect(list(c, replicaSetsPath).map((rs) => rs.metadata.ownerReferences?.[0].uid)).toEqual([again.metadata.uid]);
    expect(replicaSetSummary(c)).toEqual(['web-74d644cc78 2/0/0 rev=1']);
    expect(getDeployment(c, 'web').metadata.annotations).toEqual({ 'deployment.kubernetes.io/revision': '1' });
  });
});

describe('startup', () => {
  it('picks up a Deployment that existed before the controllers started (listed objects carry no kind)', () => {
    const c = new Cluster({ seed: 3, kubelets: { nodes: [] }, scheduler: false, addons: false });
    createDeployment(c, deployment('web', 2));
    c.controllers.add(new ReplicaSetController());
    c.controllers.add(new DeploymentController());
    c.settle();
    expect(replicaSetSummary(c)).toEqual(['web-74d644cc78 2/0/0 rev=1']);
    const events = list(c, '/api/v1/namespaces/default/events');
    expect(events.map((e) => (e.involvedObject as { kind: string }).kind).sort()).toEqual(['Deployment', 'ReplicaSet', 'ReplicaSet']);
  });
});
