/**
 * The metav1 Table shapes the API server answers with when kubectl asks for
 * `application/json;as=Table;v=v1;g=meta.k8s.io`, and the printer interface every kind implements.
 */
import type { KubeObject, ObjectMeta } from '../types.ts';

/** A table cell as it goes over the wire: kubectl prints strings as they are, numbers in decimal, booleans as true/false, null as nothing. */
export type Cell = string | number | boolean | null;

/** metav1.TableColumnDefinition; every field is always present in the JSON (no omitempty upstream). */
export interface TableColumnDefinition {
  name: string;
  /** OpenAPI type: `string`, `integer`, `number`, `boolean` or `date`. */
  type: string;
  /** `name` for the column that holds metadata.name, else usually empty. */
  format: string;
  description: string;
  /** 0 is always shown; kubectl shows priority > 0 only with `-o wide`. */
  priority: number;
}

/** metav1.TableRowCondition; the only one upstream sets is `Completed` on finished pods. */
export interface TableRowCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

/** The metadata-only view of an object (meta.k8s.io/v1 PartialObjectMetadata). */
export interface PartialObjectMetadata {
  kind: 'PartialObjectMetadata';
  apiVersion: string;
  metadata: ObjectMeta;
}

/** metav1.TableRow. `object` is null for includeObject=None, as Go marshals an empty RawExtension. */
export interface TableRow {
  cells: Cell[];
  conditions?: TableRowCondition[];
  object: PartialObjectMetadata | KubeObject | null;
}

/** metav1.ListMeta as a Table carries it (every field omitted when empty). */
export interface TableListMeta {
  resourceVersion?: string;
  continue?: string;
  remainingItemCount?: number;
}

/** metav1.Table. `columnDefinitions` is null when the client asked for no headers. */
export interface Table {
  kind: 'Table';
  apiVersion: string;
  metadata: TableListMeta;
  columnDefinitions: TableColumnDefinition[] | null;
  /** null only where Go leaves the slice nil: the default convertor given an empty list. */
  rows: TableRow[] | null;
}

/** What a printer needs besides the object: the virtual time, for ages and "(5m ago)". */
export interface PrintContext {
  /** Milliseconds since the epoch, in virtual time. */
  now: number;
}

/** One row's cells and, for pods, its row conditions. */
export interface PrintedRow {
  cells: Cell[];
  conditions?: TableRowCondition[];
}

/**
 * A printer for one kind, as printers.go registers it: the column definitions (all of them; the
 * server always prints wide) and a function from one object to its row.
 */
export interface Printer {
  columns: TableColumnDefinition[];
  print(object: KubeObject, context: PrintContext): PrintedRow;
  /** The order a list prints in, when the printer sorts it (FlowSchema); otherwise the list's own. */
  order?(objects: KubeObject[]): KubeObject[];
}
