import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/types.ts';
import { identityMatches, newVersionedPod, parentAndOrdinal, storageMatches } from './identity.ts';
import { claimsFor } from './claims.ts';

const set: KubeObject = {
  apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'web', namespace: 'default', uid: 'set-uid' },
  spec: {
    replicas: 3, serviceName: 'nginx', selector: { matchLabels: { app: 'nginx' } },
    updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2 } },
    template: { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }], volumes: [{ name: 'www', emptyDir: {} }, { name: 'conf', configMap: { name: 'conf' } }] } },
    volumeClaimTemplates: [{ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'www', creationTimestamp: null, labels: { tier: 'data', app: 'other' } }, spec: { accessModes: ['ReadWriteOnce'] }, status: { phase: 'Pending' } }],
  },
};
const templates = {
  current: { name: 'web-old', template: { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.26' }] } } },
  update: { name: 'web-new', template: { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } } },
};

describe('parentAndOrdinal (getParentNameAndOrdinal)', () => {
  it.each([
    ['web-0', 'web', 0],
    ['my-db-12', 'my-db', 12],
    ['web', '', -1],
    ['web-x', '', -1],
    ['web-99999999999', 'web', -1],
  ])('%s → parent %j, ordinal %i', (name, parent, ordinal) => {
    expect(parentAndOrdinal(name)).toEqual({ parent, ordinal });
  });
});

describe('newVersionedPod (newVersionedStatefulSetPod)', () => {
  it('gives an ordinal below the partition the current revision, with identity and claim volumes', () => {
    expect(newVersionedPod(set, templates, 1)).toEqual({
      apiVersion: 'v1', kind: 'Pod',
      metadata: {
        name: 'web-1', generateName: 'web-', namespace: 'default',
        labels: { app: 'nginx', 'apps.kubernetes.io/pod-index': '1', 'controller-revision-hash': 'web-old', 'statefulset.kubernetes.io/pod-name': 'web-1' },
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: 'set-uid', controller: true, blockOwnerDeletion: true }],
      },
      spec: {
        containers: [{ name: 'nginx', image: 'nginx:1.26' }],
        hostname: 'web-1', subdomain: 'nginx',
        volumes: [{ name: 'www', persistentVolumeClaim: { claimName: 'www-web-1' } }],
      },
    });
  });

  it.each([
    [0, 'web-old'], [1, 'web-old'], [2, 'web-new'], [5, 'web-new'],
  ])('ordinal %i with partition 2 → %s', (ordinal, revision) => {
    expect(newVersionedPod(set, templates, ordinal).metadata.labels!['controller-revision-hash']).toBe(revision);
  });

  it('gives every new pod the update revision under OnDelete', () => {
    const onDelete = { ...set, spec: { ...(set.spec as object), updateStrategy: { type: 'OnDelete' } } };
    expect(newVersionedPod(onDelete, templates, 0).metadata.labels!['controller-revision-hash']).toBe('web-new');
  });

  it('puts claim volumes first, replacing a template volume of the same name', () => {
    const withVolumes = { ...set, spec: { ...(set.spec as object), template: { spec: { containers: [], volumes: [{ name: 'www', emptyDir: {} }, { name: 'conf', configMap: { name: 'conf' } }] } } } };
    const pod = newVersionedPod(withVolumes, { current: { name: 'a', template: (withVolumes.spec as { template: object }).template }, update: { name: 'a', template: (withVolumes.spec as { template: object }).template } }, 4);
    expect((pod.spec as { volumes: unknown }).volumes).toEqual([
      { name: 'www', persistentVolumeClaim: { claimName: 'www-web-4' } },
      { name: 'conf', configMap: { name: 'conf' } },
    ]);
    expect([identityMatches(withVolumes, pod), storageMatches(withVolumes, pod)]).toEqual([true, true]);
  });
});

describe('identityMatches / storageMatches', () => {
  const pod = newVersionedPod(set, templates, 0);
  it.each([
    ['the pod as made', pod, true, true],
    ['pod-name label removed', { ...pod, metadata: { ...pod.metadata, labels: { app: 'nginx' } } }, false, true],
    ['another namespace', { ...pod, metadata: { ...pod.metadata, namespace: 'other' } }, false, true],
    ['claim volume missing', { ...pod, spec: { containers: [] } }, true, false],
    ['claim of another ordinal', { ...pod, spec: { volumes: [{ name: 'www', persistentVolumeClaim: { claimName: 'www-web-1' } }] } }, true, false],
  ])('%s', (_what, candidate, identity, storage) => {
    expect([identityMatches(set, candidate as KubeObject), storageMatches(set, candidate as KubeObject)]).toEqual([identity, storage]);
  });
});

describe('claimsFor (getPersistentVolumeClaims)', () => {
  it('names the claim <template>-<set>-<ordinal> and adds the selector labels over the template labels', () => {
    expect(claimsFor(set, 2)).toEqual([{
      apiVersion: 'v1', kind: 'PersistentVolumeClaim',
      metadata: { name: 'www-web-2', namespace: 'default', labels: { app: 'nginx', tier: 'data' } },
      spec: { accessModes: ['ReadWriteOnce'] },
    }]);
  });
});
