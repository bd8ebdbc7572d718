import { describe, expect, it } from 'vitest';
import { errorText } from '../field-errors.ts';
import type { KubeObject } from '../types.ts';
import { builtinResources } from '../registry.ts';
import { groupValidators } from './groups.ts';

// A Deployment as it looks after defaulting, checked with the real pod template validation.
function defaultedDeployment(container: Record<string, unknown> = {}, podSpec: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' },
    spec: {
      replicas: 1, selector: { matchLabels: { app: 'web' } }, revisionHistoryLimit: 10, progressDeadlineSeconds: 600,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: {
          restartPolicy: 'Always', dnsPolicy: 'ClusterFirst', schedulerName: 'default-scheduler', terminationGracePeriodSeconds: 30,
          securityContext: {},
          containers: [{
            name: 'web', image: 'nginx:1.27', imagePullPolicy: 'IfNotPresent', resources: {},
            terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', ...container,
          }],
          ...podSpec,
        },
      },
    },
  };
}

describe('groupValidators', () => {
  it('has a validator for every built-in kind outside the core group that has a spec to check', () => {
    const reviewKinds = ['SelfSubjectReview', 'TokenReview', 'LocalSubjectAccessReview', 'SelfSubjectAccessReview', 'SelfSubjectRulesReview', 'SubjectAccessReview', 'Event'];
    // metrics.k8s.io is read-only and served by metrics-server, not validated here.
    const expected = new Set(builtinResources.filter((r) => r.group !== '' && r.group !== 'metrics.k8s.io' && !reviewKinds.includes(r.kind)).map((r) => `${r.group}/${r.kind}`));
    expect(Object.keys(groupValidators).sort()).toEqual([...expected].sort());
  });

  it('accepts a defaulted Deployment with the real pod validation', () => {
    expect(groupValidators['apps/Deployment'](defaultedDeployment()).map(errorText)).toEqual([]);
  });

  it('reports pod template mistakes at their template path', () => {
    expect(groupValidators['apps/Deployment'](defaultedDeployment({ image: undefined })).map(errorText)).toEqual([
      'spec.template.spec.containers[0].image: Required value',
    ]);
  });

  it('adds the workload rule after the pod rules for restartPolicy Never', () => {
    expect(groupValidators['apps/Deployment'](defaultedDeployment({}, { restartPolicy: 'Never' })).map(errorText)).toEqual([
      'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
    ]);
  });
});
