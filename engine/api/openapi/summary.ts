/**
 * A compact, description-free view of the schemas for strict decoding: for each struct, its JSON
 * field names and a type string in Go syntax. The full documents carry megabytes of descriptions;
 * this summary is what the browser loads to find unknown fields and wrong scalar types.
 *
 * Type strings: `string`, `bool`, `int32`, `int64`, `float64`, `any`, `[]T`, `map[string]T`, or
 * `@<definition>` for a named schema. A Go named type that the JSON decoder prints in its errors
 * prefixes the string: `v1.PullPolicy=string`.
 */
import type { OpenapiObject } from './parameters.ts';

/** How a named schema decodes. `custom` types have their own UnmarshalJSON in Go. */
export interface TypeSummary {
  /** Go type as `%v` prints it: `v1.DeploymentSpec`, `intstr.IntOrString`. */
  go: string;
  fields?: Record<string, string>;
  custom?: 'int-or-string' | 'quantity' | 'time' | 'any';
  /** x-kubernetes-preserve-unknown-fields (custom resources): unknown keys are kept, not reported. */
  preserveUnknown?: boolean;
}

/** Served kinds (`apps/v1/Deployment`, core: `/v1/Pod`) and the summaries of their types. */
export interface SchemaSummary {
  kinds: Record<string, string>;
  types: Record<string, TypeSummary>;
}

/** Key of a kind in SchemaSummary.kinds. */
export function kindKey(gvk: { group: string; version: string; kind: string }): string {
  return `${gvk.group}/${gvk.version}/${gvk.kind}`;
}

const customTypes: Record<string, TypeSummary['custom']> = {
  'io.k8s.apimachinery.pkg.util.intstr.IntOrString': 'int-or-string',
  'io.k8s.apimachinery.pkg.api.resource.Quantity': 'quantity',
  'io.k8s.apimachinery.pkg.apis.meta.v1.Time': 'time',
  'io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime': 'time',
};

/** Go package name of a definition: `io.k8s.api.apps.v1.Deployment` → `v1`. */
function goTypeName(definition: string): string {
  const parts = definition.split('.');
  return `${parts.at(-2)}.${parts.at(-1)}`;
}

function refName(schema: OpenapiObject): string | undefined {
  const direct = schema.$ref;
  const allOf = Array.isArray(schema.allOf) ? (schema.allOf[0] as OpenapiObject | undefined)?.$ref : undefined;
  const target = typeof direct === 'string' ? direct : typeof allOf === 'string' ? allOf : undefined;
  return target?.slice(target.lastIndexOf('/') + 1);
}

/** The type string of one property schema (see the file comment). */
export function fieldType(schema: OpenapiObject): string {
  const ref = refName(schema);
  if (ref) return `@${ref}`;
  if (schema['x-kubernetes-int-or-string'] === true) return '@io.k8s.apimachinery.pkg.util.intstr.IntOrString';
  switch (schema.type) {
    case 'string': return 'string';
    case 'boolean': return 'bool';
    case 'integer': return schema.format === 'int32' ? 'int32' : 'int64';
    case 'number': return 'float64';
    case 'array': return `[]${fieldType((schema.items ?? {}) as OpenapiObject)}`;
    case 'object': {
      const values = schema.additionalProperties;
      if (values && typeof values === 'object' && !schema.properties) return `map[string]${fieldType(values as OpenapiObject)}`;
      return 'any';
    }
    default: return 'any';
  }
}

/**
 * Summarizes named schemas. `goNamedTypes` (`Container.imagePullPolicy` → `v1.PullPolicy`) adds
 * the Go names the TypeScript definitions cannot know.
 */
export function summarizeSchemas(
  schemas: Record<string, OpenapiObject>,
  kinds: Record<string, string>,
  goNamedTypes: Record<string, string> = {},
): SchemaSummary {
  const types: Record<string, TypeSummary> = {};
  for (const name of Object.keys(schemas).sort()) {
    const schema = schemas[name] as OpenapiObject;
    const go = name === 'io.k8s.apimachinery.pkg.util.intstr.IntOrString' ? 'intstr.IntOrString' : goTypeName(name);
    const custom = customTypes[name];
    const properties = schema.properties as Record<string, OpenapiObject> | undefined;
    if (custom) types[name] = { go, custom };
    else if (!properties) types[name] = { go, custom: 'any' };
    else {
      const struct = name.slice(name.lastIndexOf('.') + 1);
      const fields: Record<string, string> = {};
      for (const [field, property] of Object.entries(properties)) {
        const named = goNamedTypes[`${struct}.${field}`];
        const type = fieldType(property);
        fields[field] = named ? `${named}=${type}` : type;
      }
      types[name] = { go, fields };
    }
  }
  return { kinds, types };
}

/**
 * Summarizes a custom resource's openAPIV3Schema: nested object schemas become synthetic types
 * named `<kind key>#<path>`; metadata is the built-in ObjectMeta.
 */
export function summarizeCustomResource(
  gvk: { group: string; version: string; kind: string },
  openAPIV3Schema: OpenapiObject | undefined,
): SchemaSummary {
  const key = kindKey(gvk);
  const types: Record<string, TypeSummary> = {};
  const visit = (schema: OpenapiObject, name: string, goName: string): string => {
    const properties = schema.properties as Record<string, OpenapiObject> | undefined;
    if (schema['x-kubernetes-int-or-string'] === true) return '@io.k8s.apimachinery.pkg.util.intstr.IntOrString';
    if (schema.type === 'array' && schema.items && typeof schema.items === 'object') {
      return `[]${visit(schema.items as OpenapiObject, `${name}[]`, goName)}`;
    }
    if (properties) {
      const fields: Record<string, string> = {};
      for (const [field, property] of Object.entries(properties)) fields[field] = visit(property, `${name}.${field}`, goName);
      types[name] = { go: goName, fields, ...(schema['x-kubernetes-preserve-unknown-fields'] === true ? { preserveUnknown: true } : {}) };
      return `@${name}`;
    }
    const values = schema.additionalProperties;
    if (values && typeof values === 'object') return `map[string]${visit(values as OpenapiObject, `${name}{}`, goName)}`;
    return fieldType(schema);
  };
  const root = visit(openAPIV3Schema ?? { type: 'object', 'x-kubernetes-preserve-unknown-fields': true }, `${key}#`, 'map[string]interface {}');
  const rootName = root.startsWith('@') ? root.slice(1) : `${key}#`;
  const rootType = types[rootName] ?? { go: 'map[string]interface {}', fields: {}, preserveUnknown: true };
  types[rootName] = {
    ...rootType,
    fields: { ...rootType.fields, apiVersion: 'string', kind: 'string', metadata: '@io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' },
  };
  return { kinds: { [key]: rootName }, types };
}
