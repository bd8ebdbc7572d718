import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/types.ts';
import { goJson, hashRevision, newRevision, revisionTemplate } from './revision.ts';

/** Upstream's compatibility fixture (testdata/compatibility_revision_1.33.0.json): set `test`, revision `test-c77f6d978`. */
const fixtureSet: KubeObject = {
  apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'test', namespace: 'default', uid: 'ec335e25-1045-4216-8634-50cfbe05f3d6' },
  spec: {
    template: {
      metadata: { creationTimestamp: null, labels: { app: 'foo' }, annotations: { test: 'value' } },
      spec: {
        containers: [{ name: 'test', image: 'test', resources: {}, terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', imagePullPolicy: 'Always' }],
        restartPolicy: 'Always', terminationGracePeriodSeconds: 30, dnsPolicy: 'ClusterFirst', securityContext: {}, schedulerName: 'default-scheduler',
      },
    },
  },
};

describe('ControllerRevision hashing', () => {
  it('hashes upstream\'s fixture to the name a real cluster gave it', () => {
    const revision = newRevision(fixtureSet, 1, 0);
    expect(revision.metadata.name).toBe('test-c77f6d978');
    expect(revision.metadata.labels).toEqual({ app: 'foo', 'controller.kubernetes.io/hash': 'c77f6d978' });
    expect(goJson(revision.data)).toBe('{"spec":{"template":{"$patch":"replace","metadata":{"annotations":{"test":"value"},"creationTimestamp":null,"labels":{"app":"foo"}},"spec":{"containers":[{"image":"test","imagePullPolicy":"Always","name":"test","resources":{},"terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File"}],"dnsPolicy":"ClusterFirst","restartPolicy":"Always","schedulerName":"default-scheduler","securityContext":{},"terminationGracePeriodSeconds":30}}}}');
    expect(revision.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'test', uid: 'ec335e25-1045-4216-8634-50cfbe05f3d6', controller: true, blockOwnerDeletion: true }]);
  });

  // FNV-1 ends with an xor of the last byte, so "…1" instead of "…0" flips the lowest bit of the
  // sum: 733928534 → 733928535, whose last digit encodes as '9' instead of '8'.
  it.each([
    [0, 'c77f6d978'],
    [1, 'c77f6d979'],
  ])('collision count %i is part of the hash → %s', (count, hash) => {
    expect(hashRevision(newRevision(fixtureSet, 1, 0).data, count)).toBe(hash);
  });

  it.each([
    [{ b: 1, a: [{ d: null, c: 'x' }] }, '{"a":[{"c":"x","d":null}],"b":1}'],
    [{ cmd: 'a<b && c>d' }, '{"cmd":"a\\u003cb \\u0026\\u0026 c\\u003ed"}'],
  ])('goJson(%j) is encoding/json\'s output', (value, json) => {
    expect(goJson(value)).toBe(json);
  });

  it('copies the set\'s annotations (change-cause for rollout history) and restores the template without $patch', () => {
    const annotated = { ...fixtureSet, metadata: { ...fixtureSet.metadata, annotations: { 'kubernetes.io/change-cause': 'image test' } } };
    const revision = newRevision(annotated, 4, 0);
    expect([revision.metadata.annotations, revision.revision]).toEqual([{ 'kubernetes.io/change-cause': 'image test' }, 4]);
    expect(revisionTemplate(annotated, revision)).toEqual((fixtureSet.spec as { template: unknown }).template);
  });
});
