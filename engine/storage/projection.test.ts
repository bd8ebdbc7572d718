import type { ConfigMap, Secret, Volume } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/types.ts';
import { projectVolume } from './projection.ts';

const configMaps: Record<string, ConfigMap> = { web: { data: { 'nginx.conf': 'server {}\n', 'index.html': '<h1>hi</h1>\n' } } };
const secrets: Record<string, Secret> = { tls: { data: { 'tls.key': btoa('KEY') } } };
const source = { configMap: (_ns: string, name: string) => configMaps[name], secret: (_ns: string, name: string) => secrets[name] };
const pod: KubeObject = {
  apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'shop', uid: 'u-1', labels: { tier: 'front', app: 'web' } },
  spec: { containers: [{ name: 'c', image: 'nginx', resources: { limits: { memory: '128Mi' } } }] },
};
const facts = { podIP: '10.244.1.2', hostIP: '172.18.0.2', nodeName: 'node-1', allocatable: { cpu: '4', memory: '8Gi' } };

const cases: { name: string; volume: Omit<Volume, 'name'>; expected: unknown }[] = [
  { name: 'configMap: a file per key', volume: { configMap: { name: 'web' } }, expected: [['index.html', '<h1>hi</h1>\n', 0o644], ['nginx.conf', 'server {}\n', 0o644]] },
  {
    name: 'configMap items with path, defaultMode and mode',
    volume: { configMap: { name: 'web', defaultMode: 0o400, items: [{ key: 'nginx.conf', path: 'conf.d/default.conf' }, { key: 'index.html', path: 'i.html', mode: 0o600 }] } },
    expected: [['conf.d/default.conf', 'server {}\n', 0o400], ['i.html', '<h1>hi</h1>\n', 0o600]],
  },
  { name: 'missing ConfigMap', volume: { configMap: { name: 'nope' } }, expected: 'configmap "nope" not found' },
  { name: 'missing optional ConfigMap is an empty volume', volume: { configMap: { name: 'nope', optional: true } }, expected: [] },
  { name: 'missing item key', volume: { configMap: { name: 'web', items: [{ key: 'x', path: 'x' }] } }, expected: 'configmap references non-existent config key: x' },
  { name: 'secret values are decoded', volume: { secret: { secretName: 'tls' } }, expected: [['tls.key', 'KEY', 0o644]] },
  { name: 'missing Secret', volume: { secret: { secretName: 'nope' } }, expected: 'secret "nope" not found' },
  {
    name: 'downwardAPI labels, name and a memory limit',
    volume: { downwardAPI: { items: [
      { path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } },
      { path: 'name', fieldRef: { fieldPath: 'metadata.name' } },
      { path: 'mem', resourceFieldRef: { containerName: 'c', resource: 'limits.memory', divisor: '1Mi' } },
    ] } },
    expected: [['labels', 'app="web"\ntier="front"', 0o644], ['name', 'web', 0o644], ['mem', '128', 0o644]],
  },
  {
    name: 'projected sources share one directory',
    volume: { projected: { sources: [{ configMap: { name: 'web', items: [{ key: 'index.html', path: 'index.html' }] } }, { downwardAPI: { items: [{ path: 'ns', fieldRef: { fieldPath: 'metadata.namespace' } }] } }] } },
    expected: [['index.html', '<h1>hi</h1>\n', 0o644], ['ns', 'shop', 0o644]],
  },
];

describe('projectVolume', () => {
  it.each(cases)('$name', ({ volume, expected }) => {
    const result = projectVolume({ name: 'v', ...volume }, pod, source, facts);
    if ('error' in result) expect(result.error).toBe(expected);
    else expect([...result.files].map(([path, f]) => [path, f.data, f.mode])).toEqual(expected);
  });
});
