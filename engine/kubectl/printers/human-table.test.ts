import { describe, expect, it } from 'vitest';
import { TablePrinter, type ServerTable } from './human-table.ts';

const options = { wide: false, noHeaders: false, withNamespace: false, labelColumns: [], showLabels: false };
const columns = [{ name: 'Name', type: 'string', format: 'name' }, { name: 'Age', type: 'date', format: '' }];

describe('TablePrinter', () => {
  it.each<[string, ServerTable, string]>([
    ['prints the header and the rows', { kind: 'Table', columnDefinitions: columns, rows: [{ cells: ['web', '5m'] }] }, 'NAME\tAGE\nweb\t5m\n'],
    ['prints nothing for an empty list', { kind: 'Table', columnDefinitions: columns, rows: [] }, ''],
    // `kubectl get crd` on a cluster without CRDs: the server marshals a nil slice of rows as null.
    ['prints nothing for rows: null', { kind: 'Table', columnDefinitions: columns, rows: null }, ''],
  ])('%s', (_name, table, expected) => {
    expect(new TablePrinter(options).print(table)).toBe(expected);
  });
});
