import { describe, expect, it } from 'vitest';
import { applyDefaults } from './apply-defaults.ts';
import { imageTag, pullPolicyFor } from './pod-spec.ts';
import { computeQosClass, quantityValue } from './qos.ts';
import { resource } from './test-helpers.ts';

describe('image pull policy', () => {
  it.each([
    ['nginx', 'latest', 'Always'],
    ['nginx:latest', 'latest', 'Always'],
    ['nginx:1.25', '1.25', 'IfNotPresent'],
    ['localhost:5000/app', 'latest', 'Always'],
    ['localhost:5000/app:v2', 'v2', 'IfNotPresent'],
    ['nginx@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31', '', 'IfNotPresent'],
    ['nginx:1.25@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31', '1.25', 'IfNotPresent'],
  ])('%s → tag %j, %s', (image, tag, policy) => {
    expect([imageTag(image), pullPolicyFor(image)]).toEqual([tag, policy]);
  });
});

describe('PodSpec defaults', () => {
  const pod = (spec: Record<string, unknown>) => applyDefaults(resource('', 'v1', 'Pod'), { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec });
  const container = (out: ReturnType<typeof pod>) => (out.spec as { containers: Record<string, unknown>[] }).containers[0];

  it('probes get timing defaults and httpGet path/scheme; initialDelaySeconds 0 is not written', () => {
    const out = pod({ containers: [{ name: 'c', image: 'i', readinessProbe: { initialDelaySeconds: 0, httpGet: { port: 8080 } }, livenessProbe: { tcpSocket: { port: 8080 }, periodSeconds: 5 } }] });
    expect([container(out).livenessProbe, container(out).readinessProbe]).toEqual([
      { tcpSocket: { port: 8080 }, timeoutSeconds: 1, periodSeconds: 5, successThreshold: 1, failureThreshold: 3 },
      { httpGet: { path: '/', port: 8080, scheme: 'HTTP' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 },
    ]);
  });

  it('limits are copied to missing requests on Pods only', () => {
    const spec = { containers: [{ name: 'c', image: 'i', resources: { limits: { cpu: '500m', memory: '128Mi' }, requests: { cpu: '100m' } } }] };
    expect(container(pod(spec)).resources).toEqual({ limits: { cpu: '500m', memory: '128Mi' }, requests: { cpu: '100m', memory: '128Mi' } });
    const deployment = applyDefaults(resource('apps', 'v1', 'Deployment'), { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { template: { spec } } });
    const template = (deployment.spec as { template: { spec: { containers: { resources: unknown }[]; enableServiceLinks?: boolean } } }).template.spec;
    expect([template.containers[0].resources, template.enableServiceLinks]).toEqual([{ limits: { cpu: '500m', memory: '128Mi' }, requests: { cpu: '100m' } }, undefined]);
  });

  it('volumes: secret/downwardAPI modes, env fieldRef apiVersion, hostNetwork host ports', () => {
    const out = pod({
      hostNetwork: true,
      volumes: [{ name: 's', secret: { secretName: 'x' } }, { name: 'd', downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }] } }],
      containers: [{ name: 'c', image: 'i', ports: [{ containerPort: 8080 }], env: [{ name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }] }],
    });
    const spec = out.spec as { volumes: unknown[] };
    expect([spec.volumes, container(out).ports, container(out).env]).toEqual([
      [
        { name: 's', secret: { secretName: 'x', defaultMode: 420 } },
        { name: 'd', downwardAPI: { items: [{ path: 'labels', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.labels' } }], defaultMode: 420 } },
      ],
      [{ containerPort: 8080, hostPort: 8080, protocol: 'TCP' }],
      [{ name: 'NODE', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } } }],
    ]);
  });
});

describe('QoS class', () => {
  const spec = (...resources: unknown[]) => ({ containers: resources.map((r, i) => ({ name: `c${i}`, resources: r })) });
  it.each([
    ['no resources', spec({}), 'BestEffort'],
    ['zero requests do not count', spec({ requests: { cpu: '0' } }), 'BestEffort'],
    ['requests only', spec({ requests: { cpu: '100m' } }), 'Burstable'],
    ['equal requests and limits, cpu and memory', spec({ requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1000m', memory: '1024Mi' } }), 'Guaranteed'],
    ['limits without memory', spec({ requests: { cpu: '1' }, limits: { cpu: '1' } }), 'Burstable'],
    ['one guaranteed container and one best-effort', spec({ requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } }, {}), 'Burstable'],
  ])('%s → %s', (_name, podSpec, want) => {
    expect(computeQosClass(podSpec)).toBe(want);
  });

  it.each([['500m', 0.5], ['1Gi', 1073741824], ['1e3', 1000], ['2k', 2000], ['bad', NaN]])('quantity %s = %d', (q, v) => {
    expect(quantityValue(q)).toBe(v);
  });
});
