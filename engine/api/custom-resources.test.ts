import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Cluster } from '../cluster.ts';
import { corpusFolder, createCrd, crdCluster, deleteCrdAsApiServer, manifestObjects, shirtsPath } from '../controllers/crd/test-helpers.ts';
import {
  checkCustomCreate, customFieldResource, customOpenapiDocuments, customPrinter, customResourceWithReplicas, customScale,
  customScaleForUpdate, customScaleGet, customSummary, customWarnings, prepareCustomResource, validateCustom,
} from './custom-resources.ts';
import { decodeObject } from './decode.ts';
import { statusErrors, StatusError } from './errors.ts';
import { openapiIndex } from './openapi/openapi.ts';
import type { ResourceInfo } from './registry.ts';
import { parseFieldSelectorFor } from './selectors/fields.ts';
import { toTable } from './table/index.ts';
import type { KubeObject } from './types.ts';

const readCorpus = (file: string): KubeObject[] => manifestObjects(readFileSync(`${corpusFolder}/${file}`, 'utf8'));
/** The corpus Shirt CRD, with selectable fields and printer columns. */
const shirtCrd = (): KubeObject => readCorpus('shirt-resource-definition.yaml')[0];

/**
 * Stands in for the pipeline wiring (pipeline.ts calling prepareCustomResource and validateCustom
 * for custom kinds) so these tests can go through `cluster.handle`; harmless once it is wired.
 */
function wireCustomResources(cluster: Cluster): Cluster {
  const ctx = cluster.api.context;
  cluster.api.addAdmission({
    name: 'custom-resources-test-wiring',
    admit(attributes) {
      if (!attributes.info.custom || attributes.subresource) return;
      attributes.object = prepareCustomResource(ctx, attributes.info, attributes.object, attributes.old);
      const errors = validateCustom(ctx, attributes.info, attributes.object, attributes.old);
      if (errors.length) {
        throw new StatusError(statusErrors.invalid(attributes.info.kind, attributes.info.group, attributes.object.metadata.name ?? '', errors));
      }
    },
  });
  return cluster;
}

/** A cluster serving the corpus Shirt CRD, optionally changed first. */
function shirtCluster(change?: (crd: { spec: { versions: Record<string, unknown>[] } }) => void): { cluster: Cluster; info: ResourceInfo } {
  const cluster = wireCustomResources(crdCluster());
  const crd = shirtCrd();
  change?.(crd as unknown as { spec: { versions: Record<string, unknown>[] } });
  expect(createCrd(cluster, crd).status).toBe(201);
  return { cluster, info: cluster.api.context.registry.byResource('stable.example.com', 'v1', 'shirts')! };
}

