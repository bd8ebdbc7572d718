import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildKubernetesSchema, servedKinds, type JsonSchema, type OpenapiDocumentLike } from './kubernetes-schema.ts';

const documents = JSON.parse(readFileSync(new URL('../../engine/api/openapi/generated/documents.json', import.meta.url), 'utf8')) as Record<string, OpenapiDocumentLike>;

describe('buildKubernetesSchema', () => {
  const schema = buildKubernetesSchema(documents);
  const definitions = schema.definitions as Record<string, JsonSchema>;

  it('selects the Deployment definition by apiVersion apps/v1 and kind Deployment', () => {
    const branch = (schema.allOf ?? []).find((b) => JSON.stringify(b.if).includes('"Deployment"'));
    expect(branch).toEqual({
      if: { properties: { apiVersion: { const: 'apps/v1' }, kind: { const: 'Deployment' } }, required: ['apiVersion', 'kind'] },
      then: { $ref: '#/definitions/io.k8s.api.apps.v1.Deployment' },
    });
  });

  it('closes structs but leaves maps open', () => {
    const meta = definitions['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'];
    expect(meta.additionalProperties).toBe(false);
    expect(meta.properties?.labels?.additionalProperties).toEqual({ default: '', type: 'string' });
  });

  it('points every $ref into definitions and drops x-kubernetes extensions', () => {
    const text = JSON.stringify(schema);
    expect(text.includes('#/components/schemas/')).toBe(false);
    // (JSONSchemaProps has fields named x-kubernetes-*: only the extension values must be gone.)
    expect(/"x-kubernetes-(group-version-kind|list-type)":(\[|")/.test(text)).toBe(false);
    const refs = [...text.matchAll(/"\$ref":"#\/definitions\/([^"]+)"/g)].map((m) => m[1]);
    expect(refs.filter((name) => !(name in definitions))).toEqual([]);
  });

  it('serves one branch per kind, with no lists and no option types', () => {
    const kinds = servedKinds(documents).map((k) => `${k.apiVersion} ${k.kind}`);
    expect(kinds).toEqual(expect.arrayContaining(['v1 Pod', 'apps/v1 StatefulSet', 'autoscaling/v2 HorizontalPodAutoscaler', 'networking.k8s.io/v1 NetworkPolicy', 'rbac.authorization.k8s.io/v1 RoleBinding']));
    expect(kinds.filter((k) => / (\w+List|DeleteOptions|WatchEvent)$/.test(k))).toEqual([]);
  });
});
