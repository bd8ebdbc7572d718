import { describe, expect, it } from 'vitest';
import { Cluster } from '../engine/cluster.ts';
import type { KubeObject } from '../engine/api/types.ts';
import { podJson, podSuffix, replicaSet, runningStatusJson } from './pod.ts';

describe('podSuffix', () => {
  it.each([
    [0, 'bbbbb'],
    [1, 'bbbbc'],
    [27, 'bbbcb'],
  ])('%d → %s', (index, suffix) => {
    expect(podSuffix(index)).toBe(suffix);
  });

  it('is unique for the 30,000 benchmark pods and uses the generateName alphabet', () => {
    const all = Array.from({ length: 30_000 }, (_, i) => podSuffix(i));
    expect(new Set(all).size).toBe(30_000);
    expect(all.every((s) => /^[bcdfghjklmnpqrstvwxz2456789]{5}$/.test(s))).toBe(true);
  });
});

describe('benchmark objects', () => {
  it('are accepted by the API server and survive the garbage collector', () => {
    // No nodes or scheduler: the benchmark writes the pods' status itself, as the bench does.
    const cluster = new Cluster({ seed: 3, kubelets: { nodes: [] }, scheduler: false });
    const rs = cluster.handle({ method: 'POST', path: '/apis/apps/v1/namespaces/default/replicasets', body: replicaSet('web-7d4b9c8f5', '7d4b9c8f5', 2) });
    expect(rs.status).toBe(201);
    const owner = { name: 'web-7d4b9c8f5', hash: '7d4b9c8f5', uid: (rs.body as KubeObject).metadata.uid! };
    const created = cluster.handle({ method: 'POST', path: '/api/v1/namespaces/default/pods', body: JSON.parse(podJson(owner, 0)) });
    expect(created.status).toBe(201);
    const running = cluster.handle({
      method: 'PATCH', path: '/api/v1/namespaces/default/pods/web-7d4b9c8f5-bbbbb/status',
      headers: { 'content-type': 'application/merge-patch+json' }, body: JSON.parse(runningStatusJson(0, '2026-01-01T00:00:05Z')),
    });
    expect(running.status).toBe(200);
    const pod = cluster.handle({ method: 'GET', path: '/api/v1/namespaces/default/pods/web-7d4b9c8f5-bbbbb' }).body as KubeObject;
    expect(pod.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-7d4b9c8f5', uid: owner.uid, controller: true, blockOwnerDeletion: true }]);
    expect((pod.status as { phase: string; podIP: string }).phase).toBe('Running');
    expect((pod.status as { phase: string; podIP: string }).podIP).toBe('10.244.0.0');
  });
});
