/**
 * `kubectl get` edge cases checked against real kubectl 1.32: `--sort-by` fields that cannot be
 * parsed or found (kubectl's SortingPrinter fails and get ignores the printer's error, so a table
 * of two rows or more prints nothing), and integer flags out of their Go type's range.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Cluster } from '../../cluster.ts';
import { runKubectl } from '../index.ts';

const unexpectedPath = "error: unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'\n";

const cases: [string, { stdout: string; stderr: string; exitCode: number }][] = [
  // One resource: the table sorter alone runs, and its parse error is swallowed.
  ['get cm -n shop --sort-by={.metadata.name', { stdout: '', stderr: 'No resources found in shop namespace.\n', exitCode: 0 }],
  ['get cm -A --sort-by={.metadata.name', { stdout: '', stderr: 'No resources found\n', exitCode: 0 }],
  ['get cm -n shop --sort-by={.metadata[}', { stdout: '', stderr: 'No resources found in shop namespace.\n', exitCode: 0 }],
  ['get cm -n shop --sort-by=.metadata.nam', { stdout: '', stderr: 'No resources found in shop namespace.\n', exitCode: 0 }],
  ['get secrets -n empty --sort-by={.metadata.name', { stdout: '', stderr: 'No resources found in empty namespace.\n', exitCode: 0 }],
  // Several resources: SortObjects runs first over the Tables themselves, and its errors are reported.
  ['get cm,secrets -n shop --sort-by={.metadata.name', { stdout: '', stderr: unexpectedPath, exitCode: 1 }],
  ['get cm,secrets -n shop --sort-by={.metadata[}', { stdout: '', stderr: 'error: unterminated array\n', exitCode: 1 }],
  ['get cm,secrets -n shop --sort-by=.metadata.name', { stdout: '', stderr: 'error: couldn\'t find any field with path "{.metadata.name}" in the list of objects\n', exitCode: 1 }],
  // Other printers sort the list with SortObjects too (an empty list is not sorted).
  ['get cm -n shop --sort-by={.metadata.name -o name', { stdout: '', stderr: unexpectedPath, exitCode: 1 }],
  ['get cm -n shop --sort-by=.metadata.name} -o name', { stdout: '', stderr: unexpectedPath, exitCode: 1 }],
  ['get cm -n shop --sort-by={.metadata[} -o name', { stdout: '', stderr: 'error: unterminated array\n', exitCode: 1 }],
  ['get secrets -n empty --sort-by={.metadata.name -o name', { stdout: '', stderr: '', exitCode: 0 }],
  ['get pods --chunk-size=99999999999999999999', {
    stdout: '',
    stderr: 'error: invalid argument "99999999999999999999" for "--chunk-size" flag: strconv.ParseInt: parsing "99999999999999999999": value out of range\nSee \'kubectl get --help\' for usage.\n',
    exitCode: 1,
  }],
];

describe('kubectl get, as kubectl 1.32 fails', () => {
  const cluster = new Cluster({ seed: 1, addons: false });
  beforeAll(() => {
    for (const line of ['create namespace shop', 'create namespace empty', 'create namespace solo',
      'create configmap alpha -n shop --from-literal=a=1', 'create configmap beta -n shop --from-literal=b=2',
      'create configmap only -n solo --from-literal=c=3']) {
      expect(runKubectl(cluster, `kubectl ${line}`).exitCode).toBe(0);
    }
  });

  it.each(cases)('kubectl %s', (line, expected) => {
    expect(runKubectl(cluster, `kubectl ${line}`)).toEqual(expected);
  });

  it('prints a table of one row unsorted, since kubectl sorts only tables of two rows or more', () => {
    const result = runKubectl(cluster, 'kubectl get cm only -n solo --sort-by={.metadata.name');
    expect(result.stdout).toMatch(/^NAME {3}DATA {3}AGE\nonly {3}1 {6}\d+s\n$/);
    expect([result.stderr, result.exitCode]).toEqual(['', 0]);
  });
});
