import { describe, expect, it } from 'vitest';
import { builtinResources, type ResourceInfo } from '../registry.ts';
import { customResourcePrinter, printerKey, printers, quantityString, toTable } from './index.ts';
import { ago, makeObject, makePod, now, running } from './test-builders.ts';

const info = (group: string, kind: string): ResourceInfo => {
  const found = builtinResources.find((r) => r.group === group && r.kind === kind);
  if (!found) throw new Error(`${group}/${kind} not in builtinResources`);
  return found;
};

describe('toTable', () => {
  const pod = makePod('web').phase('Running').on('node-1', '10.244.1.5').statuses(running('app')).build();
  pod.metadata.labels = { app: 'web' };
  pod.metadata.uid = 'u-1';
  pod.metadata.resourceVersion = '42';

  it('answers a metav1 Table with PartialObjectMetadata rows by default', () => {
    const table = toTable(info('', 'Pod'), [pod], { now, resourceVersion: '100' });
    expect(table.kind).toBe('Table');
    expect(table.apiVersion).toBe('meta.k8s.io/v1');
    expect(table.metadata).toEqual({ resourceVersion: '100' });
    expect(table.columnDefinitions?.[0]).toEqual({
      name: 'Name', type: 'string', format: 'name', priority: 0,
      description: 'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names',
    });
    expect(table.rows).toEqual([{
      cells: ['web', '1/1', 'Running', '0', '5m', '10.244.1.5', 'node-1', '<none>', '<none>'],
      object: {
        kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1',
        metadata: { name: 'web', namespace: 'default', uid: 'u-1', resourceVersion: '42', creationTimestamp: ago(300), labels: { app: 'web' } },
      },
    }]);
    // Go struct order, so the JSON reads like the real server's.
    expect(Object.keys((table.rows?.[0].object as { metadata: object }).metadata)).toEqual(['name', 'namespace', 'uid', 'resourceVersion', 'creationTimestamp', 'labels']);
  });

  it('includes the whole object, or none, on request', () => {
    expect(toTable(info('', 'Pod'), [pod], { now, includeObject: 'Object' }).rows?.[0].object).toBe(pod);
    expect(toTable(info('', 'Pod'), [pod], { now, includeObject: 'None' }).rows?.[0].object).toBeNull();
  });

  it('carries continue and remainingItemCount, and drops headers when asked', () => {
    const table = toTable(info('apps', 'Deployment'), [], { now, resourceVersion: '7', continue: 'abc', remainingItemCount: 3, noHeaders: true });
    expect(table).toEqual({ kind: 'Table', apiVersion: 'meta.k8s.io/v1', metadata: { resourceVersion: '7', continue: 'abc', remainingItemCount: 3 }, columnDefinitions: null, rows: [] });
  });

  it('uses the default table for kinds printers.go leaves out', () => {
    const role = makeObject('rbac.authorization.k8s.io/v1', 'Role', 'pod-reader', {}, 3600);
    const table = toTable(info('rbac.authorization.k8s.io', 'Role'), [role], { now });
    expect(table.columnDefinitions?.map((c) => [c.name, c.type])).toEqual([['Name', 'string'], ['Created At', 'date']]);
    expect(table.rows?.[0].cells).toEqual(['pod-reader', '2025-12-31T23:00:00Z']);
    // The generic convertor leaves an empty list's rows nil.
    expect(toTable(info('', 'LimitRange'), [], { now }).rows).toBeNull();
  });

  it('prints a CRD default table (NAME, CREATED AT) and custom resources with their printer columns', () => {
    const crd = makeObject('apiextensions.k8s.io/v1', 'CustomResourceDefinition', 'crontabs.stable.example.com');
    expect(toTable(info('apiextensions.k8s.io', 'CustomResourceDefinition'), [crd], { now }).rows?.[0].cells).toEqual(['crontabs.stable.example.com', '2025-12-31T23:55:00Z']);
    const crInfo: ResourceInfo = { group: 'stable.example.com', version: 'v1', resource: 'crontabs', kind: 'CronTab', singular: 'crontab', namespaced: true, verbs: [], custom: true };
    const cr = makeObject('stable.example.com/v1', 'CronTab', 'my-cron', { spec: { cronSpec: '* * * * */5' } });
    expect(toTable(crInfo, [cr], { now }).columnDefinitions?.map((c) => c.name)).toEqual(['Name', 'Age']);
    const printer = customResourcePrinter({ name: 'v1', served: true, storage: true, additionalPrinterColumns: [{ name: 'Spec', type: 'string', jsonPath: '.spec.cronSpec' }] });
    expect(toTable(crInfo, [cr], { now, printer }).rows?.[0].cells).toEqual(['my-cron', '* * * * */5']);
  });

  it('has a printer for every built-in kind except those upstream prints with the default table', () => {
    // metrics.k8s.io is metrics-server's (served through ApiServer.serveGroup), with its own tables.
    const withoutPrinter = builtinResources.filter((r) => r.group !== 'metrics.k8s.io' && !(printerKey(r) in printers)).map(printerKey);
    expect([...new Set(withoutPrinter)].sort()).toEqual([
      'apiextensions.k8s.io/CustomResourceDefinition', 'authentication.k8s.io/SelfSubjectReview', 'authentication.k8s.io/TokenReview',
      'authorization.k8s.io/LocalSubjectAccessReview', 'authorization.k8s.io/SelfSubjectAccessReview', 'authorization.k8s.io/SelfSubjectRulesReview',
      'authorization.k8s.io/SubjectAccessReview', 'core/Binding', 'core/LimitRange', 'rbac.authorization.k8s.io/ClusterRole', 'rbac.authorization.k8s.io/Role',
    ]);
  });

  it('re-exports the shared helpers', () => {
    expect(quantityString('1000m')).toBe('1');
  });
});
