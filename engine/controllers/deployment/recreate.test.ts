import { describe, expect, it } from 'vitest';
import { eventsFor, markPodsReady, ok, pods } from '../replicaset/test-helpers.ts';
import { createDeployment, deployment, getDeployment, replicaSetSummary, setImage, workloadCluster } from './test-helpers.ts';

describe('Recreate', () => {
  it('scales the old ReplicaSet to 0, waits until its pods are gone, then starts all new pods', () => {
    const c = workloadCluster();
    // Pods bound to a node are deleted gracefully: they stay Terminating until the kubelet lets go.
    const d = deployment('web', 3, { strategy: { type: 'Recreate' } });
    ((d.spec as { template: { spec: Record<string, unknown> } }).template.spec).nodeName = 'node-1';
    createDeployment(c, d);
    markPodsReady(c);
    expect(getDeployment(c, 'web').spec).toMatchObject({ strategy: { type: 'Recreate' } });
    setImage(c, 'web', 'nginx:1.28');
    expect(replicaSetSummary(c)).toEqual(['web-69b7b9757c 0/0/0 rev=1']);
    const terminating = pods(c);
    expect(terminating.map((p) => Boolean(p.metadata.deletionTimestamp))).toEqual([true, true, true]);
    // The kubelet finishes two of them: still waiting for the third.
    for (const pod of terminating.slice(0, 2)) {
      ok(c, { method: 'DELETE', path: `/api/v1/namespaces/default/pods/${pod.metadata.name}`, body: { kind: 'DeleteOptions', apiVersion: 'v1', gracePeriodSeconds: 0 } });
    }
    expect(replicaSetSummary(c)).toEqual(['web-69b7b9757c 0/0/0 rev=1']);
    ok(c, { method: 'DELETE', path: `/api/v1/namespaces/default/pods/${terminating[2].metadata.name}`, body: { kind: 'DeleteOptions', apiVersion: 'v1', gracePeriodSeconds: 0 } });
    expect(replicaSetSummary(c)).toEqual(['web-69b7b9757c 0/0/0 rev=1', 'web-56478fbcdd 3/0/0 rev=2']);
    expect(eventsFor(c, 'web')).toEqual([
      'Normal ScalingReplicaSet Scaled up replica set web-69b7b9757c from 0 to 3',
      'Normal ScalingReplicaSet Scaled down replica set web-69b7b9757c from 3 to 0',
      'Normal ScalingReplicaSet Scaled up replica set web-56478fbcdd from 0 to 3',
    ]);
  });
});
