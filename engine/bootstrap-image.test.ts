/**
 * A cluster whose bootstrap was copied from the process's image reads exactly as one that ran the
 * bootstrap through the pipeline: objects, resourceVersions, watch history, audit records and the
 * positions of the random streams. And no write to one cluster reaches the image or the next one.
 */
import { describe, expect, it } from 'vitest';
import { Cluster, type ClusterOptions } from './cluster.ts';
import { bootstrapImageCount, bootstrapImageKey, encodeBootstrapImage, forgetBootstrapImages, preloadBootstrapImage } from './bootstrap-image.ts';
import { resourcePath } from './api/registry.ts';
import type { KubeObject } from './api/types.ts';

/** Everything the bootstrap leaves that a client or a later write can observe. */
function observable(cluster: Cluster) {
  const ctx = cluster.api.context;
  const objects: string[] = [];
  for (const info of ctx.registry.all()) {
    if (info.resource.includes('/') || !info.verbs.includes('list') || info.group === 'metrics.k8s.io') continue;
    const listed = cluster.handle({ method: 'GET', path: resourcePath(info) });
    if (listed.status !== 200) continue;
    for (const item of (listed.body as { items: KubeObject[] }).items) objects.push(`${info.resource} ${JSON.stringify(item)}`);
  }
  return {
    objects,
    resourceVersion: ctx.store.resourceVersion(),
    history: JSON.stringify(ctx.store.changesSince(0)),
    audit: JSON.stringify(cluster.audit.query()),
    // Drawn last: it moves the streams.
    random: [ctx.random.uint32(), ctx.names.uint32(), ctx.uids.uint32(), cluster.random.uint32()],
  };
}

const bare = (options: ClusterOptions): Cluster => new Cluster({ ...options, controllers: false });

describe('bootstrap image', () => {
  it.each([
    ['seed 1', { seed: 1 }],
    ['seed 42, another start', { seed: 42, start: Date.UTC(2030, 5, 1, 12, 0, 0) }],
    ['a short watch history', { seed: 3, historySize: 50 }],
  ])('gives a later cluster exactly what the pipeline gave the first (%s)', (_name, options) => {
    forgetBootstrapImages();
    const computed = observable(bare(options));
    expect(bootstrapImageCount()).toBe(1);
    const copied = observable(bare(options));
    expect(bootstrapImageCount()).toBe(1);
    expect(copied.objects.length).toBeGreaterThan(150);
    expect(copied).toEqual(computed);
  });

  it('is not shared between seeds: each gets its own UIDs', () => {
    const one = bare({ seed: 1 }).api.context.store.get('/namespaces', undefined, 'default')!;
    const two = bare({ seed: 2 }).api.context.store.get('/namespaces', undefined, 'default')!;
    expect(one.metadata.uid).not.toBe(two.metadata.uid);
  });

  it('keeps one cluster\'s writes, and even a stray in-place change, out of the next cluster', () => {
    bare({ seed: 5 });
    const first = bare({ seed: 5 });
    const created = first.handle({ method: 'POST', path: '/api/v1/namespaces', body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'mine' } } });
    expect(created.status).toBe(201);
    // Stored objects must never be changed in place; if some code did, only its own cluster may see it.
    const stored = first.api.context.store.get('/namespaces', undefined, 'default')!;
    (stored.metadata.labels as Record<string, string>).stray = 'yes';
    first.api.context.audit.query()[0].user = 'stray';

    const next = bare({ seed: 5 });
    const get = (name: string) => next.handle({ method: 'GET', path: `/api/v1/namespaces/${name}` });
    expect(get('mine').status).toBe(404);
    expect((get('default').body as KubeObject).metadata.labels).toEqual({ 'kubernetes.io/metadata.name': 'default' });
    expect(next.audit.query()[0].user).not.toBe('stray');
  });
});

/** How many history entries are the stored object itself, and how many FieldsV1 trees are frozen (interned). */
function sharing(cluster: Cluster) {
  const store = cluster.api.context.store;
  const { buckets, history } = store.snapshot();
  const stored = buckets.flatMap(([, entries]) => entries.map(([, object]) => object));
  return {
    historyIsStored: history.filter((c) => store.get(c.storageKey, c.object.metadata.namespace, c.object.metadata.name!) === c.object).length,
    frozenFields: stored.filter((object) => object.metadata.managedFields?.some((entry) => Object.isFrozen(entry.fieldsV1))).length,
  };
}

describe('shipped bootstrap image (the built lab\'s worker preloads it as text)', () => {
  it.each([
    ['the default cluster, once its system pods run', { seed: 1 }, 5000],
    ['seed 7, another start, a short history, API server alone', { seed: 7, start: Date.UTC(2031, 0, 2), historySize: 40, controllers: false }, 0],
  ])('gives the same cluster as the pipeline: %s', (_name, options: ClusterOptions, advanceMs) => {
    forgetBootstrapImages();
    const computed = new Cluster(options);
    const key = bootstrapImageKey(options.seed!, options.start ?? computed.now(), options.historySize);
    const text = encodeBootstrapImage(key);
    expect(text).toBeDefined();
    // Another process (the browser's worker) reads the text: nothing of this one's cache is left.
    forgetBootstrapImages();
    expect(preloadBootstrapImage(text!)).toBe(key);
    const shipped = new Cluster(options);
    expect(bootstrapImageCount()).toBe(1);
    expect(sharing(shipped)).toEqual(sharing(computed));
    expect(sharing(shipped).historyIsStored).toBeGreaterThan(30);
    expect(sharing(shipped).frozenFields).toBeGreaterThan(30);
    computed.advance(advanceMs);
    shipped.advance(advanceMs);
    const fromText = observable(shipped);
    expect(fromText.objects.length).toBeGreaterThan(150);
    expect(fromText).toEqual(observable(computed));
  });

  it('gives every later cluster its own objects: the first takes the decoded image, the next decode the text again', () => {
    forgetBootstrapImages();
    const computed = observable(bare({ seed: 5 }));
    const text = encodeBootstrapImage(bootstrapImageKey(5, bare({ seed: 5 }).now(), undefined))!;
    forgetBootstrapImages();
    preloadBootstrapImage(text);
    const [first, second] = [bare({ seed: 5 }), bare({ seed: 5 })];
    const firstDefault = first.api.context.store.get('/namespaces', undefined, 'default')!;
    expect(second.api.context.store.get('/namespaces', undefined, 'default')).not.toBe(firstDefault);
    // A write to the first (even a stray one in place) reaches neither the second nor a third.
    expect(first.handle({ method: 'POST', path: '/api/v1/namespaces', body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'mine' } } }).status).toBe(201);
    (firstDefault.metadata.labels as Record<string, string>).stray = 'yes';
    expect(observable(second)).toEqual(computed);
    expect(observable(bare({ seed: 5 }))).toEqual(computed);
  });

  it('round-trips: the text of a preloaded image is the text it was read from', () => {
    forgetBootstrapImages();
    const cluster = bare({ seed: 1 });
    const key = bootstrapImageKey(1, cluster.now(), undefined);
    const text = encodeBootstrapImage(key)!;
    forgetBootstrapImages();
    preloadBootstrapImage(text);
    expect(encodeBootstrapImage(key)).toBe(text);
    expect(encodeBootstrapImage(bootstrapImageKey(2, cluster.now(), undefined))).toBeUndefined();
  });
});
