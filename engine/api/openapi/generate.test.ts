// The generator (scripts/openapi) run in memory: schemas from kubernetes-types look like the real
// API server's /openapi/v3/apis/apps/v1.
import { describe, expect, it } from 'vitest';
import { generateOpenapi } from '../../../scripts/openapi/generate.ts';

const generated = generateOpenapi();
const apps = generated.documents['apis/apps/v1'];
const schemas = apps?.components.schemas ?? {};
const prop = (type: string, field: string): Record<string, unknown> =>
  ((schemas[type]?.properties ?? {}) as Record<string, Record<string, unknown>>)[field] ?? {};

describe('generated apps/v1 document', () => {
  it('has the real document header', () => {
    expect({ openapi: apps?.openapi, info: apps?.info }).toEqual({ openapi: '3.0.0', info: { title: 'Kubernetes', version: 'unversioned' } });
  });

  it('describes Deployment with its doc comments, refs and GVK', () => {
    const deployment = schemas['io.k8s.api.apps.v1.Deployment'] ?? {};
    expect(deployment.description).toBe('Deployment enables declarative updates for Pods and ReplicaSets.');
    expect(deployment['x-kubernetes-group-version-kind']).toEqual([{ group: 'apps', kind: 'Deployment', version: 'v1' }]);
    expect(prop('io.k8s.api.apps.v1.Deployment', 'metadata')).toEqual({
      allOf: [{ $ref: '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' }],
      description: 'Standard object\'s metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata',
    });
    expect(schemas['io.k8s.api.apps.v1.DeploymentSpec']?.required).toEqual(['selector', 'template']);
  });

  it.each([
    ['io.k8s.api.apps.v1.DeploymentSpec', 'replicas', { format: 'int32', type: 'integer' }],
    ['io.k8s.api.apps.v1.DeploymentStatus', 'observedGeneration', { format: 'int64', type: 'integer' }],
    ['io.k8s.api.core.v1.PodSpec', 'terminationGracePeriodSeconds', { format: 'int64', type: 'integer' }],
    ['io.k8s.api.apps.v1.RollingUpdateDeployment', 'maxSurge', { allOf: [{ $ref: '#/components/schemas/io.k8s.apimachinery.pkg.util.intstr.IntOrString' }] }],
    ['io.k8s.api.core.v1.PodSpec', 'containers', {
      items: { allOf: [{ $ref: '#/components/schemas/io.k8s.api.core.v1.Container' }], default: {} }, type: 'array',
      'x-kubernetes-list-map-keys': ['name'], 'x-kubernetes-list-type': 'map', 'x-kubernetes-patch-merge-key': 'name', 'x-kubernetes-patch-strategy': 'merge',
    }],
    ['io.k8s.api.core.v1.Container', 'ports', {
      items: { allOf: [{ $ref: '#/components/schemas/io.k8s.api.core.v1.ContainerPort' }], default: {} }, type: 'array',
      'x-kubernetes-list-map-keys': ['containerPort', 'protocol'], 'x-kubernetes-list-type': 'map',
      'x-kubernetes-patch-merge-key': 'containerPort', 'x-kubernetes-patch-strategy': 'merge',
    }],
    ['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta', 'labels', { additionalProperties: { default: '', type: 'string' }, type: 'object' }],
    ['io.k8s.api.core.v1.ResourceRequirements', 'limits', {
      additionalProperties: { $ref: '#/components/schemas/io.k8s.apimachinery.pkg.api.resource.Quantity' }, type: 'object',
    }],
  ])('%s.%s', (type, field, expected) => {
    const { description, ...rest } = prop(type, field);
    expect(typeof description).toBe('string');
    expect(rest).toEqual(expected);
  });

  it('defines the special apimachinery types as upstream does', () => {
    expect(schemas['io.k8s.apimachinery.pkg.util.intstr.IntOrString']).toMatchObject({ format: 'int-or-string', oneOf: [{ type: 'integer' }, { type: 'string' }] });
    expect(schemas['io.k8s.apimachinery.pkg.apis.meta.v1.Time']).toMatchObject({ format: 'date-time', type: 'string' });
    expect(schemas['io.k8s.apimachinery.pkg.api.resource.Quantity']).toMatchObject({ oneOf: [{ type: 'string' }, { type: 'number' }] });
    expect(schemas['io.k8s.apimachinery.pkg.runtime.RawExtension']).toMatchObject({ type: 'object' });
    expect(schemas['io.k8s.api.autoscaling.v1.Scale']).toBeDefined();
  });

  it('offers the PATCH operation kubectl looks for, with fieldValidation', () => {
    const patch = (apps?.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}'] ?? {}).patch as Record<string, unknown>;
    expect(patch.operationId).toBe('patchAppsV1NamespacedDeployment');
    expect(patch['x-kubernetes-group-version-kind']).toEqual({ group: 'apps', kind: 'Deployment', version: 'v1' });
    expect((patch.parameters as { name: string; in: string }[]).map((p) => `${p.in}:${p.name}`))
      .toEqual(['query:dryRun', 'query:fieldManager', 'query:fieldValidation', 'query:force']);
  });

  it('serves every resource path of the group-version', () => {
    expect(Object.keys(apps?.paths ?? {}).filter((p) => p.includes('deployments'))).toEqual([
      '/apis/apps/v1/deployments',
      '/apis/apps/v1/namespaces/{namespace}/deployments',
      '/apis/apps/v1/namespaces/{namespace}/deployments/{name}',
      '/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale',
      '/apis/apps/v1/namespaces/{namespace}/deployments/{name}/status',
    ]);
    expect(Object.keys(generated.documents)).toContain('api/v1');
    expect(generated.documents['api/v1']?.paths['/api/v1/namespaces/{namespace}/pods/{name}']).toBeDefined();
  });

  it('is deterministic', () => {
    expect(generateOpenapi().hashes).toEqual(generated.hashes);
  });
});
