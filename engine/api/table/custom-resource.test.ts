import { describe, expect, it } from 'vitest';
import { customResourcePrinter, rfc3339 } from './custom-resource.ts';
import { findResults, goFloat, parseJsonPath } from './jsonpath.ts';
import { ago, makeObject, now } from './test-builders.ts';

const certificate = makeObject('cert-manager.io/v1', 'Certificate', 'web-tls', {
  spec: { secretName: 'web-tls-secret', replicas: 3.7, ratio: 0.25, paused: true },
  status: { conditions: [{ type: 'Issuing', status: 'False' }, { type: 'Ready', status: 'True', message: 'Certificate is up to date' }], notAfter: ago(-86400 * 90), labels: { b: '2', a: '1' } },
}, 90);

describe('customResourcePrinter', () => {
  const printer = customResourcePrinter({
    name: 'v1', served: true, storage: true,
    additionalPrinterColumns: [
      { name: 'Ready', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status' },
      { name: 'Secret', type: 'string', jsonPath: '.spec.secretName' },
      { name: 'Replicas', type: 'integer', jsonPath: '.spec.replicas' },
      { name: 'Ratio', type: 'number', jsonPath: '.spec.ratio' },
      { name: 'Paused', type: 'boolean', jsonPath: '.spec.paused' },
      { name: 'Missing', type: 'string', jsonPath: '.status.nothing', priority: 1 },
      { name: 'Wrong Type', type: 'integer', jsonPath: '.spec.secretName' },
      { name: 'Labels', type: 'string', jsonPath: '.status.labels' },
      { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
      { name: 'Bad Date', type: 'date', jsonPath: '.spec.secretName' },
    ],
  });

  it('keeps each column definition, with the JSONPath description when none is given', () => {
    expect(printer.columns[0].format).toBe('name');
    expect(printer.columns[6]).toEqual({ name: 'Missing', type: 'string', format: '', priority: 1, description: 'Custom resource definition column (in JSONPath format): .status.nothing' });
  });

  it('reads typed cells with the column JSONPath', () => {
    expect(printer.print(certificate, { now }).cells).toEqual(['web-tls', 'True', 'web-tls-secret', 3, 0.25, true, null, null, '{"a":"1","b":"2"}', '90s', '<invalid>']);
  });

  it('defaults to NAME AGE without printer columns', () => {
    const plain = customResourcePrinter({ name: 'v1', served: true, storage: true });
    expect(plain.columns.map((c) => `${c.name}:${c.type}`)).toEqual(['Name:string', 'Age:date']);
    expect(plain.print(certificate, { now }).cells).toEqual(['web-tls', '90s']);
  });
});

describe('jsonpath', () => {
  it.each([
    ['{.spec.secretName}', ['web-tls-secret']],
    ['.status.conditions[*].type', ['Issuing', 'Ready']],
    ['.status.conditions[-1].message', ['Certificate is up to date']],
    ["['spec']['paused']", [true]],
    ['..type', ['Issuing', 'Ready']],
    ['.status.conditions[?(@.status!="True")].type', ['Issuing']],
  ])('%s', (path, expected) => {
    expect(findResults(parseJsonPath(path), certificate)).toEqual(expected);
  });

  it.each([[3, '3'], [0.25, '0.25'], [1234567.5, '1.2345675e+06'], [0.00001, '1e-05']])('prints %d as Go %%v does', (value, expected) => {
    expect(goFloat(value)).toBe(expected);
  });
});

describe('rfc3339', () => {
  it.each([[undefined, '0001-01-01T00:00:00Z'], ['2025-03-04T05:06:07Z', '2025-03-04T05:06:07Z'], ['2025-03-04T07:06:07.9+02:00', '2025-03-04T05:06:07Z']])('%s', (input, expected) => {
    expect(rfc3339(input)).toBe(expected);
  });
});
