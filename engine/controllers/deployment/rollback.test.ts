import { describe, expect, it } from 'vitest';
import type { Cluster } from '../../cluster.ts';
import type { KubeObject } from '../../api/types.ts';
import { eventsFor, list, markPodsReady, ok } from '../replicaset/test-helpers.ts';
import { createDeployment, deployment, deploymentsPath, getDeployment, patch, replicaSetSummary, replicaSetsPath, workloadCluster } from './test-helpers.ts';

const revisionKey = 'deployment.kubernetes.io/revision';

/** What `kubectl rollout undo deployment/NAME [--to-revision=N]` sends: a JSON patch (kubectl-wire.md §2). */
function rolloutUndo(c: Cluster, name: string, toRevision?: number): void {
  const d = getDeployment(c, name);
  const current = Number(d.metadata.annotations?.[revisionKey]);
  const history = list(c, replicaSetsPath).filter((rs) => rs.metadata.ownerReferences?.[0].uid === d.metadata.uid);
  const wanted = toRevision ?? Math.max(...history.map((rs) => Number(rs.metadata.annotations?.[revisionKey])).filter((r) => r < current));
  const rs = history.find((r) => Number(r.metadata.annotations?.[revisionKey]) === wanted)!;
  const template = structuredClone((rs.spec as { template: { metadata: { labels: Record<string, string>; creationTimestamp?: null } } }).template);
  delete template.metadata.labels['pod-template-hash'];
  template.metadata.creationTimestamp = null;
  const skipped = new Set(['kubectl.kubernetes.io/last-applied-configuration', revisionKey, 'deployment.kubernetes.io/revision-history', 'deployment.kubernetes.io/desired-replicas', 'deployment.kubernetes.io/max-replicas', 'deprecated.deployment.rollback.to']);
  const annotations: Record<string, string> = {};
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) if (skipped.has(k)) annotations[k] = v;
  for (const [k, v] of Object.entries(rs.metadata.annotations ?? {})) if (!skipped.has(k)) annotations[k] = v;
  ok(c, {
    method: 'PATCH', path: `${deploymentsPath}/${name}`, headers: { 'content-type': 'application/json-patch+json' },
    body: [{ op: 'replace', path: '/spec/template', value: template }, { op: 'replace', path: '/metadata/annotations', value: annotations }],
  });
}

function annotationsOf(c: Cluster, rsName: string): Record<string, string> | undefined {
  return list(c, replicaSetsPath).find((rs: KubeObject) => rs.metadata.name === rsName)?.metadata.annotations;
}

describe('revisions and kubectl rollout undo', () => {
  it('copies kubernetes.io/change-cause to the ReplicaSet and revives the old ReplicaSet as revision 3', () => {
    const c = workloadCluster();
    createDeployment(c, { ...deployment('web', 2), metadata: { name: 'web', annotations: { 'kubernetes.io/change-cause': 'first' } } });
    markPodsReady(c);
    patch(c, 'web', { metadata: { annotations: { 'kubernetes.io/change-cause': 'second' } }, spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.28' }] } } } });
    markPodsReady(c);
    markPodsReady(c);
    expect(replicaSetSummary(c)).toEqual(['web-74d644cc78 0/0/0 rev=1', 'web-6664b4775 2/2/2 rev=2']);
    expect(annotationsOf(c, 'web-74d644cc78')).toEqual({
      'deployment.kubernetes.io/desired-replicas': '2', 'deployment.kubernetes.io/max-replicas': '3',
      'deployment.kubernetes.io/revision': '1', 'kubernetes.io/change-cause': 'first',
    });
    const before = eventsFor(c, 'web').length;

    rolloutUndo(c, 'web');
    markPodsReady(c);
    markPodsReady(c);
    // No third ReplicaSet: the old one is found by its template and moves to revision 3.
    expect(replicaSetSummary(c)).toEqual(['web-6664b4775 0/0/0 rev=2', 'web-74d644cc78 2/2/2 rev=3']);
    expect(annotationsOf(c, 'web-74d644cc78')).toEqual({
      'deployment.kubernetes.io/desired-replicas': '2', 'deployment.kubernetes.io/max-replicas': '3',
      'deployment.kubernetes.io/revision': '3', 'deployment.kubernetes.io/revision-history': '1',
      'kubernetes.io/change-cause': 'first',
    });
    expect(getDeployment(c, 'web').metadata.annotations).toEqual({ 'deployment.kubernetes.io/revision': '3', 'kubernetes.io/change-cause': 'first' });
    // Only scaling events: apps/v1 has no DeploymentRollback event.
    expect(eventsFor(c, 'web').slice(before)).toEqual([
      'Normal ScalingReplicaSet Scaled up replica set web-74d644cc78 from 0 to 1',
      'Normal ScalingReplicaSet Scaled down replica set web-6664b4775 from 2 to 1',
      'Normal ScalingReplicaSet Scaled up replica set web-74d644cc78 from 1 to 2',
      'Normal ScalingReplicaSet Scaled down replica set web-6664b4775 from 1 to 0',
    ]);
  });

  it('keeps revisionHistoryLimit old ReplicaSets, deleting the lowest revisions once they are empty', () => {
    const c = workloadCluster();
    createDeployment(c, deployment('web', 1, { revisionHistoryLimit: 1 }));
    for (const image of ['nginx:1.28', 'nginx:1.29', 'nginx:1.30']) {
      markPodsReady(c);
      patch(c, 'web', { spec: { template: { spec: { containers: [{ name: 'nginx', image }] } } } });
      markPodsReady(c);
    }
    expect(replicaSetSummary(c).map((s) => s.replace(/^web-\w+ /, ''))).toEqual(['0/0/0 rev=3', '1/1/1 rev=4']);
  });

  it('restarts with kubectl.kubernetes.io/restartedAt in the template: a new ReplicaSet and revision', () => {
    const c = workloadCluster();
    createDeployment(c, deployment('web', 1));
    markPodsReady(c);
    patch(c, 'web', { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': '2026-01-01T00:00:00Z' } } } } });
    markPodsReady(c);
    const summary = replicaSetSummary(c);
    expect(summary).toHaveLength(2);
    expect(summary[0]).toBe('web-74d644cc78 0/0/0 rev=1');
    expect(summary[1]).toMatch(/^web-[456789bcdf]+ 1\/1\/1 rev=2$/);
  });
});
