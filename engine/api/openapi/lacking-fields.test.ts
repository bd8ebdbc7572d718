// The v1.32 fields kubernetes-types 1.30 lacks (scripts/openapi/lacking-fields.ts) reach strict
// decoding and the documents; fields of later releases stay unknown, as on a real v1.32 server.
import { describe, expect, it } from 'vitest';
import { generateOpenapi } from '../../../scripts/openapi/generate.ts';
import { shapeOf } from '../../../scripts/openapi/lacking-fields-apply.ts';
import { findUnknownFields, typeErrors } from './strict-decoding.ts';

const podGvk = { group: '', version: 'v1', kind: 'Pod' };
const pod = (spec: Record<string, unknown>): unknown => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec });
const ctr = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({ name: 'app', image: 'nginx', ...extra });
const vapGvk = { group: 'admissionregistration.k8s.io', version: 'v1', kind: 'ValidatingAdmissionPolicy' };

describe('strict decoding knows the v1.32 fields', () => {
  it.each([
    ['pod-level resources (1.32)', pod({ resources: { limits: { cpu: '1' } }, containers: [ctr()] })],
    ['supplementalGroupsPolicy (1.31) and seLinuxChangePolicy (1.32)',
      pod({ securityContext: { supplementalGroupsPolicy: 'Strict', seLinuxChangePolicy: 'MountOption' }, containers: [ctr()] })],
    ['an image volume (1.31)', pod({ containers: [ctr()], volumes: [{ name: 'v', image: { reference: 'quay.io/crio/artifact:v2', pullPolicy: 'IfNotPresent' } }] })],
    ['resource claims by name (1.31)', pod({ resourceClaims: [{ name: 'gpu', resourceClaimTemplateName: 't' }],
      containers: [ctr({ resources: { claims: [{ name: 'gpu', request: 'r' }] } })] })],
  ])('accepts %s', (_name, obj) => {
    expect(findUnknownFields(podGvk, obj)).toEqual([]);
  });

  it('accepts resources and scope in a ValidatingAdmissionPolicy rule (inlined Go struct the .d.ts dropped)', () => {
    const vap = { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicy', metadata: { name: 'v' },
      spec: { matchConstraints: { resourceRules: [{ apiGroups: ['apps'], apiVersions: ['v1'], operations: ['CREATE'], resources: ['deployments'], scope: '*' }] },
        validations: [{ expression: 'object.spec.replicas >= 2' }] } };
    expect(findUnknownFields(vapGvk, vap)).toEqual([]);
  });

  it.each([
    ['cgroupOptions (not in any release up to 1.32)',
      pod({ containers: [ctr({ securityContext: { allowPrivilegeEscalation: false, cgroupOptions: { mountMode: 'ReadWrite' } } })] }),
      ['spec.containers[0].securityContext.cgroupOptions']],
    ['restartPolicyRules (1.34)', pod({ initContainers: [ctr({ restartPolicy: 'Always', restartPolicyRules: [] })], containers: [ctr()] }),
      ['spec.initContainers[0].restartPolicyRules']],
    ['a podCertificate projection (1.34)',
      pod({ containers: [ctr()], volumes: [{ name: 'v', projected: { sources: [{ podCertificate: { keyType: 'ED25519' } }] } }] }),
      ['spec.volumes[0].projected.sources[0].podCertificate']],
    ['fileKeyRef (1.34)', pod({ containers: [ctr({ env: [{ name: 'A', valueFrom: { fileKeyRef: { key: 'a' } } }] })] }),
      ['spec.containers[0].env[0].valueFrom.fileKeyRef']],
    ['PodResourceClaim.source (removed in 1.31)', pod({ resourceClaims: [{ name: 'gpu', source: { resourceClaimName: 'c' } }], containers: [ctr()] }),
      ['spec.resourceClaims[0].source']],
  ])('rejects %s', (_name, obj, expected) => {
    expect(findUnknownFields(podGvk, obj)).toEqual(expected);
  });

  it('names the Go type of a new enum field in a type error', () => {
    expect(typeErrors(podGvk, pod({ securityContext: { supplementalGroupsPolicy: 1 }, containers: [ctr()] }))[0]).toBe(
      'json: cannot unmarshal number into Go struct field PodSecurityContext.spec.securityContext.supplementalGroupsPolicy of type v1.SupplementalGroupsPolicy');
  });
});

describe('generated documents carry the v1.32 fields', () => {
  const generated = generateOpenapi();
  const core = generated.documents['api/v1']?.components.schemas ?? {};
  const schema = (name: string): Record<string, unknown> => core[`io.k8s.api.core.v1.${name}`] ?? {};
  const prop = (type: string, field: string): Record<string, unknown> =>
    ((schema(type).properties ?? {}) as Record<string, Record<string, unknown>>)[field] ?? {};

  it('describes PodSpec.resources like its neighbours, with the types.go text', () => {
    expect(prop('PodSpec', 'resources')).toEqual({
      allOf: [{ $ref: '#/components/schemas/io.k8s.api.core.v1.ResourceRequirements' }],
      description: expect.stringMatching(/^Resources is the total amount of CPU and Memory resources required by all containers in the pod\./) as unknown,
    });
    const keys = Object.keys(schema('PodSpec').properties as object);
    expect(keys).toEqual([...keys].sort());
  });

  it.each([
    ['LinuxContainerUser', 'uid', { format: 'int64', type: 'integer' }],
    ['ImageVolumeSource', 'reference', { type: 'string' }],
    ['ContainerStatus', 'allocatedResourcesStatus', { items: { allOf: [{ $ref: '#/components/schemas/io.k8s.api.core.v1.ResourceStatus' }], default: {} }, type: 'array' }],
  ])('%s.%s', (type, field, expected) => {
    const { description, ...rest } = prop(type, field);
    expect(typeof description).toBe('string');
    expect(rest).toMatchObject(expected);
  });

  it.each([
    ['HostAlias', ['ip']],
    ['LinuxContainerUser', ['gid', 'uid']],
  ])('%s requires %j as in v1.32', (type, required) => {
    expect(schema(type).required).toEqual(required);
  });

  it('no longer has the ClaimSource that 1.31 removed', () => {
    expect(prop('PodResourceClaim', 'source')).toEqual({});
    expect(core['io.k8s.api.core.v1.ClaimSource']).toBeUndefined();
  });
});

describe('shapeOf', () => {
  it.each([
    ['ResourceStatus[]', { kind: 'array', items: { kind: 'ref', name: 'io.k8s.api.core.v1.ResourceStatus' } }],
    ['number[]', { kind: 'array', items: { kind: 'number' } }],
    ['io.k8s.apimachinery.pkg.apis.meta.v1.FieldSelectorRequirement', { kind: 'ref', name: 'io.k8s.apimachinery.pkg.apis.meta.v1.FieldSelectorRequirement' }],
  ])('%s', (type, expected) => {
    expect(shapeOf(type, 'io.k8s.api.core.v1')).toEqual(expected);
  });
});
