import { describe, expect, it } from 'vitest';
import type { JsonObject } from './merge-patch.ts';
import { createThreeWayMergePatch, createTwoWayMergePatch, patchTypeFor } from './strategic-diff.ts';
import { applyStrategicMergePatch } from './strategic-merge.ts';

const deployment = { group: 'apps', kind: 'Deployment' };
const lastAppliedKey = 'kubectl.kubernetes.io/last-applied-configuration';

/** What the learner's file says, as kubectl decodes it. */
function file(spec: JsonObject, labels?: Record<string, string>): JsonObject {
  const metadata: JsonObject = { annotations: {}, name: 'web', namespace: 'default' };
  if (labels) metadata.labels = labels;
  return { apiVersion: 'apps/v1', kind: 'Deployment', metadata, spec };
}

/** kubectl's "modified": the file plus the annotation holding the file itself. */
function withLastApplied(config: JsonObject): JsonObject {
  const copy = structuredClone(config);
  (copy.metadata as JsonObject).annotations = { [lastAppliedKey]: `${JSON.stringify(config)}\n` };
  return copy;
}

const oldConfig = file({
  replicas: 1,
  selector: { matchLabels: { app: 'web' } },
  template: {
    metadata: { labels: { app: 'web' } },
    spec: { containers: [{ image: 'nginx', name: 'nginx', ports: [{ containerPort: 80 }] }, { command: ['sleep', '3600'], image: 'busybox', name: 'sidecar' }] },
  },
}, { app: 'web' });

const newConfig = file({
  replicas: 2,
  selector: { matchLabels: { app: 'web' } },
  strategy: { type: 'Recreate' },
  template: {
    metadata: { labels: { app: 'web' } },
    spec: { containers: [{ image: 'nginx', name: 'nginx', ports: [{ containerPort: 80 }, { containerPort: 443 }] }] },
  },
});

