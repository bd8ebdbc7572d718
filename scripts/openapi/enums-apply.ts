/**
 * Puts the `+enum` information of enums.ts onto the generated schemas the way kube-openapi's
 * openapi-gen does: the property gets `enum` (the values, sorted), and its description gains a
 * paragraph "Possible enum values:" with one line per value. kubectl explain prints the first as
 * its `ENUM:` block and the second as part of the DESCRIPTION.
 */
import { enumFields, enumTypes } from './enums.ts';
import type { EnumPlace } from './enums.ts';

type Schema = Record<string, unknown>;

/**
 * One description line per value, as kube-openapi writes it: ` - `"Always"``, followed by the
 * constant's doc when it has one. Lines are sorted as strings, which for these values is the
 * order of the values themselves.
 */
export function enumDescriptionLines(enumType: string): string[] {
  const values = enumTypes[enumType] ?? [];
  return values.map(([value, doc]) => (doc ? ` - \`${JSON.stringify(value)}\` ${doc}` : ` - \`${JSON.stringify(value)}\``)).sort();
}

/**
 * The field's description with the enum paragraph appended. openapi-gen adds a blank line, the
 * header and the value lines to the doc comment; a value line begins with a space, so its
 * description writer keeps each on a line of its own.
 */
export function describeEnum(description: string | undefined, enumType: string): string {
  const paragraph = ['Possible enum values:', ...enumDescriptionLines(enumType)].join('\n');
  return description ? `${description}\n\n${paragraph}` : paragraph;
}

function enumValues(enumType: string): string[] {
  return (enumTypes[enumType] ?? []).map(([value]) => value);
}

function place(property: Schema, where: EnumPlace): Schema | undefined {
  if (where === 'value') return property;
  const inner = property[where === 'items' ? 'items' : 'additionalProperties'];
  return inner && typeof inner === 'object' ? (inner as Schema) : undefined;
}

/**
 * Adds enum values and descriptions to `schemas` in place (it is the generator's own fresh copy).
 * Returns how many properties were changed, so the generator can tell the table still applies.
 */
export function addEnums(schemas: Record<string, Schema>): number {
  let changed = 0;
  for (const [definition, fields] of Object.entries(enumFields)) {
    const properties = schemas[definition]?.properties as Record<string, Schema> | undefined;
    if (!properties) continue; // a type no served kind reaches
    for (const [field, [enumType, where]] of Object.entries(fields)) {
      const property = properties[field];
      if (!property) continue; // a field of a later version (the table covers all of v1.32)
      const target = place(property, where);
      if (!target) continue;
      target.enum = enumValues(enumType);
      // Only a property of the enum type itself gets the paragraph: for []PullPolicy upstream
      // describes the list, not its items.
      if (where === 'value') property.description = describeEnum(property.description as string | undefined, enumType);
      changed++;
    }
  }
  return changed;
}
