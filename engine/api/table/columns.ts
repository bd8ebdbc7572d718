/**
 * Shorthands for column definitions, so each printer's columns read like the upstream list:
 * name, type, priority and the description (a SwaggerDoc string or a literal).
 */
import { swaggerDocs, type SwaggerDocKey } from './swagger-docs.ts';
import type { TableColumnDefinition } from './types.ts';

/** A description given either as a SwaggerDoc key or, for printer-specific columns, as literal text. */
export type Description = SwaggerDocKey | { text: string };

function describe(description: Description): string {
  return typeof description === 'string' ? swaggerDocs[description] : description.text;
}

/** A column of the given type; priority 1 marks a wide-only column. */
export function column(name: string, type: string, description: Description, priority = 0, format = ''): TableColumnDefinition {
  return { name, type, format, description: describe(description), priority };
}

/** A string column. */
export function text(name: string, description: Description, priority = 0): TableColumnDefinition {
  return column(name, 'string', description, priority);
}

/** An integer column. */
export function integer(name: string, description: Description, priority = 0): TableColumnDefinition {
  return column(name, 'integer', description, priority);
}

/** The `Name` column every printer starts with (format `name`, which kubectl uses for `kind/name`). */
export const nameColumn: TableColumnDefinition = column('Name', 'string', 'meta/v1 ObjectMeta.name', 0, 'name');

/** The `Age` column: a string cell holding the human duration since creationTimestamp. */
export const ageColumn: TableColumnDefinition = text('Age', 'meta/v1 ObjectMeta.creationTimestamp');

/** The wide `Containers` column of workload printers. */
export const containersColumn: TableColumnDefinition = text('Containers', { text: 'Names of each container in the template.' }, 1);

/** The wide `Images` column of workload printers. */
export const imagesColumn: TableColumnDefinition = text('Images', { text: 'Images referenced by each container in the template.' }, 1);

/** metadata.name of an object, or '' (Go's zero string). */
export function nameOf(object: { metadata?: { name?: string } }): string {
  return object.metadata?.name ?? '';
}
