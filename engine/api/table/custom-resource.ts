/**
 * Tables for kinds without a printer: the generic convertor of k8s.io/apiserver (NAME, CREATED AT)
 * used by Role, ClusterRole, LimitRange, CRDs and others; and the custom resource convertor of
 * apiextensions-apiserver, which builds columns from a CRD version's additionalPrinterColumns.
 */
import type { CustomResourceColumnDefinition, CustomResourceDefinitionVersion } from 'kubernetes-types/apiextensions/v1';
import type { KubeObject } from '../types.ts';
import { column, nameColumn, nameOf } from './columns.ts';
import { parseTimestamp, timestampSince } from './duration.ts';
import { findResults, jsonPathText, parseJsonPath } from './jsonpath.ts';
import { swaggerDocs } from './swagger-docs.ts';
import type { Cell, PrintContext, PrintedRow, Printer, TableColumnDefinition } from './types.ts';

/** The RFC 3339 form Go gives `time.Time.UTC().Format(time.RFC3339)`: whole seconds, `Z`; the zero time for unset. */
export function rfc3339(timestamp: unknown): string {
  const at = parseTimestamp(timestamp);
  if (at === undefined) return '0001-01-01T00:00:00Z';
  return new Date(Math.floor(at / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** The default table: NAME, and CREATED AT as a date string (not an age). */
export const defaultPrinter: Printer = {
  columns: [nameColumn, column('Created At', 'date', 'meta/v1 ObjectMeta.creationTimestamp')],
  print(object) {
    return { cells: [nameOf(object), rfc3339(object.metadata?.creationTimestamp)] };
  },
};

/** Column definitions of a served CRD version: the Age default when it declares none (serveDefaultColumnsIfEmpty). */
export function printerColumnsFor(version: CustomResourceDefinitionVersion): CustomResourceColumnDefinition[] {
  const declared = version.additionalPrinterColumns ?? [];
  if (declared.length > 0) return declared;
  return [{ name: 'Age', type: 'date', description: swaggerDocs['meta/v1 ObjectMeta.creationTimestamp'], jsonPath: '.metadata.creationTimestamp' }];
}

/** One cell of a typed column from a JSON value (cellForJSONValue); a value of the wrong type is null. */
function typedCell(type: string, value: unknown, now: number): Cell {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'integer':
      return typeof value === 'number' ? Math.trunc(value) : null;
    case 'number':
      return typeof value === 'number' ? value : null;
    case 'boolean':
      return typeof value === 'boolean' ? value : null;
    case 'date': {
      if (typeof value !== 'string') return null;
      // UnmarshalQueryParameter: empty or "null" is the zero time (age <unknown>); other junk is <invalid>.
      if (value === '' || value === 'null') return '<unknown>';
      return parseTimestamp(value) === undefined ? '<invalid>' : timestampSince(value, now);
    }
    default:
      return null;
  }
}

/**
 * A printer from a CRD version's additionalPrinterColumns: NAME, then each column with its own
 * name, type, format and priority, each cell read with the column's JSONPath. Without declared
 * columns the table is NAME AGE. A column whose JSONPath does not parse is skipped from the cells
 * upstream as an error; here it yields null cells.
 */
export function customResourcePrinter(version: CustomResourceDefinitionVersion): Printer {
  const definitions = printerColumnsFor(version);
  const columns: TableColumnDefinition[] = [nameColumn];
  const paths = definitions.map((definition) => {
    columns.push({
      name: definition.name,
      type: definition.type,
      format: definition.format ?? '',
      description: definition.description || `Custom resource definition column (in JSONPath format): ${definition.jsonPath}`,
      priority: definition.priority ?? 0,
    });
    try {
      return parseJsonPath(definition.jsonPath);
    } catch {
      return undefined;
    }
  });
  return {
    columns,
    print(object: KubeObject, { now }: PrintContext): PrintedRow {
      const cells: Cell[] = [nameOf(object)];
      definitions.forEach((definition, i) => {
        const steps = paths[i];
        const results = steps ? findResults(steps, object) : [];
        if (results.length === 0 || results[0] === null) cells.push(null);
        else if (definition.type === 'string') cells.push(jsonPathText(results[0]));
        else cells.push(typedCell(definition.type, results[0], now));
      });
      return { cells };
    },
  };
}
