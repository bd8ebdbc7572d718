import { describe, expect, it } from 'vitest';
import {
  breakdownRule, computeReconciledBinding, computeReconciledRole, formatRule, formatSubject, uncoveredRules, type Json,
} from './auth-reconcile-compute.ts';

const rule = (verbs: string[], resources: string[], extra: Json = {}): Json => ({ apiGroups: [''], resources, verbs, ...extra });
const role = (rules: Json[], metadata: Json = {}): Json => ({
  apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'r', namespace: 'default', ...metadata }, rules,
});
const user = (name: string, apiGroup = 'rbac.authorization.k8s.io'): Json => ({ kind: 'User', apiGroup, name });
const binding = (subjects: Json[], roleName = 'r', metadata: Json = {}): Json => ({
  apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'b', namespace: 'default', uid: 'u1', ...metadata },
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: roleName }, subjects,
});

describe('Go %+v of rules and subjects (as kubectl auth reconcile prints them)', () => {
  it.each([
    [formatRule(rule(['get', 'list'], ['pods'])), '{Verbs:[get list] APIGroups:[] Resources:[pods] ResourceNames:[] NonResourceURLs:[]}'],
    [formatRule({ nonResourceURLs: ['/healthz'], verbs: ['get'] }), '{Verbs:[get] APIGroups:[] Resources:[] ResourceNames:[] NonResourceURLs:[/healthz]}'],
    [formatRule({ apiGroups: ['', 'apps'], resources: ['deployments'], verbs: ['*'], resourceNames: ['web'] }),
      '{Verbs:[*] APIGroups:[ apps] Resources:[deployments] ResourceNames:[web] NonResourceURLs:[]}'],
    [formatSubject(user('jane')), '{Kind:User APIGroup:rbac.authorization.k8s.io Name:jane Namespace:}'],
    [formatSubject({ kind: 'ServiceAccount', name: 'robot', namespace: 'default' }), '{Kind:ServiceAccount APIGroup: Name:robot Namespace:default}'],
  ])('%s', (actual, expected) => {
    expect(actual).toBe(expected);
  });
});

describe('validation.Covers', () => {
  it('breaks rules down to one verb, group, resource and name each, URLs with verbs', () => {
    expect(breakdownRule({ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'], resourceNames: ['a'], nonResourceURLs: ['/x'] })).toEqual([
      { apiGroups: [''], resources: ['pods'], verbs: ['get'], resourceNames: ['a'] },
      { apiGroups: [''], resources: ['pods'], verbs: ['list'], resourceNames: ['a'] },
      { nonResourceURLs: ['/x'], verbs: ['get'] },
      { nonResourceURLs: ['/x'], verbs: ['list'] },
    ]);
  });

  it.each([
    ['the same rule', [rule(['get'], ['pods'])], [rule(['get'], ['pods'])], []],
    ['a missing verb', [rule(['get'], ['pods'])], [rule(['get', 'watch'], ['pods'])], [rule(['watch'], ['pods'])]],
    ['stars everywhere', [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }], [rule(['delete'], ['secrets']), { apiGroups: ['apps'], resources: ['deployments/scale'], verbs: ['update'] }], []],
    ['a subresource through */log', [rule(['get'], ['*/log'])], [rule(['get'], ['pods/log', 'pods'])], [rule(['get'], ['pods'])]],
    ['names: an unnamed rule covers named ones, not the reverse', [rule(['get'], ['pods'], { resourceNames: ['a'] })], [rule(['get'], ['pods'])], [rule(['get'], ['pods'])]],
    ['a URL prefix with *', [{ nonResourceURLs: ['/logs/*'], verbs: ['get'] }], [{ nonResourceURLs: ['/logs/a', '/metrics'], verbs: ['get'] }], [{ nonResourceURLs: ['/metrics'], verbs: ['get'] }]],
  ])('%s', (_name, owner, servant, uncovered) => {
    expect(uncoveredRules(owner, servant)).toEqual(uncovered);
  });
});

