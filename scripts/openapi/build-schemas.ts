/**
 * Turns the kubernetes-types model into OpenAPI v3 component schemas shaped like the real API
 * server's: `allOf: [{$ref}]` for struct fields (so a description can sit beside the reference),
 * int32/int64 formats, IntOrString/Quantity/Time as their upstream definitions, required fields,
 * `x-kubernetes-group-version-kind` on kinds, and the list/patch extensions from
 * engine/api/patch (the same table the server's strategic merge patch uses).
 */
import { fieldSemantics } from '../../engine/api/patch/list-keys.ts';
import { atomicStructs } from '../../engine/api/patch/list-keys-types.ts';
import type { FieldSemantics } from '../../engine/api/patch/list-keys.ts';
import { intOrStringDescription, jsonSchemaPropsExtensions, numberFormats } from './go-types.ts';
import type { TypeModel, TypeShape } from './read-types.ts';

type Schema = Record<string, unknown>;

export const intOrStringName = 'io.k8s.apimachinery.pkg.util.intstr.IntOrString';
const jsonSchemaPropsName = 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps';
const validationRuleName = 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.ValidationRule';

const shortName = (name: string): string => name.slice(name.lastIndexOf('.') + 1);
const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });

/** A kind served by the API server: its definition and where it lives. */
export interface ServedKind { group: string; version: string; kind: string; definition: string }

/** Schemas for every named type, plus the list semantics seen from each served kind. */
export function buildSchemas(types: Map<string, TypeModel>, kinds: readonly ServedKind[]): Record<string, Schema> {
  const semantics = semanticsByField(types, kinds);
  const schemas: Record<string, Schema> = {};
  for (const type of types.values()) schemas[type.name] = definition(type, semantics);
  schemas[intOrStringName] = {
    description: intOrStringDescription,
    format: 'int-or-string',
    oneOf: [{ type: 'integer' }, { type: 'string' }],
  };
  return schemas;
}

function definition(type: TypeModel, semantics: Map<string, FieldSemantics>): Schema {
  const base: Schema = type.description ? { description: type.description } : {};
  const short = shortName(type.name);
  if (type.alias) {
    if (short === 'Quantity') return { ...base, oneOf: [{ type: 'string' }, { type: 'number' }] };
    if (short === 'Time' || short === 'MicroTime') return { ...base, format: 'date-time', type: 'string' };
    return base; // JSONSchemaPropsOrArray/OrBool/OrStringArray: any JSON upstream, too.
  }
  const properties = type.properties ?? [];
  if (properties.length === 0) return short === 'JSON' ? base : { ...base, type: 'object' };

  const schema: Schema = { ...base, properties: {}, type: 'object' };
  const props = schema.properties as Record<string, Schema>;
  for (const property of properties) {
    const key = `${short}.${property.name}`;
    const described = property.description ? { description: property.description } : {};
    props[property.name] = { ...propertySchema(property.type, key), ...described, ...extensions(semantics.get(`${type.name}.${property.name}`)) };
  }
  if (type.name === jsonSchemaPropsName) {
    for (const [name, extension] of Object.entries(jsonSchemaPropsExtensions)) {
      const valueSchema: Schema = extension.type === 'strings' ? { items: { default: '', type: 'string' }, type: 'array' }
        : extension.type === 'rules' ? { items: { allOf: [ref(validationRuleName)], default: {} }, type: 'array' }
          : { type: extension.type };
      props[name] = { ...valueSchema, description: extension.description };
    }
  }
  const required = properties.filter((p) => !p.optional).map((p) => p.name).sort();
  if (required.length > 0) schema.required = required;

  const apiVersion = properties.find((p) => p.name === 'apiVersion')?.literal;
  const kind = properties.find((p) => p.name === 'kind')?.literal;
  if (apiVersion && kind) {
    const slash = apiVersion.indexOf('/');
    schema['x-kubernetes-group-version-kind'] = [{
      group: slash < 0 ? '' : apiVersion.slice(0, slash), kind, version: apiVersion.slice(slash + 1),
    }];
  }
  if (atomicStructs.has(short)) schema['x-kubernetes-map-type'] = 'atomic';
  return schema;
}

/** A property's schema; `key` (`PodSpec.terminationGracePeriodSeconds`) chooses the integer width. */
function propertySchema(shape: TypeShape, key: string): Schema {
  switch (shape.kind) {
    case 'string': return { type: 'string' };
    case 'boolean': return { type: 'boolean' };
    case 'number': {
      const format = numberFormats[key] ?? 'int32';
      return format === 'double' ? { format, type: 'number' } : { format, type: 'integer' };
    }
    case 'int-or-string': return { allOf: [ref(intOrStringName)] };
    case 'ref': return { allOf: [ref(shape.name)] };
    case 'array': return { items: elementSchema(shape.items, key), type: 'array' };
    case 'map': return { additionalProperties: elementSchema(shape.values, key), type: 'object' };
    case 'unknown': return {};
  }
}

/** Items of arrays and values of maps carry the Go zero value as `default`, as upstream does. */
function elementSchema(shape: TypeShape, key: string): Schema {
  switch (shape.kind) {
    case 'string': return { default: '', type: 'string' };
    case 'boolean': return { default: false, type: 'boolean' };
    case 'number': return { ...propertySchema(shape, key), default: 0 };
    case 'ref': return shortName(shape.name) === 'Quantity' ? ref(shape.name) : { allOf: [ref(shape.name)], default: {} };
    case 'int-or-string': return ref(intOrStringName);
    default: return propertySchema(shape, key);
  }
}

function extensions(field: FieldSemantics | undefined): Schema {
  if (!field) return {};
  const out: Schema = {};
  if (field.listMapKeys) out['x-kubernetes-list-map-keys'] = [...field.listMapKeys];
  if (field.listType) out['x-kubernetes-list-type'] = field.listType;
  if (field.mapType) out['x-kubernetes-map-type'] = field.mapType;
  else if (field.structType) out['x-kubernetes-map-type'] = field.structType;
  if (field.patchMergeKey) out['x-kubernetes-patch-merge-key'] = field.patchMergeKey;
  if (field.patchStrategy) out['x-kubernetes-patch-strategy'] = field.patchStrategy;
  return out;
}

/**
 * The list-keys table is indexed by a kind and a field path, the OpenAPI document by type and
 * field. Walk each served kind once and ask about the first path that reaches every field; the
 * answer depends only on the Go type, so any path to it will do.
 */
function semanticsByField(types: Map<string, TypeModel>, kinds: readonly ServedKind[]): Map<string, FieldSemantics> {
  const result = new Map<string, FieldSemantics>();
  const seen = new Set<string>();
  for (const served of kinds) {
    const visited = new Set<string>();
    const walk = (typeName: string, path: string[]): void => {
      if (visited.has(typeName)) return;
      visited.add(typeName);
      for (const property of types.get(typeName)?.properties ?? []) {
        const key = `${typeName}.${property.name}`;
        const fieldPath = [...path, property.name];
        if (!seen.has(key)) {
          const field = fieldSemantics({ group: served.group, kind: served.kind, version: served.version }, fieldPath);
          if (field) { seen.add(key); result.set(key, field); }
        }
        const target = innerRef(property.type);
        if (target) walk(target, fieldPath);
      }
    };
    walk(served.definition, []);
  }
  return result;
}

function innerRef(shape: TypeShape): string | undefined {
  if (shape.kind === 'ref') return shape.name;
  if (shape.kind === 'array') return innerRef(shape.items);
  if (shape.kind === 'map') return innerRef(shape.values);
  return undefined;
}
