import { describe, expect, it } from 'vitest';
import { errorText } from '../field-errors.ts';
import type { FieldError } from '../field-errors.ts';
import type { KubeObject } from '../types.ts';
import type { Loose } from './field-path.ts';
import { coreValidators } from './core.ts';

const texts = (errs: FieldError[]): string[] => errs.map(errorText);

function obj(kind: string, body: Loose, meta: Loose = {}): KubeObject {
  const namespaced = !['Namespace', 'Node', 'PersistentVolume'].includes(kind);
  return { apiVersion: 'v1', kind, metadata: { name: 'x', ...(namespaced ? { namespace: 'default' } : {}), ...meta }, ...body };
}

const port = (extra: Loose = {}): Loose => ({ port: 80, targetPort: 80, protocol: 'TCP', ...extra });
const svcSpec = (extra: Loose = {}): Loose => ({
  type: 'ClusterIP', ports: [port()], selector: { app: 'web' }, sessionAffinity: 'None', internalTrafficPolicy: 'Cluster', ...extra,
});

const cases: Array<[string, KubeObject, string[]]> = [
  ['Service ok', obj('Service', { spec: svcSpec() }), []],
  ['Service name 1web', obj('Service', { spec: svcSpec() }, { name: '1web' }), [
    "metadata.name: Invalid value: \"1web\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
  ]],
  ['Service without ports', obj('Service', { spec: svcSpec({ ports: [] }) }), ['spec.ports: Required value']],
  ['Service multi-port unnamed', obj('Service', { spec: svcSpec({ ports: [port(), port({ port: 443, targetPort: 443 })] }) }),
    ['spec.ports[0].name: Required value', 'spec.ports[1].name: Required value']],
  ['Service nodePort out of range', obj('Service', { spec: svcSpec({ type: 'NodePort', externalTrafficPolicy: 'Cluster', ports: [port({ nodePort: 80 })] }) }),
    ['spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767']],
  ['Service nodePort on ClusterIP', obj('Service', { spec: svcSpec({ ports: [port({ nodePort: 30080 })] }) }),
    ["spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"]],
  ['Service bad type', obj('Service', { spec: svcSpec({ type: 'Public' }) }),
    ['spec.type: Unsupported value: "Public": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"']],
  ['Service targetPort', obj('Service', { spec: svcSpec({ ports: [port({ targetPort: 'http_web' })] }) }),
    ['spec.ports[0].targetPort: Invalid value: "http_web": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)']],
  ['ExternalName without name', obj('Service', { spec: { type: 'ExternalName', sessionAffinity: 'None' } }), ['spec.externalName: Required value']],
  ['ConfigMap bad keys', obj('ConfigMap', { data: { 'a/b': '1' } }), [
    "data[a/b]: Invalid value: \"a/b\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
  ]],
  ['ConfigMap too large', obj('ConfigMap', { data: { big: 'x'.repeat(1048577) } }), ['[]: Too long: may not be more than 1048576 bytes']],
  ['Secret tls without key', obj('Secret', { type: 'kubernetes.io/tls', data: { 'tls.crt': 'YQ==' } }), ['data[tls.key]: Required value']],
  ['Secret empty key', obj('Secret', { type: 'Opaque', data: { '': 'YQ==' } }), [
    "data[]: Invalid value: \"\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
  ]],
  ['Namespace with dots', obj('Namespace', { spec: { finalizers: ['kubernetes'] } }, { name: 'team.a' }), ['metadata.name: Invalid value: "team.a": must not contain dots']],
  ['PVC without access modes or storage', obj('PersistentVolumeClaim', { spec: { resources: {} } }),
    ['spec.accessModes: Required value: at least 1 access mode is required', 'spec.resources[storage]: Required value']],
  ['PVC bad access mode', obj('PersistentVolumeClaim', { spec: { accessModes: ['ReadWriteAll'], resources: { requests: { storage: '1Gi' } } } }),
    ['spec.accessModes: Unsupported value: "ReadWriteAll": supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"']],
  ['PV without source', obj('PersistentVolume', { spec: { accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' }, persistentVolumeReclaimPolicy: 'Retain' } }),
    ['spec: Required value: must specify a volume type']],
  ['ResourceQuota negative', obj('ResourceQuota', { spec: { hard: { pods: '-1', gpu: '1' } } }), [
    'spec.hard[pods]: Invalid value: "-1": must be greater than or equal to 0',
    'spec.hard[gpu]: Invalid value: "gpu": must be a standard resource type or fully qualified',
    'spec.hard[gpu]: Invalid value: "gpu": must be a standard resource for quota',
  ]],
  ['LimitRange min over max', obj('LimitRange', { spec: { limits: [{ type: 'Container', max: { cpu: '500m' }, min: { cpu: '1' } }] } }),
    ['spec.limits[0].min[cpu]: Invalid value: "1": min value 1 is greater than max value 500m']],
  ['RC restartPolicy', obj('ReplicationController', { spec: { replicas: 1, selector: { app: 'web' }, template: { metadata: { labels: { app: 'web' } }, spec: {
    containers: [{ name: 'web', image: 'nginx', imagePullPolicy: 'Always', terminationMessagePolicy: 'File' }], restartPolicy: 'Never', dnsPolicy: 'ClusterFirst', terminationGracePeriodSeconds: 30,
  } } } }), ['spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"']],
  ['Node duplicate taint', obj('Node', { spec: { taints: [{ key: 'k', effect: 'NoSchedule' }, { key: 'k', effect: 'NoSchedule' }] } }),
    ['metadata.taints[1]: Duplicate value: {"Key":"k","Value":"","Effect":"NoSchedule","TimeAdded":null}: taints must be unique by key and effect pair']],
  ['Endpoints without addresses', obj('Endpoints', { subsets: [{ ports: [{ port: 80, protocol: 'TCP' }] }] }),
    ['subsets[0]: Required value: must specify `addresses` or `notReadyAddresses`']],
  ['Endpoints loopback', obj('Endpoints', { subsets: [{ addresses: [{ ip: '127.0.0.1' }] }] }),
    ['subsets[0].addresses[0].ip: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)']],
  ['Event namespace mismatch', obj('Event', { involvedObject: { kind: 'Pod', name: 'p', namespace: 'other' }, reason: 'X' }),
    ['involvedObject.namespace: Invalid value: "other": does not match event.namespace']],
];

describe('core kinds on create', () => {
  it.each(cases)('%s', (_, o, expected) => {
    expect(texts(coreValidators[o.kind ?? ''](o))).toEqual(expected);
  });
});

describe('core kinds on update', () => {
  const meta = { uid: 'u', resourceVersion: '7' };

  it('keeps an immutable ConfigMap immutable', () => {
    const old = obj('ConfigMap', { immutable: true, data: { a: '1' } }, meta);
    const next = obj('ConfigMap', { immutable: false, data: { a: '2' } }, meta);
    expect(texts(coreValidators.ConfigMap(next, old))).toEqual([
      'immutable: Forbidden: field is immutable when `immutable` is set',
      'data: Forbidden: field is immutable when `immutable` is set',
    ]);
    expect(coreValidators.ConfigMap(obj('ConfigMap', { immutable: true, data: { a: '1' } }, meta), obj('ConfigMap', { data: { a: '1' } }, meta))).toEqual([]);
  });

  it('keeps a Secret type', () => {
    const old = obj('Secret', { type: 'Opaque' }, meta);
    expect(texts(coreValidators.Secret(obj('Secret', { type: 'kubernetes.io/basic-auth', data: { username: 'YQ==' } }, meta), old)))
      .toEqual(['type: Invalid value: "kubernetes.io/basic-auth": field is immutable']);
  });

  it('keeps a Service clusterIP', () => {
    const old = obj('Service', { spec: svcSpec({ clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10'] }) }, meta);
    const next = obj('Service', { spec: svcSpec({ clusterIP: '10.96.0.11', clusterIPs: ['10.96.0.11'] }) }, meta);
    expect(texts(coreValidators.Service(next, old))).toEqual(['spec.clusterIPs[0]: Invalid value: ["10.96.0.11"]: may not change once set']);
  });

  it('freezes a PVC spec except storage requests of bound claims', () => {
    const pvcSpec = (storage: string, cls = 'standard'): Loose => ({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage } }, storageClassName: cls });
    const old = obj('PersistentVolumeClaim', { spec: pvcSpec('1Gi'), status: { phase: 'Bound', capacity: { storage: '1Gi' } } }, meta);
    expect(coreValidators.PersistentVolumeClaim(obj('PersistentVolumeClaim', { spec: pvcSpec('2Gi'), status: { phase: 'Bound' } }, meta), old)).toEqual([]);
    const changed = texts(coreValidators.PersistentVolumeClaim(obj('PersistentVolumeClaim', { spec: pvcSpec('1Gi', 'fast'), status: { phase: 'Bound' } }, meta), old));
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatch(/^spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n/);
  });
});
