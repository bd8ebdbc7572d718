import { describe, expect, it } from 'vitest';
import { eventsFor, markPodsReady, pods } from '../replicaset/test-helpers.ts';
import { createDeployment, deployment, getDeployment, patch, replicaSetSummary, setImage, workloadCluster } from './test-helpers.ts';

describe('RollingUpdate', () => {
  it('creates web-<hash> with revision 1 and reports availability', () => {
    const c = workloadCluster();
    createDeployment(c, deployment('web', 4));
    expect(replicaSetSummary(c)).toEqual(['web-74d644cc78 4/0/0 rev=1']);
    expect(pods(c).map((p) => p.metadata.labels)).toEqual(Array(4).fill({ app: 'web', 'pod-template-hash': '74d644cc78' }));
    expect(getDeployment(c, 'web').status).toEqual({
      observedGeneration: 1, replicas: 4, updatedReplicas: 4, unavailableReplicas: 4,
      conditions: [
        { type: 'Available', status: 'False', lastUpdateTime: '2026-01-01T00:00:00Z', lastTransitionTime: '2026-01-01T00:00:00Z', reason: 'MinimumReplicasUnavailable', message: 'Deployment does not have minimum availability.' },
        { type: 'Progressing', status: 'True', lastUpdateTime: '2026-01-01T00:00:00Z', lastTransitionTime: '2026-01-01T00:00:00Z', reason: 'ReplicaSetUpdated', message: 'ReplicaSet "web-74d644cc78" is progressing.' },
      ],
    });
    c.advance(5_000);
    markPodsReady(c);
    const d = getDeployment(c, 'web');
    expect(d.metadata.annotations).toEqual({ 'deployment.kubernetes.io/revision': '1' });
    expect(d.status).toEqual({
      observedGeneration: 1, replicas: 4, updatedReplicas: 4, readyReplicas: 4, availableReplicas: 4,
      conditions: [
        { type: 'Available', status: 'True', lastUpdateTime: '2026-01-01T00:00:05Z', lastTransitionTime: '2026-01-01T00:00:05Z', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' },
        { type: 'Progressing', status: 'True', lastUpdateTime: '2026-01-01T00:00:05Z', lastTransitionTime: '2026-01-01T00:00:00Z', reason: 'NewReplicaSetAvailable', message: 'ReplicaSet "web-74d644cc78" has successfully progressed.' },
      ],
    });
    expect(eventsFor(c, 'web')).toEqual(['Normal ScalingReplicaSet Scaled up replica set web-74d644cc78 from 0 to 4']);
  });

  it('steps 4 replicas with maxSurge 25% / maxUnavailable 25% (1 and 1) as a real cluster does', () => {
    const c = workloadCluster();
    createDeployment(c, deployment('web', 4));
    markPodsReady(c);
    setImage(c, 'web', 'nginx:1.28');
    // Surge 1 and unavailable 1 at once: new 0→1, old 4→3, then new 1→2 (5 pods, 3 available).
    expect(replicaSetSummary(c)).toEqual(['web-74d644cc78 3/3/3 rev=1', 'web-6664b4775 2/0/0 rev=2']);
    const progressing = getDeployment(c, 'web').status as { conditions: { type: string; reason: string }[]; updatedReplicas: number };
    expect(progressing.conditions.map((x) => `${x.type} ${x.reason}`)).toEqual(['Available MinimumReplicasAvailable', 'Progressing ReplicaSetUpdated']);
    expect(progressing.updatedReplicas).toBe(2);
    // Nothing more happens until new pods are ready.
    c.advance(60_000);
    expect(replicaSetSummary(c)).toEqual(['web-74d644cc78 3/3/3 rev=1', 'web-6664b4775 2/0/0 rev=2']);
    markPodsReady(c, 'pod-template-hash=6664b4775');
    expect(replicaSetSummary(c)).toEqual(['web-74d644cc78 1/1/1 rev=1', 'web-6664b4775 4/2/2 rev=2']);
    markPodsReady(c, 'pod-template-hash=6664b4775');
    expect(replicaSetSummary(c)).toEqual(['web-74d644cc78 0/0/0 rev=1', 'web-6664b4775 4/4/4 rev=2']);
    expect(eventsFor(c, 'web')).toEqual([
      'Normal ScalingReplicaSet Scaled up replica set web-74d644cc78 from 0 to 4',
      'Normal ScalingReplicaSet Scaled up replica set web-6664b4775 from 0 to 1',
      'Normal ScalingReplicaSet Scaled down replica set web-74d644cc78 from 4 to 3',
      'Normal ScalingReplicaSet Scaled up replica set web-6664b4775 from 1 to 2',
      // The two new pods turn ready one after the other; each one lets the rollout move a step.
      'Normal ScalingReplicaSet Scaled down replica set web-74d644cc78 from 3 to 2',
      'Normal ScalingReplicaSet Scaled up replica set web-6664b4775 from 2 to 3',
      'Normal ScalingReplicaSet Scaled down replica set web-74d644cc78 from 2 to 1',
      'Normal ScalingReplicaSet Scaled up replica set web-6664b4775 from 3 to 4',
      'Normal ScalingReplicaSet Scaled down replica set web-74d644cc78 from 1 to 0',
    ]);
    const d = getDeployment(c, 'web');
    expect(d.metadata.annotations).toEqual({ 'deployment.kubernetes.io/revision': '2' });
    expect((d.status as { conditions: { message: string }[] }).conditions[1].message).toBe('ReplicaSet "web-6664b4775" has successfully progressed.');
    expect(pods(c).every((p) => p.metadata.labels!['pod-template-hash'] === '6664b4775')).toBe(true);
  });

  it('shares a resize in the middle of a rollout proportionally (10 → 15: old 8 → 12, new 5 → 7)', () => {
    const c = workloadCluster();
    createDeployment(c, deployment('web', 10));
    markPodsReady(c);
    setImage(c, 'web', 'nginx:1.28');
    // 10 replicas, maxSurge 3, maxUnavailable 2: new 0→3, old 10→8, then new 3→5 (13 pods).
    expect(replicaSetSummary(c)).toEqual(['web-74d644cc78 8/8/8 rev=1', 'web-6664b4775 5/0/0 rev=2']);
    patch(c, 'web', { spec: { replicas: 15 } });
    expect(replicaSetSummary(c)).toEqual(['web-74d644cc78 12/8/8 rev=1', 'web-6664b4775 7/0/0 rev=2']);
    expect(eventsFor(c, 'web').slice(-2)).toEqual([
      'Normal ScalingReplicaSet Scaled up replica set web-74d644cc78 from 8 to 12',
      'Normal ScalingReplicaSet Scaled up replica set web-6664b4775 from 5 to 7',
    ]);
  });

  it('scales a settled Deployment by resizing its only ReplicaSet', () => {
    const c = workloadCluster();
    createDeployment(c, deployment('web', 3));
    patch(c, 'web', { spec: { replicas: 1 } });
    expect(replicaSetSummary(c)).toEqual(['web-74d644cc78 1/0/0 rev=1']);
    expect(eventsFor(c, 'web')).toEqual([
      'Normal ScalingReplicaSet Scaled up replica set web-74d644cc78 from 0 to 3',
      'Normal ScalingReplicaSet Scaled down replica set web-74d644cc78 from 3 to 1',
    ]);
    expect(eventsFor(c, 'web-74d644cc78').filter((e) => e.includes('Delete'))).toHaveLength(2);
  });
});
