import { describe, expect, it } from 'vitest';
import { Cluster } from '../../cluster.ts';
import type { KubeObject } from '../../api/types.ts';
import { ReplicaSetController } from './replicaset.ts';
import { eventsFor, get, markPodsReady, ok, pods, replicaSet } from './test-helpers.ts';

const rsPath = '/apis/apps/v1/namespaces/default/replicasets';
const podsPath = '/api/v1/namespaces/default/pods';

function cluster(): Cluster {
  const c = new Cluster({ seed: 7, kubelets: { nodes: [] }, scheduler: false, addons: false });
  c.controllers.add(new ReplicaSetController());
  return c;
}

function names(objects: KubeObject[]): string[] {
  return objects.map((o) => o.metadata.name!);
}

function scale(c: Cluster, name: string, replicas: number): void {
  ok(c, { method: 'PATCH', path: `${rsPath}/${name}/scale`, headers: { 'content-type': 'application/merge-patch+json' }, body: { spec: { replicas } } });
}

describe('ReplicaSet controller', () => {
  it('creates pods named <rs>-<5 random> with a controllerRef, records SuccessfulCreate, and counts them', () => {
    const c = cluster();
    const rs = ok(c, { method: 'POST', path: rsPath, body: replicaSet('web', 3) });
    const created = pods(c, 'app=web');
    expect(names(created)).toEqual(['web-7dv9b', 'web-7fmg6', 'web-phtvj']);
    for (const pod of created) {
      expect(pod.metadata.generateName).toBe('web-');
      expect(pod.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: rs.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    }
    // Slow start: one pod, then two — in the order the API server named them.
    expect(eventsFor(c, 'web')).toEqual([
      'Normal SuccessfulCreate Created pod: web-7fmg6',
      'Normal SuccessfulCreate Created pod: web-phtvj',
      'Normal SuccessfulCreate Created pod: web-7dv9b',
    ]);
    expect(get(c, `${rsPath}/web`)!.status).toEqual({ replicas: 3, fullyLabeledReplicas: 3, observedGeneration: 1 });
  });

  it('counts a Ready pod as available only minReadySeconds after it turned Ready', () => {
    const c = cluster();
    ok(c, { method: 'POST', path: rsPath, body: replicaSet('web', 3, { minReadySeconds: 10 }) });
    markPodsReady(c);
    expect(get(c, `${rsPath}/web`)!.status).toEqual({ replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 3, observedGeneration: 1 });
    c.advance(10_000);
    expect((get(c, `${rsPath}/web`)!.status as { availableReplicas?: number }).availableReplicas).toBeUndefined();
    c.advance(1);
    expect(get(c, `${rsPath}/web`)!.status).toEqual({ replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 3, availableReplicas: 3, observedGeneration: 1 });
  });

  it('scales down deleting not-ready pods before ready ones, with SuccessfulDelete', () => {
    const c = cluster();
    ok(c, { method: 'POST', path: rsPath, body: replicaSet('web', 3) });
    markPodsReady(c, undefined);
    c.advance(1_000);
    scale(c, 'web', 4);
    expect(names(pods(c))).toEqual(['web-7dv9b', 'web-7fmg6', 'web-phtvj', 'web-xcq48']);
    scale(c, 'web', 2);
    // web-xcq48 is not ready: it goes first. The other three are alike (ready and created in the same
    // instant), so the UID decides, as upstream's LogarithmicScaleDown tie-break does.
    expect(eventsFor(c, 'web').slice(3)).toEqual([
      'Normal SuccessfulCreate Created pod: web-xcq48',
      'Normal SuccessfulDelete Deleted pod: web-xcq48',
      'Normal SuccessfulDelete Deleted pod: web-7dv9b',
    ]);
    expect(names(pods(c))).toEqual(['web-7fmg6', 'web-phtvj']);
    expect(get(c, `${rsPath}/web`)!.status).toEqual({ replicas: 2, fullyLabeledReplicas: 2, readyReplicas: 2, availableReplicas: 2, observedGeneration: 3 });
  });

  it('adopts a matching orphan pod instead of creating one more', () => {
    const c = cluster();
    ok(c, { method: 'POST', path: podsPath, body: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'manual', labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } } });
    const rs = ok(c, { method: 'POST', path: rsPath, body: replicaSet('web', 2) });
    expect(names(pods(c))).toEqual(['manual', 'web-4cz6f']);
    expect(get(c, `${podsPath}/manual`)!.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: rs.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    expect(eventsFor(c, 'web')).toEqual(['Normal SuccessfulCreate Created pod: web-4cz6f']);
  });

  it('leaves pods behind on --cascade=orphan, and a new ReplicaSet adopts them', () => {
    const c = cluster();
    ok(c, { method: 'POST', path: rsPath, body: replicaSet('web', 3) });
    ok(c, { method: 'DELETE', path: `${rsPath}/web`, body: { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Orphan' } });
    expect(get(c, `${rsPath}/web`)).toBeUndefined();
    const orphans = pods(c);
    expect(names(orphans)).toEqual(['web-7dv9b', 'web-7fmg6', 'web-phtvj']);
    expect(orphans.map((p) => p.metadata.ownerReferences)).toEqual([undefined, undefined, undefined]);
    const next = ok(c, { method: 'POST', path: rsPath, body: { ...replicaSet('web', 3), metadata: { name: 'web-2' } } });
    expect(pods(c).map((p) => p.metadata.ownerReferences?.[0].uid)).toEqual(Array(3).fill(next.metadata.uid));
    expect(eventsFor(c, 'web-2')).toEqual([]);
  });

  it('releases a pod whose labels stop matching and replaces it', () => {
    const c = cluster();
    ok(c, { method: 'POST', path: rsPath, body: replicaSet('web', 2) });
    ok(c, { method: 'PATCH', path: `${podsPath}/web-7fmg6`, headers: { 'content-type': 'application/merge-patch+json' }, body: { metadata: { labels: { app: 'debug' } } } });
    expect(get(c, `${podsPath}/web-7fmg6`)!.metadata.ownerReferences).toBeUndefined();
    expect(names(pods(c, 'app=web'))).toEqual(['web-7dv9b', 'web-phtvj']);
  });
});
