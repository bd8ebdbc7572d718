import { describe, expect, it } from 'vitest';
import { aggregateRules } from './aggregation.ts';
import { bootstrapPolicy } from './bootstrap-policy.ts';
import type { KubeObject } from '../types.ts';

const clusterRoles = bootstrapPolicy().filter((o) => o.kind === 'ClusterRole');
const role = (name: string): KubeObject => clusterRoles.find((r) => r.metadata.name === name)!;
const withRules = (name: string, rules: unknown): KubeObject => ({ ...role(name), rules });

describe('aggregateRules', () => {
  it('gives view the rules of system:aggregate-to-view', () => {
    expect(aggregateRules(role('view'), clusterRoles)).toEqual(role('system:aggregate-to-view').rules);
  });

  it('gives edit its own aggregate first, then view (roles in name order)', () => {
    const roles = [...clusterRoles.filter((r) => r.metadata.name !== 'view'), withRules('view', role('system:aggregate-to-view').rules)];
    const rules = aggregateRules(role('edit'), roles);
    const edit = role('system:aggregate-to-edit').rules as unknown[];
    expect(rules.slice(0, edit.length)).toEqual(edit);
    expect(rules.length).toBe(edit.length + (role('system:aggregate-to-view').rules as unknown[]).length);
  });

  it('adds a user role labelled aggregate-to-view once, even if it repeats a rule', () => {
    const extra: KubeObject = {
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole',
      metadata: { name: 'aaa-crontabs', labels: { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' } },
      rules: [{ verbs: ['get', 'list', 'watch'], apiGroups: ['stable.example.com'], resources: ['crontabs'] }, (role('system:aggregate-to-view').rules as unknown[])[0]],
    };
    const rules = aggregateRules(role('view'), [...clusterRoles, extra]);
    expect(rules[0]).toEqual({ verbs: ['get', 'list', 'watch'], apiGroups: ['stable.example.com'], resources: ['crontabs'] });
    expect(rules.length).toBe((role('system:aggregate-to-view').rules as unknown[]).length + 1);
  });
});
