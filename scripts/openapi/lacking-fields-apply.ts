/**
 * Applies lacking-fields.ts to the kubernetes-types model: adds the v1.32 fields and structs,
 * removes the fields v1.32 no longer has, and marks the fields v1.32 requires. Also derives, from
 * the Go types in the table, the int64 widths and Go named types the rest of the generator needs.
 */
import {
  fieldsKubernetesTypesLacks, fieldsRemovedBefore132, fieldsRequiredSince131, typesKubernetesTypesLacks,
} from './lacking-fields.ts';
import type { LackedField } from './lacking-fields.ts';
import type { PropertyModel, TypeModel, TypeShape } from './read-types.ts';

const packageOf = (definition: string): string => definition.slice(0, definition.lastIndexOf('.'));
const shortName = (definition: string): string => definition.slice(definition.lastIndexOf('.') + 1);

/** `ResourceStatus[]` in io.k8s.api.core.v1 → array of ref io.k8s.api.core.v1.ResourceStatus. */
export function shapeOf(type: string, pkg: string): TypeShape {
  if (type.endsWith('[]')) return { kind: 'array', items: shapeOf(type.slice(0, -2), pkg) };
  if (type === 'string' || type === 'number' || type === 'boolean') return { kind: type };
  return { kind: 'ref', name: type.includes('.') ? type : `${pkg}.${type}` };
}

function property(field: LackedField): PropertyModel {
  return {
    name: field.field,
    optional: field.required !== true,
    description: field.description,
    type: shapeOf(field.type, packageOf(field.definition)),
  };
}

/** Inserts in name order: kubernetes-types (like upstream's documents) lists properties sorted. */
function withProperty(properties: readonly PropertyModel[], added: PropertyModel): PropertyModel[] {
  const rest = properties.filter((p) => p.name !== added.name);
  const at = rest.findIndex((p) => p.name > added.name);
  return at < 0 ? [...rest, added] : [...rest.slice(0, at), added, ...rest.slice(at)];
}

/** A copy of `types` describing the v1.32 API instead of kubernetes-types 1.30. */
export function addLackingFields(types: ReadonlyMap<string, TypeModel>): Map<string, TypeModel> {
  const result = new Map<string, TypeModel>(types);
  for (const lacked of typesKubernetesTypesLacks) {
    if (result.has(lacked.definition)) throw new Error(`openapi: kubernetes-types already has ${lacked.definition}`);
    result.set(lacked.definition, { name: lacked.definition, description: lacked.description, properties: [] });
  }
  const change = (definition: string, edit: (properties: readonly PropertyModel[]) => PropertyModel[]): void => {
    const type = result.get(definition);
    // A table row naming a type that is not there is a typo; fail the build rather than serve less.
    if (!type?.properties) throw new Error(`openapi: no struct ${definition} to patch`);
    result.set(definition, { ...type, properties: edit(type.properties) });
  };
  for (const field of fieldsKubernetesTypesLacks) {
    change(field.definition, (properties) => withProperty(properties, property(field)));
  }
  for (const removed of fieldsRemovedBefore132) {
    change(removed.definition, (properties) => properties.filter((p) => p.name !== removed.field));
  }
  for (const required of fieldsRequiredSince131) {
    change(required.definition, (properties) => properties.map((p) => (p.name === required.field ? { ...p, optional: false } : p)));
  }
  return result;
}

const goScalars = new Set(['string', 'bool', 'int32', 'int64', 'float64']);

/** `GoStruct.field` → int64 for the lacked fields whose Go type is int64 or []int64. */
export function lackedNumberFormats(): Record<string, 'int64'> {
  const formats: Record<string, 'int64'> = {};
  for (const field of fieldsKubernetesTypesLacks) {
    if (field.go.replace(/^\*|^\[\]/, '') === 'int64') formats[`${shortName(field.definition)}.${field.field}`] = 'int64';
  }
  return formats;
}

/**
 * `GoStruct.field` → the Go named type encoding/json prints for a lacked scalar field
 * (`*SupplementalGroupsPolicy` → `v1.SupplementalGroupsPolicy`). Structs name themselves.
 */
export function lackedGoNamedTypes(): Record<string, string> {
  const named: Record<string, string> = {};
  for (const field of fieldsKubernetesTypesLacks) {
    const list = field.go.startsWith('[]') ? '[]' : '';
    const go = field.go.replace(/^\*|^\[\]/, '');
    // Only named string types (PullPolicy, ScopeType, …): a struct's error names the struct itself.
    if (field.type.replace(/\[\]$/, '') !== 'string' || goScalars.has(go) || go.includes('.')) continue;
    named[`${shortName(field.definition)}.${field.field}`] = `${list}${shortName(packageOf(field.definition))}.${go}`;
  }
  return named;
}