describe('computeReconciledRole', () => {
  const stored = role([rule(['get', 'list'], ['pods'])], { uid: 'u1', resourceVersion: '7', labels: { team: 'a' } });
  const expected = role([rule(['get', 'watch'], ['pods'])], { labels: { team: 'b', tier: 'web' } });

  it.each([
    ['adds the missing one-verb rules (union), keeping stored labels over expected ones', false, {
      rules: [rule(['get', 'list'], ['pods']), rule(['watch'], ['pods'])], missing: [rule(['watch'], ['pods'])], extra: [rule(['list'], ['pods'])],
    }],
    ['with --remove-extra-permissions, sets the expected rules', true, {
      rules: [rule(['get', 'watch'], ['pods'])], missing: [rule(['watch'], ['pods'])], extra: [rule(['list'], ['pods'])],
    }],
  ])('%s', (_name, remove, want) => {
    const result = computeReconciledRole(stored, expected, remove, false);
    expect({ ...result, object: undefined }).toEqual({ object: undefined, missingRules: want.missing, extraRules: want.extra, operation: 'update', protected: false });
    expect(result.object).toEqual({ ...stored, metadata: { ...(stored.metadata as Json), labels: { team: 'a', tier: 'web' } }, rules: want.rules });
    // The stored object read from the cache is never changed.
    expect(stored.rules).toEqual([rule(['get', 'list'], ['pods'])]);
  });

  it('needs nothing when the stored role covers the expected one, and reports an opted-out role', () => {
    const frozen = role([rule(['*'], ['pods'])], { annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'false' } });
    expect(computeReconciledRole(frozen, role([rule(['get'], ['pods'])]), false, false)).toMatchObject({ operation: 'none', protected: true, missingRules: [] });
  });

  it('adds missing aggregation selectors to a ClusterRole and ignores its rules then', () => {
    const selector = (value: string): Json => ({ matchLabels: { [`aggregate-to-${value}`]: 'true' } });
    const storedRole = { ...role([rule(['get'], ['pods'])]), kind: 'ClusterRole', aggregationRule: { clusterRoleSelectors: [selector('a')] } };
    const wanted = { ...role([]), kind: 'ClusterRole', aggregationRule: { clusterRoleSelectors: [selector('a'), selector('b')] } };
    const result = computeReconciledRole(storedRole, wanted, false, true);
    expect([result.operation, result.extraRules, result.object.aggregationRule]).toEqual(['update', [], { clusterRoleSelectors: [selector('a'), selector('b')] }]);
  });
});

describe('computeReconciledBinding', () => {
  it.each([
    ['adds a missing subject; one differing only by apiGroup is another subject', false, binding([user('jane')]), binding([user('bob'), user('jane', '')]), {
      operation: 'update', subjects: [user('jane'), user('bob'), user('jane', '')], missing: [user('bob'), user('jane', '')], extra: [user('jane')],
    }],
    ['with --remove-extra-subjects, sets the expected subjects', true, binding([user('jane'), user('ann')]), binding([user('ann')]), {
      operation: 'update', subjects: [user('ann')], missing: [], extra: [user('jane')],
    }],
    ['needs nothing when every subject is there', false, binding([user('jane'), user('ann')]), binding([user('ann')]), {
      operation: 'none', subjects: [user('jane'), user('ann')], missing: [], extra: [user('jane')],
    }],
  ])('%s', (_name, remove, stored, expected, want) => {
    const result = computeReconciledBinding(stored, expected, remove);
    expect([result.operation, result.object.subjects, result.missingSubjects, result.extraSubjects]).toEqual([want.operation, want.subjects, want.missing, want.extra]);
  });

  it('recreates a binding whose roleRef changed, with the expected object', () => {
    const expected = binding([user('jane')], 'other');
    expect(computeReconciledBinding(binding([user('jane')]), expected, false)).toEqual({
      object: expected, missingSubjects: [], extraSubjects: [], operation: 'recreate', protected: false,
    });
  });
});