/** The live object after the first apply: defaults, status and server fields added. */
const live: JsonObject = {
  apiVersion: 'apps/v1', kind: 'Deployment',
  metadata: {
    annotations: { 'deployment.kubernetes.io/revision': '1', [lastAppliedKey]: `${JSON.stringify(oldConfig)}\n` },
    creationTimestamp: '2026-01-01T00:00:00Z', generation: 1, labels: { app: 'web' }, name: 'web', namespace: 'default',
    resourceVersion: '1234', uid: '6f1c8a8e-0000-4000-8000-000000000001',
  },
  spec: {
    progressDeadlineSeconds: 600, replicas: 1, revisionHistoryLimit: 10, selector: { matchLabels: { app: 'web' } },
    strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' }, type: 'RollingUpdate' },
    template: {
      metadata: { creationTimestamp: null, labels: { app: 'web' } },
      spec: {
        containers: [
          { image: 'nginx', imagePullPolicy: 'Always', name: 'nginx', ports: [{ containerPort: 80, protocol: 'TCP' }], resources: {},
            terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File' },
          { command: ['sleep', '3600'], image: 'busybox', imagePullPolicy: 'Always', name: 'sidecar', resources: {},
            terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File' },
        ],
        dnsPolicy: 'ClusterFirst', restartPolicy: 'Always', schedulerName: 'default-scheduler', securityContext: {}, terminationGracePeriodSeconds: 30,
      },
    },
  },
  status: { observedGeneration: 1, replicas: 1, readyReplicas: 1, updatedReplicas: 1, availableReplicas: 1 },
};

describe('createThreeWayMergePatch (client-side kubectl apply)', () => {
  const modified = withLastApplied(newConfig);
  const patch = createThreeWayMergePatch(oldConfig, modified, live, deployment);

  it('produces the body real kubectl sent (kubectl-wire.md §2)', () => {
    const annotation = JSON.stringify({ [lastAppliedKey]: `${JSON.stringify(newConfig)}\n` });
    expect(JSON.stringify(patch)).toBe(
      `{"metadata":{"annotations":${annotation},"labels":null},"spec":{"replicas":2,"strategy":{"$retainKeys":["type"],"type":"Recreate"},` +
      '"template":{"spec":{"$setElementOrder/containers":[{"name":"nginx"}],"containers":[{"$setElementOrder/ports":[{"containerPort":80},' +
      '{"containerPort":443}],"name":"nginx","ports":[{"containerPort":443}]},{"$patch":"delete","name":"sidecar"}]}}}}',
    );
  });

  it('turns the live object into the new configuration when the server applies it', () => {
    const result = applyStrategicMergePatch(live, patch, deployment);
    if (!result.ok) throw new Error(result.detail);
    const expected = structuredClone(live) as { metadata: JsonObject; spec: JsonObject & { template: { spec: JsonObject } } };
    delete expected.metadata.labels;
    expected.metadata.annotations = { 'deployment.kubernetes.io/revision': '1', [lastAppliedKey]: `${JSON.stringify(newConfig)}\n` };
    expected.spec.replicas = 2;
    expected.spec.strategy = { type: 'Recreate' };
    const [nginx] = expected.spec.template.spec.containers as JsonObject[];
    expected.spec.template.spec.containers = [{ ...nginx, ports: [{ containerPort: 80, protocol: 'TCP' }, { containerPort: 443 }] }];
    expect(result.value).toEqual(expected);
  });

  it('is empty when nothing changed ("deployment.apps/web unchanged")', () => {
    const current = structuredClone(live);
    expect(createThreeWayMergePatch(oldConfig, withLastApplied(oldConfig), { ...current, metadata: { ...(current.metadata as JsonObject) } }, deployment))
      .toEqual({});
  });

  it('leaves fields other managers set alone, and removes only what the file dropped', () => {
    const current = structuredClone(live);
    ((current.spec as JsonObject).template as JsonObject).metadata = { labels: { app: 'web' }, annotations: { 'kubectl.kubernetes.io/restartedAt': 'x' } };
    const again = createThreeWayMergePatch(oldConfig, withLastApplied(oldConfig), current, deployment);
    expect(again).toEqual({});
  });
});

describe('createTwoWayMergePatch', () => {
  it('produces kubectl set image\'s body', () => {
    const modified = structuredClone(live);
    const [container] = ((modified.spec as JsonObject).template as { spec: { containers: JsonObject[] } }).spec.containers;
    container.image = 'nginx:1.25';
    expect(JSON.stringify(createTwoWayMergePatch(live, modified, deployment))).toBe(
      '{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"nginx"},{"name":"sidecar"}],' +
      '"containers":[{"image":"nginx:1.25","name":"nginx"}]}}}}',
    );
  });

  it.each<[string, JsonObject, JsonObject, string]>([
    ['primitive merge lists get deletion and order lists', { metadata: { finalizers: ['a', 'b'] } }, { metadata: { finalizers: ['b', 'c'] } },
      '{"metadata":{"$deleteFromPrimitiveList/finalizers":["a"],"$setElementOrder/finalizers":["b","c"],"finalizers":["c"]}}'],
    ['volumes carry $retainKeys', { spec: { template: { spec: { volumes: [{ name: 'data', emptyDir: {} }] } } } },
      { spec: { template: { spec: { volumes: [{ name: 'data', configMap: { name: 'cfg' } }] } } } },
      '{"spec":{"template":{"spec":{"$setElementOrder/volumes":[{"name":"data"}],"volumes":[{"$retainKeys":["configMap","name"],"configMap":{"name":"cfg"},"emptyDir":null,"name":"data"}]}}}}'],
    ['atomic lists are sent whole', { spec: { template: { spec: { tolerations: [{ key: 'a' }] } } } }, { spec: { template: { spec: { tolerations: [{ key: 'b' }] } } } },
      '{"spec":{"template":{"spec":{"tolerations":[{"key":"b"}]}}}}'],
    ['a reorder alone sends only the order', { spec: { template: { spec: { containers: [{ name: 'a' }, { name: 'b' }] } } } },
      { spec: { template: { spec: { containers: [{ name: 'b' }, { name: 'a' }] } } } },
      '{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"b"},{"name":"a"}]}}}}'],
  ])('%s', (_, original, modified, expected) => {
    const patch = createTwoWayMergePatch(original, modified, deployment);
    expect(JSON.stringify(patch)).toBe(expected);
    const applied = applyStrategicMergePatch(original, patch, deployment);
    expect(applied).toEqual({ ok: true, value: modified });
  });
});

describe('custom resources', () => {
  const crontab = { group: 'stable.example.com', kind: 'CronTab' };
  it('use JSON merge patches', () => {
    expect(patchTypeFor(crontab)).toBe('application/merge-patch+json');
    expect(patchTypeFor(deployment)).toBe('application/strategic-merge-patch+json');
    expect(createTwoWayMergePatch({ spec: { a: [1], b: 1 } }, { spec: { a: [1, 2] } }, crontab)).toEqual({ spec: { a: [1, 2], b: null } });
    expect(createThreeWayMergePatch({ spec: { a: 1 } }, { spec: { c: 3 } }, { spec: { a: 1, b: 2 } }, crontab)).toEqual({ spec: { a: null, c: 3 } });
  });
});
