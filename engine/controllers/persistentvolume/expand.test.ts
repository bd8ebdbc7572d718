import { describe, expect, it } from 'vitest';
import type { Cluster } from '../../cluster.ts';
import { claimPath, create, eventSources, eventsFor, get, makeClaim, makePodWithClaim, ok, storageCluster, volumePath } from './test-helpers.ts';

/** A bound 1Gi claim of an expandable local-path class, grown to 2Gi. Returns its volume's name. */
function growClaim(cluster: Cluster): string {
  create(cluster, {
    apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'expandable' },
    provisioner: 'rancher.io/local-path', volumeBindingMode: 'WaitForFirstConsumer', allowVolumeExpansion: true,
  });
  const claim = create(cluster, makeClaim('data', { storageClassName: 'expandable' }));
  create(cluster, makePodWithClaim('web', 'data'));
  cluster.advance(3_000);
  ok(cluster, {
    method: 'PATCH', path: claimPath('data'), headers: { 'content-type': 'application/merge-patch+json' },
    body: { spec: { resources: { requests: { storage: '2Gi' } } } },
  });
  return `pvc-${claim.metadata.uid}`;
}

const capacities = (cluster: Cluster, pv: string): unknown => ({
  claim: (get(cluster, claimPath('data'))?.status as { capacity?: unknown })?.capacity,
  volume: (get(cluster, volumePath(pv))?.spec as { capacity?: unknown })?.capacity,
});

describe('volume expansion', () => {
  it('on kind nothing resizes local-path volumes: the claim keeps its size', () => {
    const cluster = storageCluster();
    const pv = growClaim(cluster);
    cluster.advance(60_000);
    expect(capacities(cluster, pv)).toEqual({ claim: { storage: '1Gi' }, volume: { storage: '1Gi' } });
    expect(eventsFor(cluster, 'data').filter((e) => e.includes('Expand'))).toEqual([
      'Normal ExternalExpanding waiting for an external controller to expand this PVC',
    ]);
    expect(eventSources(cluster, 'data').ExternalExpanding).toBe('volume_expand');
  });

  it('with an external-resizer: Resizing, the volume grows, then the claim', () => {
    const cluster = storageCluster({ resizers: ['rancher.io/local-path'] });
    const pv = growClaim(cluster);
    cluster.advance(500);
    const resizing = get(cluster, claimPath('data'))!;
    expect(resizing.status).toEqual({
      phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' },
      conditions: [{ type: 'Resizing', status: 'True', lastProbeTime: null, lastTransitionTime: '2026-01-01T00:00:03Z' }],
    });
    cluster.advance(1_000);
    expect(capacities(cluster, pv)).toEqual({ claim: { storage: '2Gi' }, volume: { storage: '2Gi' } });
    expect(get(cluster, claimPath('data'))?.status).toEqual({ phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '2Gi' } });
    expect(eventsFor(cluster, 'data').slice(-3)).toEqual([
      'Normal ExternalExpanding waiting for an external controller to expand this PVC (x2)',
      `Normal Resizing External resizer is resizing volume ${pv}`,
      'Normal VolumeResizeSuccessful Resize volume succeeded',
    ]);
    expect(eventSources(cluster, 'data').Resizing).toBe('external-resizer rancher.io/local-path');
    expect(cluster.controllers.errors).toEqual([]);
  });
});
