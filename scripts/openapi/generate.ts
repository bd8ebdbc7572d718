/**
 * Generates the OpenAPI v3 documents of the built-in kinds from kubernetes-types' TypeScript
 * definitions (run by bin/gen-openapi.js at `npm install`). Writes to
 * engine/api/openapi/generated/:
 *   documents.json  { "api/v1": <document>, "apis/apps/v1": <document>, … }
 *   index.json      { "hashes": { "api/v1": "<HEX>", … } }  — the `?hash=` of each document
 *   summary.json    the description-free schema summary for strict decoding (engine/api/openapi/summary.ts)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtinResources } from '../../engine/api/registry.ts';
import type { ResourceInfo } from '../../engine/api/registry.ts';
import { groupVersionDocument, groupVersionPath, schemaClosure } from '../../engine/api/openapi/document.ts';
import type { OpenapiDocument } from '../../engine/api/openapi/document.ts';
import { contentHash } from '../../engine/api/openapi/hash.ts';
import { kindKey, summarizeSchemas } from '../../engine/api/openapi/summary.ts';
import { addApiregistrationTypes } from './apiregistration-types.ts';
import { buildSchemas } from './build-schemas.ts';
import type { ServedKind } from './build-schemas.ts';
import { goNamedTypes } from './go-types.ts';
import { addEnums } from './enums-apply.ts';
import { addLackingFields } from './lacking-fields-apply.ts';
import { readKubernetesTypes } from './read-types.ts';
import type { TypeModel } from './read-types.ts';

/** Everything the generator produces, in memory (the tests use this without writing files). */
export interface GeneratedOpenapi {
  documents: Record<string, OpenapiDocument>;
  hashes: Record<string, string>;
  summary: ReturnType<typeof summarizeSchemas>;
  schemas: Record<string, Record<string, unknown>>;
}

/** Where kubernetes-types is installed. */
export function kubernetesTypesRoot(): string {
  const require = createRequire(import.meta.url);
  return dirname(require.resolve('kubernetes-types/package.json'));
}

/** Definition name of each kind, found by the literal `apiVersion`/`kind` of its interface. */
function kindDefinitions(types: Map<string, TypeModel>): Map<string, string> {
  const byKind = new Map<string, string>();
  for (const type of types.values()) {
    const apiVersion = type.properties?.find((p) => p.name === 'apiVersion')?.literal;
    const kind = type.properties?.find((p) => p.name === 'kind')?.literal;
    if (apiVersion && kind) byKind.set(`${apiVersion}/${kind}`, type.name);
  }
  return byKind;
}

/** Builds every document of the served built-in group-versions. */
export function generateOpenapi(resources: readonly ResourceInfo[] = builtinResources, root = kubernetesTypesRoot()): GeneratedOpenapi {
  // kubernetes-types 1.30 is the newest on npm; lacking-fields.ts brings it to v1.32, and
  // apiregistration-types.ts adds the kube-aggregator kinds it never had.
  const types = addApiregistrationTypes(addLackingFields(readKubernetesTypes(root)));
  const definitions = kindDefinitions(types);
  const apiVersionOf = (r: ResourceInfo): string => (r.group ? `${r.group}/${r.version}` : r.version);
  const served: (ResourceInfo & { definition: string; listDefinition: string })[] = [];
  for (const resource of resources) {
    const definition = definitions.get(`${apiVersionOf(resource)}/${resource.kind}`);
    const listDefinition = definitions.get(`${apiVersionOf(resource)}/${resource.kind}List`);
    if (!definition) {
      console.warn(`openapi: kubernetes-types has no ${apiVersionOf(resource)} ${resource.kind}; left out`);
      continue;
    }
    served.push({ ...resource, definition, listDefinition: listDefinition ?? definition });
  }
  const kinds: ServedKind[] = served.map((r) => ({ group: r.group, version: r.version, kind: r.kind, definition: r.definition }));
  const schemas = buildSchemas(types, kinds);
  addEnums(schemas); // `+enum` values and "Possible enum values:" descriptions (enums.ts)

  const byGroupVersion = new Map<string, typeof served>();
  for (const resource of served) {
    const path = groupVersionPath(resource.group, resource.version);
    byGroupVersion.set(path, [...(byGroupVersion.get(path) ?? []), resource]);
  }
  const documents: Record<string, OpenapiDocument> = {};
  const hashes: Record<string, string> = {};
  for (const path of [...byGroupVersion.keys()].sort()) {
    const group = byGroupVersion.get(path) ?? [];
    const names = new Map(group.map((r) => [r.resource, { object: r.definition, list: r.listDefinition }]));
    const document = groupVersionDocument(group, schemas, (r) => names.get(r.resource) ?? { object: '', list: '' });
    documents[path] = document;
    hashes[path] = contentHash(JSON.stringify(document));
  }

  const kindIndex = Object.fromEntries(served.map((r) => [kindKey(r), r.definition]));
  const reachable = schemaClosure(served.map((r) => r.definition), schemas);
  const summary = summarizeSchemas(Object.fromEntries(reachable.map((name) => [name, schemas[name] ?? {}])), kindIndex, goNamedTypes);
  return { documents, hashes, summary, schemas };
}

/** Writes the generated files; returns the output directory. */
export function writeOpenapi(outDir: string, generated = generateOpenapi()): string {
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'documents.json'), JSON.stringify(generated.documents));
  writeFileSync(join(outDir, 'index.json'), `${JSON.stringify({ hashes: generated.hashes }, null, 1)}\n`);
  writeFileSync(join(outDir, 'summary.json'), JSON.stringify(generated.summary));
  return outDir;
}

const here = dirname(fileURLToPath(import.meta.url));
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const started = performance.now();
  const generated = generateOpenapi();
  const out = writeOpenapi(join(here, '../../engine/api/openapi/generated'), generated);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`openapi: ${Object.keys(generated.documents).length} group-versions written to ${out} in ${seconds}s`);
}
