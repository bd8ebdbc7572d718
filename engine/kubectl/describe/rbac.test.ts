import { describe, expect, it } from 'vitest';
import { combineResourceGroup, describeRole } from './rbac.ts';

describe('describeRole', () => {
  it('breaks rules down, compacts them by resource and sorts them by PolicyRule.String() (verbs first)', () => {
    // Real kubectl 1.32.4 output for this ClusterRole.
    const role = {
      metadata: { name: 'reader' },
      rules: [
        { apiGroups: [''], resources: ['pods', 'pods/log'], verbs: ['get', 'list', 'watch'] },
        { apiGroups: ['apps'], resources: ['deployments'], verbs: ['get', 'update'], resourceNames: ['web', 'api'] },
        { apiGroups: ['', 'apps'], resources: ['configmaps'], verbs: ['get'] },
        { apiGroups: [''], resources: ['pods'], verbs: ['delete'] },
        { nonResourceURLs: ['/healthz'], verbs: ['get'] },
      ],
    };
    expect(describeRole(role)).toBe(
      'Name:         reader\nLabels:       <none>\nAnnotations:  <none>\nPolicyRule:\n'
      + '  Resources         Non-Resource URLs  Resource Names  Verbs\n'
      + '  ---------         -----------------  --------------  -----\n'
      + '  pods              []                 []              [get list watch delete]\n'
      + '  pods/log          []                 []              [get list watch]\n'
      + '  deployments.apps  []                 [api]           [get update]\n'
      + '  deployments.apps  []                 [web]           [get update]\n'
      + '                    [/healthz]         []              [get]\n'
      + '  configmaps        []                 []              [get]\n'
      + '  configmaps.apps   []                 []              [get]\n',
    );
  });
});

describe('combineResourceGroup', () => {
  it.each([
    [['pods'], [''], 'pods'],
    [['pods/log'], [''], 'pods/log'],
    [['deployments/scale'], ['apps'], 'deployments.apps/scale'],
    [['*'], ['*'], '*.*'],
    [[], ['apps'], ''],
  ])('%j in %j → %s', (resources, groups, expected) => {
    expect(combineResourceGroup(resources, groups)).toBe(expected);
  });
});