/** The Shirt CRD with replicas defaulting to 1, a status, and the status and scale subresources. */
function scalable(crd: { spec: { versions: Record<string, unknown>[] } }): void {
  const version = crd.spec.versions[0];
  const properties = (version.schema as { openAPIV3Schema: { properties: Record<string, Record<string, unknown> & { properties?: Record<string, unknown> }> } }).openAPIV3Schema.properties;
  properties.spec.properties!.replicas = { type: 'integer', default: 1 };
  properties.status = { type: 'object', properties: { replicas: { type: 'integer' }, selector: { type: 'string' } } };
  version.subresources = { status: {}, scale: { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas', labelSelectorPath: '.status.selector' } };
}

const shirt = (name: string, spec: Record<string, unknown>): KubeObject => ({ apiVersion: 'stable.example.com/v1', kind: 'Shirt', metadata: { name }, spec });

describe('custom resources through the API', () => {
  it('stores the corpus shirts as the real server prints them: keys sorted, generation 1', () => {
    const { cluster } = shirtCluster();
    for (const object of readCorpus('shirt-resources.yaml')) expect(cluster.handle({ method: 'POST', path: shirtsPath(), body: object }).status).toBe(201);
    const stored = cluster.api.context.store.get('stable.example.com/shirts', 'default', 'example1')!;
    expect(Object.keys(stored)).toEqual(['apiVersion', 'kind', 'metadata', 'spec']);
    expect(stored.spec).toEqual({ color: 'blue', size: 'S' });
    expect(stored.metadata.generation).toBe(1);
  });

  it('answers a value of the wrong type with the real 422', () => {
    const { cluster } = shirtCluster();
    const response = cluster.handle({ method: 'POST', path: shirtsPath(), body: shirt('example1', { color: 5, size: 'S' }) });
    expect(response.status).toBe(422);
    expect((response.body as { message: string }).message).toBe(
      'Shirt.stable.example.com "example1" is invalid: spec.color: Invalid value: "integer": spec.color in body must be of type string: "integer"');
  });

  it('prunes fields the schema does not know', () => {
    const { cluster } = shirtCluster();
    cluster.handle({ method: 'POST', path: shirtsPath(), body: { ...shirt('example1', { color: 'blue', sleeves: 'long' }), extra: true } });
    expect(cluster.api.context.store.get('stable.example.com/shirts', 'default', 'example1')?.spec).toEqual({ color: 'blue' });
  });

  it('applies schema defaults, keeps status to its subresource and bumps generation on spec changes', () => {
    const { cluster } = shirtCluster(scalable);
    cluster.handle({ method: 'POST', path: shirtsPath(), body: { ...shirt('example1', { color: 'blue' }), status: { replicas: 9 } } });
    const created = cluster.api.context.store.get('stable.example.com/shirts', 'default', 'example1')!;
    expect(created).toMatchObject({ spec: { color: 'blue', replicas: 1 }, metadata: { generation: 1 } });
    expect(created.status).toBeUndefined();
    cluster.handle({
      method: 'PATCH', path: `${shirtsPath()}/example1`, headers: { 'content-type': 'application/merge-patch+json' },
      body: { spec: { color: 'red' }, metadata: { labels: { a: 'b' } } },
    });
    expect(cluster.api.context.store.get('stable.example.com/shirts', 'default', 'example1')).toMatchObject({ spec: { color: 'red' }, metadata: { generation: 2 } });
  });
});

describe('decoding, printing, selecting and documenting custom resources', () => {
  it('gives decode the schema to find unknown fields with', () => {
    const { cluster, info } = shirtCluster();
    const call = { info, query: {} };
    const decoded = decodeObject(call, shirt('example1', { color: 'blue', sleeves: 'long' }), customSummary(cluster.api.context, info));
    expect(decoded.warnings).toEqual(['unknown field "spec.sleeves"']);
    expect(() => decodeObject({ info, query: { fieldValidation: 'Strict' } }, shirt('x', { sleeves: 1 }), customSummary(cluster.api.context, info)))
      .toThrow('Shirt in version "v1" cannot be handled as a Shirt: strict decoding error: unknown field "spec.sleeves"');
  });

  it('prints the additionalPrinterColumns', () => {
    const { cluster, info } = shirtCluster();
    const table = toTable(info, [shirt('example1', { color: 'blue', size: 'S' })], { now: cluster.now(), printer: customPrinter(cluster.api.context, info) });
    expect(table.columnDefinitions?.map((c) => c.name)).toEqual(['Name', 'Color', 'Size']);
    expect(table.rows?.[0].cells).toEqual(['example1', 'blue', 'S']);
  });

  it.each([
    ['spec.color=blue', true, ''],
    ['metadata.namespace=default', true, ''],
    ['spec.sleeves=long', false, 'field label not supported: spec.sleeves'],
  ])('field selector %s', (selector, ok, message) => {
    const { cluster, info } = shirtCluster();
    const parsed = parseFieldSelectorFor(customFieldResource(cluster.api.context, info), selector);
    expect(parsed.ok ? { ok: true, message: '' } : parsed).toEqual({ ok, message });
  });

  it('builds the /openapi/v3 document of the group-version', () => {
    const { cluster } = shirtCluster();
    const documents = customOpenapiDocuments(cluster.api.context);
    expect(Object.keys(documents)).toEqual(['apis/stable.example.com/v1']);
    const schema = documents['apis/stable.example.com/v1'].components.schemas['com.example.stable.v1.Shirt'];
    expect(schema).toMatchObject({ type: 'object', 'x-kubernetes-group-version-kind': [{ group: 'stable.example.com', kind: 'Shirt', version: 'v1' }] });
    expect(openapiIndex(documents).paths['apis/stable.example.com/v1'].serverRelativeURL).toMatch(/^\/openapi\/v3\/apis\/stable\.example\.com\/v1\?hash=[0-9A-F]+$/);
  });
});

describe('scale subresource paths', () => {
  it('reads and writes replicas at the CRD paths and validates them as the CR validator does', () => {
    const { cluster, info } = shirtCluster(scalable);
    const ctx = cluster.api.context;
    const scale = customScale(ctx, info)!;
    const object: KubeObject = { ...shirt('example1', { replicas: 2 }), metadata: { name: 'example1', namespace: 'default', uid: 'u', resourceVersion: '7' }, status: { replicas: 1, selector: 'app=shirt' } };
    expect(customScaleGet(object, scale)).toEqual({
      kind: 'Scale', apiVersion: 'autoscaling/v1',
      metadata: { name: 'example1', namespace: 'default', uid: 'u', resourceVersion: '7', creationTimestamp: undefined },
      spec: { replicas: 2 }, status: { replicas: 1, selector: 'app=shirt' },
    });
    const scaled = customResourceWithReplicas(object, scale, { ...customScaleForUpdate(object, scale), spec: { replicas: -1 } });
    expect(scaled.spec).toEqual({ replicas: -1 });
    expect(validateCustom(ctx, info, scaled, object).map((e) => [e.field, e.value, e.detail]))
      .toEqual([['.spec.replicas', -1, 'should be a non-negative integer']]);
  });

  it('answers as upstream when the spec replicas field is missing or of the wrong type', () => {
    const { cluster, info } = shirtCluster(scalable);
    const scale = customScale(cluster.api.context, info)!;
    const bare = shirt('example1', { color: 'blue' });
    expect(() => customScaleGet(bare, scale)).toThrow('Internal error occurred: the spec replicas field ".spec.replicas" does not exist');
    expect(() => customResourceWithReplicas(bare, scale, customScaleForUpdate(bare, scale))).toThrow('the spec replicas field ".spec.replicas" cannot be empty');
    expect(() => customScaleGet(shirt('x', { replicas: 'three' }), scale))
      .toThrow('Internal error occurred: .spec.replicas accessor error: three is of the type string, expected int64');
  });
});

describe('the rest of the custom resource strategy', () => {
  it('refuses creates while the CRD is terminating, with the real 405', () => {
    const { cluster, info } = shirtCluster();
    cluster.handle({ method: 'POST', path: shirtsPath(), body: shirt('held', { color: 'blue' }) });
    cluster.handle({ method: 'PATCH', path: `${shirtsPath()}/held`, headers: { 'content-type': 'application/merge-patch+json' }, body: { metadata: { finalizers: ['example.com/hold'] } } });
    deleteCrdAsApiServer(cluster, 'shirts.stable.example.com');
    expect(() => checkCustomCreate(cluster.api.context, info)).toThrow(expect.objectContaining({
      status: expect.objectContaining({ code: 405, reason: 'MethodNotAllowed', message: 'create not allowed while custom resource definition is terminating' }),
    }));
  });

  it.each([
    [['example.com/hold'], []],
    [['hold'], ['metadata.finalizers: "hold": prefer a domain-qualified finalizer name to avoid accidental conflicts with other finalizer writers']],
    [['hold.example.com'], ['metadata.finalizers: "hold.example.com": prefer a domain-qualified finalizer name including a path (/) to avoid accidental conflicts with other finalizer writers']],
  ])('warns about finalizer %j', (finalizers, warnings) => {
    expect(customWarnings({ metadata: { name: 'x', finalizers } })).toEqual(warnings);
  });
});
