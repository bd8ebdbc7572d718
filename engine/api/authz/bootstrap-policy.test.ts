import { describe, expect, it } from 'vitest';
import { bootstrapPolicy, kubeadmPolicy } from './bootstrap-policy.ts';

const objects = [...bootstrapPolicy(), ...kubeadmPolicy()];
const find = (kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name);

describe('bootstrap policy', () => {
  it('binds every ClusterRoleBinding to a ClusterRole that exists', () => {
    const missing = objects.filter((o) => o.kind === 'ClusterRoleBinding')
      .map((b) => (b.roleRef as { name: string }).name).filter((name) => !find('ClusterRole', name));
    expect(missing).toEqual([]);
  });

  it.each([
    ['cluster-admin', { kind: 'Group', name: 'system:masters' }],
    ['kubeadm:cluster-admins', { kind: 'Group', name: 'kubeadm:cluster-admins' }],
    ['system:basic-user', { kind: 'Group', name: 'system:authenticated' }],
    ['system:controller:replicaset-controller', { kind: 'ServiceAccount', name: 'replicaset-controller', namespace: 'kube-system' }],
    ['system:kube-scheduler', { kind: 'User', name: 'system:kube-scheduler' }],
  ])('binds %s to %o', (name, subject) => {
    expect(find('ClusterRoleBinding', name)?.subjects).toContainEqual(expect.objectContaining(subject));
  });

  it('leaves the aggregated roles empty for the controller, labelled as kube-apiserver labels them', () => {
    expect(find('ClusterRole', 'view')).toEqual({
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole',
      metadata: {
        name: 'view',
        labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults', 'rbac.authorization.k8s.io/aggregate-to-edit': 'true' },
        annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'true' },
      },
      aggregationRule: { clusterRoleSelectors: [{ matchLabels: { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' } }] },
      rules: null,
    });
  });

  it('has no two objects of one kind with one name', () => {
    const keys = objects.map((o) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`);
    expect(keys.length).toBe(new Set(keys).size);
  });
});
