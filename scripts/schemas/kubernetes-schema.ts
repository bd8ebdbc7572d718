/**
 * Builds the one JSON schema the lab's editor (monaco-yaml) validates Kubernetes YAML with, from
 * the OpenAPI v3 documents the engine generates at `npm install` (engine/api/openapi/generated/).
 *
 * Every definition of every group-version goes into `definitions` once; the root is an `allOf` of
 * `if {apiVersion, kind} then {$ref kind}` branches, so each document of a YAML file is checked
 * against the schema of its own kind (a CRD's kind or a typo in `kind` matches no branch and is
 * left alone). Objects that declare properties get `additionalProperties: false`, which is what
 * makes the editor flag an unknown field, as `kubectl apply` (strict field validation) would.
 */

/** A JSON schema as the generated documents write it (only the keys this file reads are typed). */
export interface JsonSchema {
  [key: string]: unknown;
  $ref?: string;
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  allOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  description?: string;
  type?: string;
}

/** The part of an OpenAPI document this builder needs. */
export interface OpenapiDocumentLike {
  components?: { schemas?: Record<string, JsonSchema> };
}

/** One kind the root schema selects by `apiVersion` and `kind`. */
export interface SchemaKind {
  apiVersion: string;
  kind: string;
  definition: string;
}

const componentsPrefix = '#/components/schemas/';

/** Copy a schema: `$ref`s point into `definitions`, `x-kubernetes-*` extensions are dropped, objects are closed. */
function convert(schema: JsonSchema): JsonSchema {
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key.startsWith('x-kubernetes-')) continue;
    if (key === '$ref' && typeof value === 'string') out.$ref = `#/definitions/${value.slice(componentsPrefix.length)}`;
    else if (key === 'properties' && value && typeof value === 'object') {
      out.properties = Object.fromEntries(Object.entries(value as Record<string, JsonSchema>).map(([name, s]) => [name, convert(s)]));
    } else if ((key === 'allOf' || key === 'oneOf' || key === 'anyOf') && Array.isArray(value)) out[key] = value.map((s: JsonSchema) => convert(s));
    else if ((key === 'items' || key === 'additionalProperties') && value && typeof value === 'object') out[key] = convert(value as JsonSchema);
    else out[key] = value;
  }
  // A struct (it names its fields) takes no others; a map (additionalProperties) stays open.
  if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}

/** The kinds the documents serve, from each definition's `x-kubernetes-group-version-kind`. */
export function servedKinds(documents: Record<string, OpenapiDocumentLike>): SchemaKind[] {
  const kinds = new Map<string, SchemaKind>();
  for (const document of Object.values(documents)) {
    for (const [definition, schema] of Object.entries(document.components?.schemas ?? {})) {
      const gvks = schema['x-kubernetes-group-version-kind'];
      if (!Array.isArray(gvks) || gvks.length !== 1) continue; // DeleteOptions & co. carry many
      const { group, version, kind } = gvks[0] as { group: string; version: string; kind: string };
      if (kind.endsWith('List') || !schema.properties?.metadata) continue;
      const apiVersion = group ? `${group}/${version}` : version;
      kinds.set(`${apiVersion}/${kind}`, { apiVersion, kind, definition });
    }
  }
  return [...kinds.values()].sort((a, b) => a.kind.localeCompare(b.kind) || a.apiVersion.localeCompare(b.apiVersion));
}

/** The editor's schema: every definition once, and one `if/then` branch per served kind. */
export function buildKubernetesSchema(documents: Record<string, OpenapiDocumentLike>): JsonSchema {
  const definitions: Record<string, JsonSchema> = {};
  for (const document of Object.values(documents)) {
    for (const [name, schema] of Object.entries(document.components?.schemas ?? {})) definitions[name] ??= convert(schema);
  }
  const kinds = servedKinds(documents);
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Kubernetes v1.32',
    type: 'object',
    properties: {
      apiVersion: { type: 'string', description: 'The group and version of the kind, e.g. `apps/v1`.', examples: [...new Set(kinds.map((k) => k.apiVersion))] },
      kind: { type: 'string', description: 'The kind of object this document describes.', examples: [...new Set(kinds.map((k) => k.kind))] },
    },
    allOf: kinds.map((k) => ({
      if: { properties: { apiVersion: { const: k.apiVersion }, kind: { const: k.kind } }, required: ['apiVersion', 'kind'] },
      then: { $ref: `#/definitions/${k.definition}` },
    })),
    definitions,
  };
}
