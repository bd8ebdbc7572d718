import { describe, expect, it } from 'vitest';
import { Cluster } from '../cluster.ts';
import type { ApiRequest, KubeObject, WatchEvent } from './types.ts';

function cluster(): Cluster {
  return new Cluster({ seed: 7 });
}

function call(c: Cluster, method: ApiRequest['method'], path: string, body?: unknown, query?: Record<string, string>, headers?: Record<string, string>) {
  return c.handle({ method, path, body, query, headers });
}

const cmPath = '/api/v1/namespaces/default/configmaps';
const deployPath = '/apis/apps/v1/namespaces/default/deployments';

function configMap(name: string, data: Record<string, string> = {}, labels?: Record<string, string>): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, ...(labels ? { labels } : {}) }, data };
}

function deployment(name: string, replicas = 1): KubeObject {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name },
    spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } } },
  };
}

describe('API server: create and read', () => {
  it('sets uid, resourceVersion and creationTimestamp from the virtual clock', () => {
    const c = cluster();
    const created = call(c, 'POST', cmPath, configMap('a'));
    expect(created.status).toBe(201);
    const object = created.body as KubeObject;
    expect(object.metadata.creationTimestamp).toBe('2026-01-01T00:00:00Z');
    expect(object.metadata.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(Number(object.metadata.resourceVersion)).toBeGreaterThan(0);
    expect(call(c, 'GET', `${cmPath}/a`).body).toEqual(object);
  });

  it('is deterministic: the same seed and requests give the same objects', () => {
    const run = () => {
      const c = cluster();
      call(c, 'POST', cmPath, { ...configMap(''), metadata: { generateName: 'cfg-' } });
      return call(c, 'GET', cmPath).body;
    };
    expect(run()).toEqual(run());
  });

  it('generates names from generateName', () => {
    const c = cluster();
    const created = call(c, 'POST', cmPath, { ...configMap(''), metadata: { generateName: 'cfg-' } }).body as KubeObject;
    expect(created.metadata.name).toMatch(/^cfg-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });

  it('answers AlreadyExists, NotFound and a missing namespace with the real Status', () => {
    const c = cluster();
    call(c, 'POST', cmPath, configMap('a'));
    expect(call(c, 'POST', cmPath, configMap('a')).body).toEqual({
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'configmaps "a" already exists',
      reason: 'AlreadyExists', details: { name: 'a', kind: 'configmaps' }, code: 409,
    });
    expect(call(c, 'GET', `${deployPath}/web`).body).toMatchObject({ message: 'deployments.apps "web" not found', reason: 'NotFound', code: 404, details: { name: 'web', group: 'apps', kind: 'deployments' } });
    expect(call(c, 'POST', '/api/v1/namespaces/nowhere/configmaps', configMap('a')).body).toMatchObject({ message: 'namespaces "nowhere" not found', code: 404 });
  });

  it('lists in key order, leaving apiVersion and kind out of each item', () => {
    const c = cluster();
    for (const name of ['b', 'a', 'c']) call(c, 'POST', cmPath, configMap(name));
    const list = call(c, 'GET', cmPath).body as { kind: string; items: KubeObject[] };
    expect(list.kind).toBe('ConfigMapList');
    // kube-root-ca.crt is published into every namespace, as in a real cluster.
    expect(list.items.map((i) => i.metadata.name)).toEqual(['a', 'b', 'c', 'kube-root-ca.crt']);
    expect(list.items[0].kind).toBeUndefined();
  });

  it('pages with limit and continue', () => {
    const c = cluster();
    for (const name of ['a', 'b', 'c']) call(c, 'POST', cmPath, configMap(name));
    const first = call(c, 'GET', cmPath, undefined, { limit: '2' }).body as { items: KubeObject[]; metadata: { continue: string; remainingItemCount: number } };
    expect(first.items.map((i) => i.metadata.name)).toEqual(['a', 'b']);
    expect(first.metadata.remainingItemCount).toBe(2);
    const rest = call(c, 'GET', cmPath, undefined, { limit: '2', continue: first.metadata.continue }).body as { items: KubeObject[]; metadata: { continue?: string } };
    expect(rest.items.map((i) => i.metadata.name)).toEqual(['c', 'kube-root-ca.crt']);
    expect(rest.metadata.continue).toBeUndefined();
  });
});

describe('API server: updates', () => {
  it('refuses a stale resourceVersion with 409 Conflict', () => {
    const c = cluster();
    const created = call(c, 'POST', cmPath, configMap('a', { x: '1' })).body as KubeObject;
    call(c, 'PUT', `${cmPath}/a`, { ...created, data: { x: '2' } });
    const stale = call(c, 'PUT', `${cmPath}/a`, { ...created, data: { x: '3' } });
    expect(stale.status).toBe(409);
    expect((stale.body as { message: string }).message).toBe('Operation cannot be fulfilled on configmaps "a": the object has been modified; please apply your changes to the latest version and try again');
  });

  it('bumps generation on spec changes only, and ignores status on the main resource', () => {
    const c = cluster();
    call(c, 'POST', deployPath, deployment('web'));
    const before = call(c, 'GET', `${deployPath}/web`).body as KubeObject;
    const patched = call(c, 'PATCH', `${deployPath}/web`, { metadata: { labels: { a: 'b' } }, status: { replicas: 9 } }, undefined, { 'content-type': 'application/merge-patch+json' }).body as KubeObject;
    expect(patched.metadata.generation).toBe(1);
    expect(patched.status).toEqual(before.status);
    const scaled = call(c, 'PATCH', `${deployPath}/web`, { spec: { replicas: 3 } }, undefined, { 'content-type': 'application/merge-patch+json' }).body as KubeObject;
    expect(scaled.metadata.generation).toBe(2);
  });

  it('does not store a write that changes nothing', () => {
    const c = cluster();
    const created = call(c, 'POST', cmPath, configMap('a', { x: '1' })).body as KubeObject;
    const same = call(c, 'PUT', `${cmPath}/a`, created).body as KubeObject;
    expect(same.metadata.resourceVersion).toBe(created.metadata.resourceVersion);
  });

  it('serves the scale subresource as an autoscaling/v1 Scale', () => {
    const c = cluster();
    call(c, 'POST', deployPath, deployment('web', 2));
    const scale = call(c, 'PATCH', `${deployPath}/web/scale`, { spec: { replicas: 5 } }, undefined, { 'content-type': 'application/merge-patch+json' });
    expect(scale.body).toMatchObject({ kind: 'Scale', apiVersion: 'autoscaling/v1', spec: { replicas: 5 }, status: { selector: 'app=web' } });
    expect((call(c, 'GET', `${deployPath}/web`).body as { spec: { replicas: number } }).spec.replicas).toBe(5);
  });
});

describe('API server: watch', () => {
  it('replays changes after a resourceVersion and then streams new ones', () => {
    const c = cluster();
    const a = call(c, 'POST', cmPath, configMap('a')).body as KubeObject;
    call(c, 'POST', cmPath, configMap('b'));
    const events: WatchEvent[] = [];
    const watch = call(c, 'GET', cmPath, undefined, { watch: 'true', resourceVersion: a.metadata.resourceVersion! }).watch!;
    watch.start((e) => events.push(e), () => {});
    call(c, 'DELETE', `${cmPath}/a`);
    expect(events.map((e) => `${e.type} ${(e.object as KubeObject).metadata.name}`)).toEqual(['ADDED b', 'DELETED a']);
    watch.close();
  });

  it('delivers an object leaving the label selector as DELETED', () => {
    const c = cluster();
    call(c, 'POST', cmPath, configMap('a', {}, { tier: 'web' }));
    const events: string[] = [];
    const watch = call(c, 'GET', cmPath, undefined, { watch: 'true', labelSelector: 'tier=web' }).watch!;
    watch.start((e) => events.push(e.type), () => {});
    call(c, 'PATCH', `${cmPath}/a`, { metadata: { labels: { tier: 'db' } } }, undefined, { 'content-type': 'application/merge-patch+json' });
    expect(events).toEqual(['ADDED', 'DELETED']);
  });

  it('answers 410 Expired for a resourceVersion older than the history kept', () => {
    const c = new Cluster({ seed: 1, historySize: 5 });
    for (let i = 0; i < 20; i++) call(c, 'POST', cmPath, configMap(`c${i}`));
    const events: WatchEvent[] = [];
    call(c, 'GET', cmPath, undefined, { watch: 'true', resourceVersion: '2' }).watch!.start((e) => events.push(e), () => {});
    expect(events[0].type).toBe('ERROR');
    expect(events[0].object).toMatchObject({ reason: 'Expired', code: 410 });
  });
});

describe('API server: deletion and garbage collection', () => {
  it('holds an object with finalizers until the last one is removed', () => {
    const c = cluster();
    call(c, 'POST', cmPath, { ...configMap('a'), metadata: { name: 'a', finalizers: ['example.com/hold'] } });
    const deleted = call(c, 'DELETE', `${cmPath}/a`).body as KubeObject;
    expect(deleted.metadata.deletionTimestamp).toBe('2026-01-01T00:00:00Z');
    expect(call(c, 'GET', `${cmPath}/a`).status).toBe(200);
    call(c, 'PATCH', `${cmPath}/a`, { metadata: { finalizers: null } }, undefined, { 'content-type': 'application/merge-patch+json' });
    expect(call(c, 'GET', `${cmPath}/a`).status).toBe(404);
  });

  const owned = (name: string, owner: KubeObject, blockOwnerDeletion = false): KubeObject => ({
    ...configMap(name),
    metadata: { name, ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: owner.metadata.name!, uid: owner.metadata.uid!, blockOwnerDeletion }] },
  });

  it.each([
    ['Background', 404],
    ['Foreground', 404],
    ['Orphan', 200],
  ] as const)('propagationPolicy %s: the dependent answers %i afterwards', (propagationPolicy, code) => {
    const c = cluster();
    const owner = call(c, 'POST', cmPath, configMap('owner')).body as KubeObject;
    call(c, 'POST', cmPath, owned('dependent', owner, true));
    call(c, 'DELETE', `${cmPath}/owner`, { propagationPolicy });
    expect(call(c, 'GET', `${cmPath}/owner`).status).toBe(404);
    const dependent = call(c, 'GET', `${cmPath}/dependent`);
    expect(dependent.status).toBe(code);
    if (code === 200) expect((dependent.body as KubeObject).metadata.ownerReferences).toBeUndefined();
  });

  it('collects a cycle of ownerReferences', () => {
    const c = cluster();
    const a = call(c, 'POST', cmPath, configMap('a')).body as KubeObject;
    const b = call(c, 'POST', cmPath, owned('b', a)).body as KubeObject;
    const cc = call(c, 'POST', cmPath, owned('c', b)).body as KubeObject;
    call(c, 'PATCH', `${cmPath}/a`, { metadata: { ownerReferences: owned('a', cc).metadata.ownerReferences } }, undefined, { 'content-type': 'application/merge-patch+json' });
    call(c, 'DELETE', `${cmPath}/a`);
    expect(['a', 'b', 'c'].map((n) => call(c, 'GET', `${cmPath}/${n}`).status)).toEqual([404, 404, 404]);
  });

  it('gives every namespace its default ServiceAccount and root CA ConfigMap', () => {
    const c = cluster();
    call(c, 'POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } });
    expect(call(c, 'GET', '/api/v1/namespaces/team/serviceaccounts/default').status).toBe(200);
    expect((call(c, 'GET', '/api/v1/namespaces/team/configmaps/kube-root-ca.crt').body as { data: Record<string, string> }).data['ca.crt']).toContain('BEGIN CERTIFICATE');
  });

  it('empties a deleted namespace, then removes it', () => {
    const c = cluster();
    call(c, 'POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } });
    call(c, 'POST', '/api/v1/namespaces/team/configmaps', configMap('a'));
    const deleting = call(c, 'DELETE', '/api/v1/namespaces/team');
    expect((deleting.body as { status: { phase: string } }).status.phase).toBe('Terminating');
    c.advance(2_000);
    expect(call(c, 'GET', '/api/v1/namespaces/team/configmaps/a').status).toBe(404);
    expect(call(c, 'GET', '/api/v1/namespaces/team').status).toBe(404);
  });

  it('refuses new content in a terminating namespace', () => {
    const c = cluster();
    call(c, 'POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } });
    call(c, 'POST', '/api/v1/namespaces/team/configmaps', { ...configMap('held'), metadata: { name: 'held', finalizers: ['example.com/x'] } });
    call(c, 'DELETE', '/api/v1/namespaces/team');
    const refused = call(c, 'POST', '/api/v1/namespaces/team/configmaps', configMap('b'));
    expect(refused.body).toMatchObject({ code: 403, reason: 'Forbidden', message: 'configmaps "b" is forbidden: unable to create new content in namespace team because it is being terminated' });
  });
});

describe('API server: audit', () => {
  it('records every request with user, verb, resource, name and code', () => {
    const c = cluster();
    call(c, 'POST', cmPath, configMap('a'));
    call(c, 'GET', `${cmPath}/missing`);
    const records = c.api.context.audit.query({ resource: 'configmaps', namespace: 'default', user: 'kubernetes-admin' });
    expect(records.map((r) => [r.user, r.verb, r.name, r.code])).toEqual([
      ['kubernetes-admin', 'create', 'a', 201],
      ['kubernetes-admin', 'get', 'missing', 404],
    ]);
  });
});

describe('API server: Secrets', () => {
  it('merges stringData into data as base64 and never stores stringData', () => {
    const c = cluster();
    const created = call(c, 'POST', '/api/v1/namespaces/default/secrets', {
      apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { a: 'eA==' }, stringData: { pw: 's3cret', a: 'ü' },
    }).body as KubeObject;
    expect(created.data).toEqual({ a: 'w7w=', pw: 'czNjcmV0' });
    expect(created.stringData).toBeUndefined();
    expect(created.type).toBe('Opaque');
  });
});

describe('API server: pod logs', () => {
  const pod = (containers: string[]) => ({
    apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' },
    spec: { containers: containers.map((name) => ({ name, image: 'nginx' })) },
  });

  it('answers an empty log for a pod not yet on a node', () => {
    const c = new Cluster({ seed: 7, scheduler: false });
    call(c, 'POST', '/api/v1/namespaces/default/pods', pod(['nginx']));
    expect(call(c, 'GET', '/api/v1/namespaces/default/pods/web/log')).toMatchObject({ status: 200, body: '' });
  });

  it('asks which container when a pod has several, and refuses one it does not have', () => {
    const c = cluster();
    call(c, 'POST', '/api/v1/namespaces/default/pods', pod(['a', 'b']));
    expect(call(c, 'GET', '/api/v1/namespaces/default/pods/web/log').body).toMatchObject({
      code: 400, reason: 'BadRequest', message: 'a container name must be specified for pod web, choose one of: [a b]',
    });
    expect(call(c, 'GET', '/api/v1/namespaces/default/pods/web/log', undefined, { container: 'c' }).body).toMatchObject({
      code: 400, message: 'container c is not valid for pod web',
    });
  });
});

describe('API server: dry runs', () => {
  it('does not delete on a dry run sent in the DeleteOptions body, as kubectl sends it', () => {
    const c = cluster();
    call(c, 'POST', cmPath, configMap('a'));
    expect(call(c, 'DELETE', `${cmPath}/a`, { kind: 'DeleteOptions', apiVersion: 'v1', dryRun: ['All'] }).status).toBe(200);
    expect(call(c, 'GET', `${cmPath}/a`).status).toBe(200);
  });
});

describe('API server: runaway workloads', () => {
  it('stops a runaway at the pod cap, and the ReplicaSet controller says why', () => {
    const c = new Cluster({ seed: 7, maxPods: 20, scheduler: false, kubelets: { nodes: [] }, addons: false });
    call(c, 'POST', '/apis/apps/v1/namespaces/default/replicasets', {
      apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'big' },
      spec: { replicas: 1_000_000, selector: { matchLabels: { app: 'big' } }, template: { metadata: { labels: { app: 'big' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
    });
    expect(c.api.context.store.count('/pods')).toBe(20);
    const events = (call(c, 'GET', '/api/v1/namespaces/default/events', undefined, { fieldSelector: 'reason=FailedCreate' }).body as { items: { message: string }[] }).items;
    expect(events[0].message).toMatch(/^Error creating: pods "big-[a-z0-9]{5}" is forbidden: this lab cluster runs at most 20 pods; scale down or delete some first$/);
  });
});
