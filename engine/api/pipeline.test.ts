import { describe, expect, it } from 'vitest';
import { Cluster } from '../cluster.ts';
import { withDecodedSelector } from './pipeline.ts';
import type { KubeObject } from './types.ts';

const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } };
const workload = (kind: string, selector: unknown): KubeObject =>
  ({ apiVersion: 'apps/v1', kind, metadata: { name: 'web' }, spec: { selector, serviceName: 'web', template } });
const invalidSelector = (kind: string, go: string, word: string): string =>
  `${kind}.apps "web" is invalid: spec.selector: Invalid value: v1.LabelSelector{${go}}: empty selector is invalid for ${word}`;

describe('empty selectors, as the Go decoder keeps them for validation', () => {
  // kube-apiserver 1.32's messages: a written `matchLabels: {}` is an empty non-nil map, an absent one nil.
  it.each([
    ['deployments', workload('Deployment', { matchLabels: {} }),
      invalidSelector('Deployment', 'MatchLabels:map[string]string{}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)', 'deployment')],
    ['deployments', workload('Deployment', {}),
      invalidSelector('Deployment', 'MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)', 'deployment')],
    ['replicasets', workload('ReplicaSet', { matchLabels: {}, matchExpressions: [] }),
      invalidSelector('ReplicaSet', 'MatchLabels:map[string]string{}, MatchExpressions:[]v1.LabelSelectorRequirement{}', 'deployment')],
    ['statefulsets', workload('StatefulSet', { matchLabels: {} }),
      invalidSelector('StatefulSet', 'MatchLabels:map[string]string{}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)', 'statefulset')],
    ['daemonsets', workload('DaemonSet', { matchLabels: {} }),
      invalidSelector('DaemonSet', 'MatchLabels:map[string]string{}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)', 'daemonset')],
  ])('POST %s %j', (resource, body, message) => {
    const cluster = new Cluster({ seed: 1, addons: false });
    const response = cluster.handle({ method: 'POST', path: `/apis/apps/v1/namespaces/default/${resource}`, body, headers: { 'content-type': 'application/json' } });
    expect([response.status, (response.body as { message?: string }).message]).toEqual([422, message]);
  });

  it.each([
    ['keeps a selector with terms as defaulting left it', { matchLabels: {}, matchExpressions: [{ key: 'a', operator: 'Exists' }] }, { matchExpressions: [{ key: 'a', operator: 'Exists' }] }],
    ['puts back an empty matchLabels', { matchLabels: {} }, { matchLabels: {} }],
    ['leaves an absent one absent', {}, {}],
  ])('%s', (_name, written, validated) => {
    const defaulted = workload('Deployment', Object.fromEntries(Object.entries(written).filter(([, v]) => !(Array.isArray(v) ? !v.length : !Object.keys(v).length))));
    const spec = withDecodedSelector(defaulted, workload('Deployment', written)).spec as { selector: unknown };
    expect(spec.selector).toEqual(validated);
  });
});
