import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../types.ts';
import { canonicalOrder, canonicalize } from './canonical-order.ts';

describe('canonicalOrder', () => {
  it('puts keys in Go struct order, sorts map keys, keeps unknown keys last', () => {
    const pod: KubeObject = {
      status: {},
      spec: { schedulerName: 'x', containers: [{ imagePullPolicy: 'Always', image: 'nginx', name: 'web', extra: 1 }] },
      metadata: { labels: { zeta: '1', app: 'web', 'app.kubernetes.io/name': 'web' }, namespace: 'default', name: 'web' },
      apiVersion: 'v1',
      kind: 'Pod',
    };
    expect(JSON.stringify(canonicalOrder(pod))).toBe(
      '{"kind":"Pod","apiVersion":"v1","metadata":{"name":"web","namespace":"default",' +
        '"labels":{"app":"web","app.kubernetes.io/name":"web","zeta":"1"}},' +
        '"spec":{"containers":[{"name":"web","image":"nginx","imagePullPolicy":"Always","extra":1}],' +
        '"schedulerName":"x"},"status":{}}',
    );
  });

  it('leaves custom resources alone', () => {
    const widget = { spec: { b: 1, a: 2 }, metadata: { name: 'w' }, kind: 'Widget', apiVersion: 'example.com/v1' };
    expect(JSON.stringify(canonicalOrder(widget))).toBe(JSON.stringify(widget));
  });
});

describe('canonicalize', () => {
  const cases: { name: string; input: KubeObject; yaml: string }[] = [
    {
      name: 'non-omitempty status counters of a DaemonSet are written as 0',
      input: { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'ds' } },
      yaml: `kind: DaemonSet
apiVersion: apps/v1
metadata:
  name: ds
  creationTimestamp: null
spec:
  selector: null
  template:
    metadata:
      creationTimestamp: null
    spec:
      containers: null
  updateStrategy: {}
status:
  currentNumberScheduled: 0
  numberMisscheduled: 0
  desiredNumberScheduled: 0
  numberReady: 0
`,
    },
    {
      name: 'omitempty zero values are dropped, pointers keep false, roleRef keeps apiGroup ""',
      input: {
        apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding',
        metadata: { name: 'rb', labels: {}, annotations: null as unknown as Record<string, string> },
        subjects: [{ kind: 'ServiceAccount', name: 'default', apiGroup: '' }],
        roleRef: { kind: 'Role', name: 'r' },
      },
      yaml: `kind: RoleBinding
apiVersion: rbac.authorization.k8s.io/v1
metadata:
  name: rb
  creationTimestamp: null
subjects:
  - kind: ServiceAccount
    name: default
roleRef:
  apiGroup: ""
  kind: Role
  name: r
`,
    },
    {
      name: 'an EndpointSlice without endpoints says endpoints: null',
      input: { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: 'web-abcde' }, addressType: 'IPv4' },
      yaml: `kind: EndpointSlice
apiVersion: discovery.k8s.io/v1
metadata:
  name: web-abcde
  creationTimestamp: null
addressType: IPv4
endpoints: null
ports: null
`,
    },
  ];
  it.each(cases)('$name', ({ input, yaml }) => {
    expect(stringify(canonicalize(input))).toBe(yaml);
  });

  it('drops false and empty omitempty fields but keeps pointer booleans', () => {
    const pod: KubeObject = {
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' },
      spec: { hostNetwork: false, enableServiceLinks: false, containers: [{ name: 'c', args: [], stdin: false }] },
    };
    expect(canonicalize(pod).spec).toEqual({
      containers: [{ name: 'c', resources: {} }],
      enableServiceLinks: false,
    });
  });
});

describe('canonicalize keeps what is already canonical', () => {
  const fieldsV1 = Object.freeze({ 'f:spec': Object.freeze({}) });
  const pod = (): KubeObject => ({
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name: 'p', labels: { b: '2', a: '1' }, managedFields: [{ manager: 'm', operation: 'Update', apiVersion: 'v1', fieldsType: 'FieldsV1', fieldsV1 }] },
    spec: { containers: [{ name: 'c', image: 'nginx' }] },
  });

  it('returns an object already in Go form as itself, and never changes its input', () => {
    const input = pod();
    const before = JSON.stringify(input);
    const once = canonicalize(input);
    expect(JSON.stringify(input)).toBe(before);
    expect(once).not.toBe(input);
    expect(canonicalize(once)).toBe(once);
  });

  it('rebuilds only the structs that change', () => {
    const once = canonicalize(pod());
    const labelled: KubeObject = { ...once, metadata: { ...once.metadata, labels: { ...once.metadata.labels, Z: '3' } } };
    const twice = canonicalize(labelled);
    expect(twice.spec).toBe(once.spec);
    expect(twice.metadata).not.toBe(labelled.metadata);
    expect(Object.keys(twice.metadata.labels ?? {})).toEqual(['Z', 'a', 'b']);
  });

  it('shares frozen FieldsV1 and gives each object its own zero structs', () => {
    const a = canonicalize(pod());
    const b = canonicalize(pod());
    expect(a.metadata.managedFields?.[0].fieldsV1).toBe(fieldsV1);
    const resources = (o: KubeObject) => (o.spec as { containers: { resources: object }[] }).containers[0].resources;
    expect(resources(a)).toEqual({});
    expect(resources(a)).not.toBe(resources(b));
  });
});
