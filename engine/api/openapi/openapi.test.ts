import { beforeAll, describe, expect, it } from 'vitest';
import { customResourceDocument } from './document.ts';
import type { CustomResourceVersion } from './document.ts';
import { contentHash } from './hash.ts';
import { customResourceOpenapi, loadOpenapiDocuments, openapiDocument, openapiIndex } from './openapi.ts';

const cronTab = (description: string): CustomResourceVersion => ({
  group: 'stable.example.com', version: 'v1', scope: 'Namespaced',
  names: { kind: 'CronTab', plural: 'crontabs', singular: 'crontab' },
  openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', description, properties: { cronSpec: { type: 'string' } } } } },
  subresources: { status: {} },
});

describe('openapi index and documents', () => {
  beforeAll(loadOpenapiDocuments);

  it('lists every built-in group-version with a hash of its document', () => {
    const index = openapiIndex();
    const url = index.paths['apis/apps/v1']?.serverRelativeURL ?? '';
    expect(url).toMatch(/^\/openapi\/v3\/apis\/apps\/v1\?hash=[0-9A-F]{32}$/);
    expect(url.endsWith(contentHash(JSON.stringify(openapiDocument('apis/apps/v1'))))).toBe(true);
    expect(index.paths['api/v1']).toBeDefined();
  });

  it('returns undefined for a group-version that is not served', () => {
    expect(openapiDocument('apis/extensions/v1beta1')).toBeUndefined();
  });

  it('changes a custom document\'s hash when its content changes, and only then', () => {
    const url = (description: string): string | undefined =>
      openapiIndex({ 'apis/stable.example.com/v1': customResourceOpenapi([cronTab(description)]) }).paths['apis/stable.example.com/v1']?.serverRelativeURL;
    expect(url('one')).toBe(url('one'));
    expect(url('one')).not.toBe(url('two'));
  });

  it('builds a custom resource document with ObjectMeta, a GVK-tagged PATCH and the CRD schema', () => {
    const document = customResourceDocument([cronTab('The spec.')], openapiDocument('apis/apps/v1')?.components.schemas ?? {});
    const object = document.components.schemas['com.example.stable.v1.CronTab'] ?? {};
    expect(object['x-kubernetes-group-version-kind']).toEqual([{ group: 'stable.example.com', kind: 'CronTab', version: 'v1' }]);
    expect(Object.keys(object.properties as object)).toEqual(['apiVersion', 'kind', 'metadata', 'spec']);
    expect(document.components.schemas['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta']).toBeDefined();
    const patch = document.paths['/apis/stable.example.com/v1/namespaces/{namespace}/crontabs/{name}']?.patch as Record<string, unknown>;
    expect(patch.operationId).toBe('patchStableExampleComV1NamespacedCronTab');
    expect((patch.parameters as { name: string }[]).some((p) => p.name === 'fieldValidation')).toBe(true);
  });
});
