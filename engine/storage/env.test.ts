import type { ConfigMap, Container, Secret } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/types.ts';
import type { ConfigSource } from './env.ts';
import { defaultPath, makeEnvironmentVariables } from './env.ts';

const configMaps: Record<string, ConfigMap> = { app: { data: { mode: 'fast', 'log.level': 'debug', '1bad': 'x' } } };
const secrets: Record<string, Secret> = { db: { data: { password: btoa('s3cret') } } };
const source: ConfigSource = { configMap: (_ns, name) => configMaps[name], secret: (_ns, name) => secrets[name] };
const pod: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'shop', uid: 'u-1', labels: { app: 'web' } }, spec: { nodeName: 'node-2', containers: [] } };
const facts = { podIP: '10.244.2.5', hostIP: '172.18.0.3', nodeName: 'node-2', allocatable: { cpu: '4', memory: '8Gi' } };

const cases: { name: string; container: Partial<Container>; expected: unknown }[] = [
  { name: 'configMapKeyRef', container: { env: [{ name: 'MODE', valueFrom: { configMapKeyRef: { name: 'app', key: 'mode' } } }] }, expected: { MODE: 'fast' } },
  { name: 'missing ConfigMap', container: { env: [{ name: 'M', valueFrom: { configMapKeyRef: { name: 'nope', key: 'mode' } } }] }, expected: { error: 'configmap "nope" not found' } },
  { name: 'missing key', container: { env: [{ name: 'M', valueFrom: { configMapKeyRef: { name: 'app', key: 'x' } } }] }, expected: { error: "couldn't find key x in ConfigMap shop/app" } },
  { name: 'optional missing key', container: { env: [{ name: 'M', valueFrom: { configMapKeyRef: { name: 'nope', key: 'x', optional: true } } }] }, expected: {} },
  { name: 'secretKeyRef is decoded', container: { env: [{ name: 'PW', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } }] }, expected: { PW: 's3cret' } },
  { name: 'missing Secret', container: { env: [{ name: 'PW', valueFrom: { secretKeyRef: { name: 'x', key: 'password' } } }] }, expected: { error: 'secret "x" not found' } },
  { name: 'missing Secret key', container: { env: [{ name: 'PW', valueFrom: { secretKeyRef: { name: 'db', key: 'user' } } }] }, expected: { error: "couldn't find key user in Secret shop/db" } },
  {
    name: 'downward API fields and $(VAR) references',
    container: { env: [
      { name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
      { name: 'NS', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
      { name: 'APP', valueFrom: { fieldRef: { fieldPath: "metadata.labels['app']" } } },
      { name: 'IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
      { name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
      { name: 'URL', value: 'http://$(IP):80/$(MISSING)$$(IP)' },
    ] },
    expected: { POD: 'web', NS: 'shop', APP: 'web', IP: '10.244.2.5', NODE: 'node-2', URL: 'http://10.244.2.5:80/$(MISSING)$(IP)' },
  },
  {
    name: 'resourceFieldRef with divisors; an unset limit is the node allocatable',
    container: {
      resources: { limits: { memory: '64Mi', cpu: '250m' } },
      env: [
        { name: 'MEM', valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '1Mi' } } },
        { name: 'CPU', valueFrom: { resourceFieldRef: { resource: 'limits.cpu' } } },
        { name: 'MILLI', valueFrom: { resourceFieldRef: { resource: 'limits.cpu', divisor: '1m' } } },
      ],
    },
    expected: { MEM: '64', CPU: '1', MILLI: '250' },
  },
  { name: 'envFrom with a prefix skips invalid names', container: { envFrom: [{ prefix: 'APP_', configMapRef: { name: 'app' } }], env: [{ name: 'APP_mode', value: 'override' }] }, expected: { APP_mode: 'override', 'APP_log.level': 'debug', APP_1bad: 'x' } },
  { name: 'envFrom of a missing optional Secret', container: { envFrom: [{ secretRef: { name: 'none', optional: true } }] }, expected: {} },
];

describe('makeEnvironmentVariables', () => {
  it.each(cases)('$name', ({ container, expected }) => {
    const result = makeEnvironmentVariables(pod, { name: 'c', ...container }, source, facts);
    if ('error' in result) expect(result).toEqual(expected);
    else expect(result.env).toEqual({ PATH: defaultPath, ...(expected as object) });
  });

  it('warns about names that are not variable names, and accepts relaxed ones', () => {
    const result = makeEnvironmentVariables(pod, { name: 'c', envFrom: [{ prefix: 'A=', configMapRef: { name: 'app' } }] }, source, facts);
    expect(result).toMatchObject({ warnings: ['Keys [A=1bad, A=log.level, A=mode] from the EnvFrom configMap shop/app were skipped since they are considered invalid environment variable names.'] });
    expect(makeEnvironmentVariables(pod, { name: 'c', envFrom: [{ configMapRef: { name: 'app' } }] }, source, facts)).toMatchObject({ env: { '1bad': 'x' }, warnings: [] });
  });
});
