import { describe, expect, it } from 'vitest';
import type { JsonObject } from './merge-patch.ts';
import { applyStrategicMergePatch } from './strategic-merge.ts';

const deployment = { group: 'apps', kind: 'Deployment' };
const pod = { group: '', kind: 'Pod' };

/** A live Deployment as the API server stores it (defaults filled in). */
function liveDeployment(containers: JsonObject[]): JsonObject {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', labels: { app: 'web' }, finalizers: ['a', 'b'] },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: 'web' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers, tolerations: [{ key: 'a', operator: 'Exists' }] } },
    },
  };
}

const nginx = { name: 'nginx', image: 'nginx', imagePullPolicy: 'Always', ports: [{ containerPort: 80, protocol: 'TCP' }] };
const sidecar = { name: 'sidecar', image: 'busybox', command: ['sleep', '3600'] };

function apply(live: JsonObject, patch: unknown, gvk = deployment): JsonObject {
  const result = applyStrategicMergePatch(live, patch, gvk);
  if (!result.ok) throw new Error(result.detail);
  return result.value;
}

function containersOf(object: JsonObject): unknown {
  return ((object.spec as JsonObject).template as { spec: { containers: unknown } }).spec.containers;
}

describe('applyStrategicMergePatch on a Deployment', () => {
  it('applies kubectl set image\'s body, merging the container by name', () => {
    const live = liveDeployment([nginx, sidecar]);
    const patch = { spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'nginx' }, { name: 'sidecar' }], containers: [{ image: 'nginx:1.25', name: 'nginx' }] } } } };
    expect(containersOf(apply(live, patch))).toEqual([{ ...nginx, image: 'nginx:1.25' }, sidecar]);
    expect(live.spec).toMatchObject({ template: { spec: { containers: [nginx, sidecar] } } });
  });

  it.each<[string, unknown, unknown]>([
    ['a new container without $setElementOrder goes first', [{ name: 'log', image: 'fluentd' }], [{ name: 'log', image: 'fluentd' }, nginx, sidecar]],
    ['$setElementOrder puts it where the patch says', undefined, [nginx, { name: 'log', image: 'fluentd' }, sidecar]],
    ['$patch: delete removes by merge key', [{ name: 'sidecar', $patch: 'delete' }], [nginx]],
    ['$patch: replace makes the patch the list', [{ name: 'only', image: 'x' }, { $patch: 'replace' }], [{ name: 'only', image: 'x' }]],
    ['nested lists merge by their own key', [{ name: 'nginx', ports: [{ containerPort: 443 }] }],
      [{ ...nginx, ports: [{ containerPort: 443 }, { containerPort: 80, protocol: 'TCP' }] }, sidecar]],
    ['atomic lists inside are replaced', [{ name: 'sidecar', command: ['sleep', '1'] }], [nginx, { ...sidecar, command: ['sleep', '1'] }]],
    ['null deletes a field of a container', [{ name: 'nginx', imagePullPolicy: null }], [{ name: 'nginx', image: 'nginx', ports: nginx.ports }, sidecar]],
  ])('%s', (_, containers, expected) => {
    const live = liveDeployment([nginx, sidecar]);
    const spec = containers === undefined
      ? { '$setElementOrder/containers': [{ name: 'nginx' }, { name: 'log' }, { name: 'sidecar' }], containers: [{ name: 'log', image: 'fluentd' }] }
      : { containers };
    expect(containersOf(apply(live, { spec: { template: { spec } } }))).toEqual(expected);
  });

  it('replaces atomic lists (tolerations) and keeps unmentioned fields', () => {
    const result = apply(liveDeployment([nginx]), { spec: { replicas: 3, template: { spec: { tolerations: [{ key: 'b', operator: 'Exists' }] } } } });
    expect(result.spec).toMatchObject({ replicas: 3, selector: { matchLabels: { app: 'web' } }, template: { spec: { tolerations: [{ key: 'b', operator: 'Exists' }], containers: [nginx] } } });
  });

  it('$retainKeys clears the keys it does not list (strategy → Recreate)', () => {
    const result = apply(liveDeployment([nginx]), { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } });
    expect((result.spec as JsonObject).strategy).toEqual({ type: 'Recreate' });
  });

  it.each<[string, unknown, string[]]>([
    ['merges a primitive list as a set, new items first', ['c', 'a'], ['c', 'a', 'b']],
    ['deletes with $deleteFromPrimitiveList', undefined, ['b']],
  ])('finalizers: %s', (_, finalizers, expected) => {
    const metadata = finalizers === undefined ? { '$deleteFromPrimitiveList/finalizers': ['a'] } : { finalizers };
    expect((apply(liveDeployment([nginx]), { metadata }).metadata as JsonObject).finalizers).toEqual(expected);
  });

  it('$setElementOrder orders a primitive merge list', () => {
    const patch = { metadata: { '$setElementOrder/finalizers': ['b', 'c', 'a'], finalizers: ['c'] } };
    expect((apply(liveDeployment([nginx]), patch).metadata as JsonObject).finalizers).toEqual(['b', 'c', 'a']);
  });

  it.each<[string, unknown, unknown]>([
    ['null deletes a label', { tier: null }, { app: 'web' }],
    ['$patch: replace replaces a map', { $patch: 'replace', team: 'x' }, { team: 'x' }],
    ['$patch: delete empties a map', { $patch: 'delete' }, {}],
  ])('maps: %s', (_, labels, expected) => {
    const live = liveDeployment([nginx]);
    (live.metadata as JsonObject).labels = { app: 'web', tier: 'fe' };
    expect((apply(live, { metadata: { labels } }).metadata as JsonObject).labels).toEqual(expected);
  });
});

