import { describe, expect, it } from 'vitest';
import { fieldError } from '../field-errors.ts';
import { builtinResources } from '../registry.ts';
import type { ResourceInfo } from '../registry.ts';
import type { KubeObject } from '../types.ts';
import { invalidCauses, invalidMessage, validateObject } from './index.ts';

function info(group: string, kind: string): ResourceInfo {
  const found = builtinResources.find((r) => r.group === group && r.kind === kind);
  if (!found) throw new Error(`no ${group}/${kind}`);
  return found;
}

describe('invalidMessage', () => {
  it('formats one error', () => {
    expect(invalidMessage('Deployment', 'apps', 'web', [fieldError.invalid('spec.replicas', -1, 'must be greater than or equal to 0')]))
      .toBe('Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0');
  });

  it('formats several errors as a list', () => {
    const errs = [fieldError.required('spec.selector'), fieldError.invalid('spec.template.metadata.labels', { app: 'broken' }, '`selector` does not match template `labels`')];
    expect(invalidMessage('Deployment', 'apps', 'x', errs))
      .toBe('Deployment.apps "x" is invalid: [spec.selector: Required value, spec.template.metadata.labels: Invalid value: {"app":"broken"}: `selector` does not match template `labels`]');
    expect(invalidCauses(errs)).toEqual([
      { reason: 'FieldValueRequired', message: 'Required value', field: 'spec.selector' },
      { reason: 'FieldValueInvalid', message: 'Invalid value: {"app":"broken"}: `selector` does not match template `labels`', field: 'spec.template.metadata.labels' },
    ]);
  });

  it('qualifies the kind only when it has a group', () => {
    expect(invalidMessage('Role', 'rbac.authorization.k8s.io', '', [fieldError.required('metadata.name', 'name or generateName is required')]))
      .toBe('Role.rbac.authorization.k8s.io "" is invalid: metadata.name: Required value: name or generateName is required');
    expect(invalidMessage('Pod', '', 'web', [fieldError.notFound('spec.containers[0].volumeMounts[0].name', 'html')]))
      .toBe('Pod "web" is invalid: spec.containers[0].volumeMounts[0].name: Not found: "html"');
  });
});

describe('validateObject', () => {
  it('dispatches core kinds', () => {
    const cm: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { namespace: 'default' }, data: {} };
    expect(validateObject(info('', 'ConfigMap'), cm).map((e) => e.field)).toEqual(['metadata.name']);
  });

  it('validates metadata of other groups and runs their validators', () => {
    const deploy: KubeObject = {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'My_App', namespace: 'default' },
      spec: { replicas: -1, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } } } },
    };
    const fields = validateObject(info('apps', 'Deployment'), deploy).map((e) => e.field);
    expect(fields[0]).toBe('metadata.name');
    expect(fields).toContain('spec.replicas');
    expect(fields).toContain('spec.template.spec.containers');
  });

  it('checks immutable metadata on update', () => {
    const old: KubeObject = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'a', uid: '1', resourceVersion: '2' }, rules: [] };
    const next: KubeObject = { ...old, metadata: { ...old.metadata, uid: '9' } };
    expect(validateObject(info('rbac.authorization.k8s.io', 'ClusterRole'), next, old).map((e) => e.field)).toContain('metadata.uid');
  });
});
