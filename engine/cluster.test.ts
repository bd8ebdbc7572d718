/**
 * The cluster as a whole. Its boot, pinned: a digest of everything a client can read through the API
 * (every object of every listable resource, resourceVersions, managedFields, events, times), the
 * virtual clock and the positions of the seeded random streams. Making boot faster must not
 * change one byte of it. Regenerate only for a deliberate change of the default cluster:
 * `KUBELAB_PRINT_BOOT_DIGEST=1 npx vitest run engine/cluster.test.ts`. And the bounded write
 * (ClusterOptions.writeSettle): it answers before the controllers are done, and the cluster ends
 * up byte-identical to the blocking path.
 */
import { describe, expect, it } from 'vitest';
import { Cluster } from './cluster.ts';
import { resourcePath } from './api/registry.ts';
import type { KubeObject } from './api/types.ts';

/** FNV-1a over UTF-16 code units, twice with different offsets: 64 bits, enough to notice any change. */
function digest(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x01000193 + 2) >>> 0;
  }
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}

/** Every stored object, read as a client reads them: list per resource, sorted by path. */
function clusterState(cluster: Cluster): string {
  const lines: string[] = [];
  for (const info of cluster.api.context.registry.all()) {
    if (info.resource.includes('/') || !info.verbs.includes('list') || info.group === 'metrics.k8s.io') continue;
    const listed = cluster.handle({ method: 'GET', path: resourcePath(info) });
    if (listed.status !== 200) continue;
    const items = (listed.body as { items: KubeObject[] }).items;
    for (const item of items) lines.push(`${info.group}/${info.version}/${info.resource} ${JSON.stringify(item)}`);
  }
  return lines.sort().join('\n');
}

/** The state, the clock and the next draw of every random stream (drawn last: it moves them). */
interface Fingerprint {
  objects: number;
  state: string;
  now: number;
  resourceVersion: number;
  random: number[];
}

function fingerprint(cluster: Cluster): Fingerprint {
  const state = clusterState(cluster);
  const ctx = cluster.api.context;
  return {
    objects: state.split('\n').length,
    state: digest(state),
    now: cluster.now(),
    resourceVersion: ctx.store.resourceVersion(),
    random: [cluster.random.uint32(), ctx.random.uint32(), ctx.names.uint32(), ctx.uids.uint32()],
  };
}

const pinned = {
  booted: { objects: 371, state: 'f408640680b6a90b', now: 1767225600000, resourceVersion: 406, random: [1130556604, 2591592147, 641123465, 3567552618] },
  running: { objects: 485, state: 'e0205ff137920494', now: 1767225605000, resourceVersion: 515, random: [2125712838, 2675194836, 641123465, 4171573990] },
};

describe('default cluster boot', () => {
  it('is byte-identical to the pinned boot, right after construction and once the system pods run', () => {
    const booted = new Cluster({ seed: 1 });
    const afterBoot = fingerprint(booted);
    const running = new Cluster({ seed: 1 });
    running.advance(5000);
    const afterRunning = fingerprint(running);
    if (process.env.KUBELAB_PRINT_BOOT_DIGEST) console.log(JSON.stringify({ booted: afterBoot, running: afterRunning }));
    expect({ booted: afterBoot, running: afterRunning }).toEqual(pinned);
  });
});

/** A wall clock that moves 1 ms each time it is read: bounded settling, deterministic. */
function tickingWall(): () => number {
  let ms = 0;
  return () => ms++;
}

const deployment = (replicas: number) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default' },
  spec: { replicas, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } } },
});
const service = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } };

function podCount(cluster: Cluster): number {
  return (cluster.handle({ method: 'GET', path: '/api/v1/namespaces/default/pods' }).body as { items: unknown[] }).items.length;
}

describe('bounded writes', () => {
  // No nodes and no scheduler: 1,000 unschedulable pods would make as many FailedScheduling events,
  // which only slows the test; the Deployment, ReplicaSet, GC and endpoint controllers still act.
  const options = { seed: 7, addons: false, maxPods: 2000, scheduler: false, kubelets: { nodes: [] } };

  it('answers a 1,000-replica create before the controllers run it, and settles to the blocking result', () => {
    const blocking = new Cluster(options);
    blocking.handle({ method: 'POST', path: '/apis/apps/v1/namespaces/default/deployments', body: deployment(1000) });
    const blockingPods = podCount(blocking);
    blocking.handle({ method: 'POST', path: '/api/v1/namespaces/default/services', body: service });
    blocking.advance(1000);

    const bounded = new Cluster({ ...options, writeSettle: { budgetMs: 2, wallNow: tickingWall() } });
    const created = bounded.handle({ method: 'POST', path: '/apis/apps/v1/namespaces/default/deployments', body: deployment(1000) });
    // Answered with a few syncs run: the Deployment exists, its pods do not yet.
    const answered = { status: created.status, busy: bounded.busy, pods: podCount(bounded) };
    // The worker's slices: a few syncs at a time, at the same instant.
    const wall = tickingWall();
    let slices = 0;
    while (!bounded.settleWithin(3, wall)) slices++;
    const drained = { busy: bounded.busy, pods: podCount(bounded), manySlices: slices > 10 };
    // A second write after a half-settled one meets the settled cluster, as on the blocking path.
    bounded.handle({ method: 'POST', path: '/api/v1/namespaces/default/services', body: service }, { settle: false });
    bounded.advance(1000);

    expect({ answered, drained }).toEqual({ answered: { status: 201, busy: true, pods: 0 }, drained: { busy: false, pods: blockingPods, manySlices: true } });
    expect(blockingPods).toBe(1000);
    expect(fingerprint(bounded)).toEqual(fingerprint(blocking));
  });

  it('settles the rest before the next write, whatever the reads in between saw', () => {
    const blocking = new Cluster(options);
    blocking.handle({ method: 'POST', path: '/apis/apps/v1/namespaces/default/deployments', body: deployment(40) });
    blocking.handle({ method: 'POST', path: '/api/v1/namespaces/default/services', body: service });

    const bounded = new Cluster(options);
    bounded.handle({ method: 'POST', path: '/apis/apps/v1/namespaces/default/deployments', body: deployment(40) }, { settle: false });
    const before = podCount(bounded);
    bounded.handle({ method: 'POST', path: '/api/v1/namespaces/default/services', body: service });

    expect({ before, busy: bounded.busy }).toEqual({ before: 0, busy: false });
    expect(fingerprint(bounded)).toEqual(fingerprint(blocking));
  });
});
