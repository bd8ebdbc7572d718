import { describe, expect, it } from 'vitest';
import { errorText } from '../field-errors.ts';
import type { KubeObject } from '../types.ts';
import { groupValidators } from './groups.ts';

const run = (kind: string, obj: KubeObject, old?: KubeObject) => groupValidators[`rbac.authorization.k8s.io/${kind}`](obj, old).map(errorText);
const group = 'rbac.authorization.k8s.io';

const role = (kind: string, rules: unknown[], extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: `${group}/v1`, kind, metadata: { name: 'reader', namespace: kind === 'Role' ? 'default' : undefined }, rules, ...extra,
});
const podsRule = { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] };

describe('rbac Role and ClusterRole', () => {
  const cases: [string, string, KubeObject, string[]][] = [
    ['a valid Role', 'Role', role('Role', [podsRule]), []],
    ['a rule without verbs', 'Role', role('Role', [{ apiGroups: [''], resources: ['pods'] }]), [
      'rules[0].verbs: Required value: verbs must contain at least one value',
    ]],
    ['a rule without apiGroups and resources', 'Role', role('Role', [{ verbs: ['get'] }]), [
      'rules[0].apiGroups: Required value: resource rules must supply at least one api group',
      'rules[0].resources: Required value: resource rules must supply at least one resource',
    ]],
    ['non-resource URLs in a Role', 'Role', role('Role', [{ nonResourceURLs: ['/healthz'], verbs: ['get'] }]), [
      'rules[0].nonResourceURLs: Invalid value: ["/healthz"]: namespaced rules cannot apply to non-resource URLs',
    ]],
    ['non-resource URLs in a ClusterRole', 'ClusterRole', role('ClusterRole', [{ nonResourceURLs: ['/healthz'], verbs: ['get'] }]), []],
    ['non-resource URLs mixed with resources', 'ClusterRole', role('ClusterRole', [{ ...podsRule, nonResourceURLs: ['/metrics'] }]), [
      'rules[0].nonResourceURLs: Invalid value: ["/metrics"]: rules cannot apply to both regular resources and non-resource URLs',
    ]],
    ['an aggregation rule without selectors', 'ClusterRole', role('ClusterRole', [], { aggregationRule: { clusterRoleSelectors: [] } }), [
      'aggregationRule.clusterRoleSelectors: Required value: at least one clusterRoleSelector required if aggregationRule is non-nil',
    ]],
  ];
  it.each(cases)('%s', (_name, kind, obj, expected) => {
    expect(run(kind, obj)).toEqual(expected);
  });
});

const binding = (kind: string, roleRef: Record<string, unknown>, subjects: unknown[]): KubeObject => ({
  apiVersion: `${group}/v1`, kind, metadata: { name: 'read-pods', namespace: kind === 'RoleBinding' ? 'default' : undefined }, roleRef, subjects,
});
const roleRef = { apiGroup: group, kind: 'Role', name: 'reader' };
const user = { kind: 'User', name: 'jane', apiGroup: group };

describe('rbac RoleBinding and ClusterRoleBinding', () => {
  const cases: [string, string, KubeObject, string[]][] = [
    ['a valid RoleBinding', 'RoleBinding', binding('RoleBinding', roleRef, [user, { kind: 'ServiceAccount', name: 'default' }]), []],
    ['an unknown roleRef kind', 'RoleBinding', binding('RoleBinding', { ...roleRef, kind: 'Policy' }, [user]), [
      'roleRef.kind: Unsupported value: "Policy": supported values: "Role", "ClusterRole"',
    ]],
    ['a ClusterRoleBinding to a Role', 'ClusterRoleBinding', binding('ClusterRoleBinding', roleRef, [user]), [
      'roleRef.kind: Unsupported value: "Role": supported values: "ClusterRole"',
    ]],
    ['no roleRef name and a wrong apiGroup', 'RoleBinding', binding('RoleBinding', { apiGroup: 'rbac', kind: 'Role' }, [user]), [
      'roleRef.apiGroup: Unsupported value: "rbac": supported values: "rbac.authorization.k8s.io"',
      'roleRef.name: Required value',
    ]],
    ['an unknown subject kind', 'RoleBinding', binding('RoleBinding', roleRef, [{ kind: 'Robot', name: 'r2d2' }]), [
      'subjects[0].kind: Unsupported value: "Robot": supported values: "ServiceAccount", "User", "Group"',
    ]],
    ['a User without the rbac apiGroup', 'RoleBinding', binding('RoleBinding', roleRef, [{ kind: 'User', name: 'jane', apiGroup: '' }]), [
      'subjects[0].apiGroup: Unsupported value: "": supported values: "rbac.authorization.k8s.io"',
    ]],
    ['a ServiceAccount with an apiGroup and no name', 'RoleBinding', binding('RoleBinding', roleRef, [{ kind: 'ServiceAccount', apiGroup: group }]), [
      'subjects[0].name: Required value',
      'subjects[0].apiGroup: Unsupported value: "rbac.authorization.k8s.io": supported values: ""',
    ]],
    ['a ServiceAccount without a namespace in a ClusterRoleBinding', 'ClusterRoleBinding',
      binding('ClusterRoleBinding', { ...roleRef, kind: 'ClusterRole' }, [{ kind: 'ServiceAccount', name: 'fluentd' }]), [
        'subjects[0].namespace: Required value',
      ]],
  ];
  it.each(cases)('%s', (_name, kind, obj, expected) => {
    expect(run(kind, obj)).toEqual(expected);
  });

  it('refuses to change roleRef on update, but lets subjects change', () => {
    const old = binding('RoleBinding', roleRef, [user]);
    expect(run('RoleBinding', binding('RoleBinding', roleRef, []), old)).toEqual([]);
    expect(run('RoleBinding', binding('RoleBinding', { ...roleRef, name: 'admin' }, [user]), old)).toEqual([
      'roleRef: Invalid value: {"apiGroup":"rbac.authorization.k8s.io","kind":"Role","name":"admin"}: cannot change roleRef',
    ]);
  });
});
