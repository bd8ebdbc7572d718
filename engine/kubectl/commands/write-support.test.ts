import { describe, expect, it } from 'vitest';
import type { ApiResponse } from '../../api/types.ts';
import { Cluster } from '../../cluster.ts';
import { KubectlSession } from '../session.ts';
import { serverError, throwErrors } from './write-support.ts';

const invalid = (causes: { field: string; message: string }[]): ApiResponse => ({
  status: 422,
  headers: {},
  body: {
    kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'Invalid', code: 422,
    message: `Service "web" is invalid: ${causes.length === 1 ? `${causes[0].field}: ${causes[0].message}` : `[${causes.map((c) => `${c.field}: ${c.message}`).join(', ')}]`}`,
    details: { name: 'web', kind: 'Service', causes: causes.map((c) => ({ reason: 'FieldValueRequired', ...c })) },
  },
});

// Texts seen from real kubectl 1.32: `patch svc web` alone, and the same error among others.
describe('serverError', () => {
  it.each([
    [[{ field: 'spec.ports[0].name', message: 'Required value' }, { field: 'spec.ports[1].name', message: 'Required value' }],
      'The Service "web" is invalid: \n* spec.ports[0].name: Required value\n* spec.ports[1].name: Required value'],
    [[{ field: 'spec.ports', message: 'Required value' }], 'The Service "web" is invalid: spec.ports: Required value'],
  ])('prints an Invalid error alone as cmdutil.CheckErr does', (causes, text) => {
    expect(serverError(invalid(causes)).text).toBe(text);
  });

  it('keeps "Error from server (Invalid)" inside an aggregate', () => {
    const notFound = serverError({ status: 404, headers: {}, body: { kind: 'Status', reason: 'NotFound', code: 404, message: 'services "x" not found' } });
    expect(() => throwErrors([serverError(invalid([{ field: 'spec.ports', message: 'Required value' }])), notFound]))
      .toThrow('Error from server (Invalid): Service "web" is invalid: spec.ports: Required value\nError from server (NotFound): services "x" not found');
  });

  it('adds the file to the message as AddSourceToErr does', () => {
    const error = serverError({ status: 409, headers: {}, body: { kind: 'Status', reason: 'AlreadyExists', code: 409, message: 'configmaps "one" already exists' } }, { verb: 'creating', file: 'both.yaml' });
    expect(error.text).toBe('Error from server (AlreadyExists): error when creating "both.yaml": configmaps "one" already exists');
  });
});

// kubectl 1.32's GetDryRunStrategy: a bare --dry-run (NoOptDefVal `unchanged`) and Go booleans are
// deprecated spellings, each warned once through klog; the rest is the usual error.
describe('dryRunOf through a session', () => {
  const session = new KubectlSession(new Cluster({ seed: 7, addons: false }), { now: () => Date.UTC(2026, 10, 28, 9, 46, 15, 804) });

  it.each([
    ['kubectl create ns dev --dry-run', 'namespace/dev created (dry run)\n', 'W1128 09:46:15.804000   12345 helpers.go:702] --dry-run is deprecated and can be replaced with --dry-run=client.\n', 0],
    ['kubectl create ns dev --dry-run=true', 'namespace/dev created (dry run)\n', 'W1128 09:46:15.804000   12345 helpers.go:716] --dry-run=true is deprecated (boolean value) and can be replaced with --dry-run=client.\n', 0],
    ['kubectl create ns dev --dry-run=', '', 'error: Invalid dry-run value (). Must be "none", "server", or "client".\n', 1],
  ])('%s', (line, stdout, stderr, exitCode) => {
    expect(session.run(line)).toEqual({ stdout, stderr, exitCode });
  });
});