describe('applyStrategicMergePatch on other kinds', () => {
  it('replaces a volume source thanks to retainKeys on volumes', () => {
    const live = { metadata: { name: 'p' }, spec: { volumes: [{ name: 'data', emptyDir: {} }, { name: 'tmp', emptyDir: {} }], containers: [] } };
    const patch = { spec: { volumes: [{ $retainKeys: ['configMap', 'name'], name: 'data', configMap: { name: 'cfg' } }] } };
    expect(apply(live, patch, pod).spec).toEqual({
      volumes: [{ name: 'data', configMap: { name: 'cfg' } }, { name: 'tmp', emptyDir: {} }], containers: [],
    });
  });

  it('merges service ports by port', () => {
    const live = { metadata: { name: 's' }, spec: { ports: [{ port: 80, protocol: 'TCP', targetPort: 8080 }] } };
    const result = apply(live, { spec: { ports: [{ port: 80, targetPort: 9090 }] } }, { group: '', kind: 'Service' });
    expect(result.spec).toEqual({ ports: [{ port: 80, protocol: 'TCP', targetPort: 9090 }] });
  });

  it('replaces a PodDisruptionBudget selector instead of merging it (patchStrategy replace)', () => {
    const live = { metadata: { name: 'pdb' }, spec: { selector: { matchLabels: { app: 'web' } } } };
    const result = apply(live, { spec: { selector: { matchLabels: { tier: 'fe' } } } }, { group: 'policy', kind: 'PodDisruptionBudget' });
    expect(result.spec).toEqual({ selector: { matchLabels: { tier: 'fe' } } });
  });

  it('cordons a node', () => {
    expect(apply({ metadata: { name: 'n' }, spec: {} }, { spec: { unschedulable: true } }, { group: '', kind: 'Node' }).spec).toEqual({ unschedulable: true });
  });
});

describe('applyStrategicMergePatch failures', () => {
  it('refuses custom resources with 415', () => {
    const result = applyStrategicMergePatch({ metadata: { name: 'c' } }, { spec: {} }, { group: 'stable.example.com', kind: 'CronTab' });
    expect(!result.ok && result.status).toEqual({
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'UnsupportedMediaType', code: 415,
      message: 'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml',
    });
  });

  it.each<[string, unknown, number, string]>([
    ['a list item without its merge key', { spec: { template: { spec: { containers: [{ image: 'nginx:1.25' }] } } } }, 500,
      'map: map[image:nginx:1.25] does not contain declared merge key: name'],
    ['a key outside $retainKeys', { spec: { strategy: { $retainKeys: ['type'], rollingUpdate: {} } } }, 400, 'invalid patch format of retainKeys'],
    ['an unknown directive', { spec: { $patch: 'fold' } }, 500, 'unknown patch type: fold in map: map[$patch:fold]'],
    ['a patch that is not an object', ['x'], 400, 'json: cannot unmarshal array into Go value of type map[string]interface {}'],
    ['$patch: merge in a list', { spec: { template: { spec: { containers: [{ $patch: 'merge' }] } } } }, 500, 'merging lists cannot yet be specified in the patch'],
  ])('%s', (_, patch, code, message) => {
    const result = applyStrategicMergePatch(liveDeployment([nginx]), patch, deployment);
    expect(!result.ok && { code: result.status.code, message: result.status.message }).toEqual({ code, message });
  });
});
