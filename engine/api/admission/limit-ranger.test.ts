import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { Cluster } from '../../cluster.ts';
import type { KubeObject } from '../types.ts';

const corpus = '/work/shared/corpus/k8s-website-examples/admin/resource/';
const manifest = (file: string): KubeObject => parse(readFileSync(`${corpus}${file}`, 'utf8')) as KubeObject;

const paths: Record<string, string> = {
  LimitRange: '/api/v1/namespaces/default/limitranges',
  Pod: '/api/v1/namespaces/default/pods',
  PersistentVolumeClaim: '/api/v1/namespaces/default/persistentvolumeclaims',
};

/** A cluster with only the API server: admission alone decides. */
function lab(...limitRanges: (string | KubeObject)[]): Cluster {
  const c = new Cluster({ controllers: false, addons: false });
  for (const range of limitRanges) create(c, typeof range === 'string' ? manifest(range) : range, true);
  return c;
}

function create(c: Cluster, object: KubeObject, mustSucceed = false): { status: number; object?: KubeObject; message?: string } {
  const response = c.handle({ method: 'POST', path: paths[object.kind!], body: object });
  const body = response.body as KubeObject & { message?: string };
  if (mustSucceed && response.status !== 201) throw new Error(JSON.stringify(body));
  return response.status === 201 ? { status: 201, object: body } : { status: response.status, message: body.message };
}

function containerResources(pod: KubeObject): Record<string, unknown> {
  return Object.fromEntries(((pod.spec as { containers: { name: string; resources: unknown }[] }).containers).map((c) => [c.name, c.resources]));
}

function claim(name: string, storage?: string): KubeObject {
  return {
    apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name },
    spec: { accessModes: ['ReadWriteOnce'], resources: storage ? { requests: { storage } } : {} },
  };
}

function podWith(name: string, resources: Record<string, unknown>): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'app', image: 'nginx', resources }] } };
}

describe('LimitRanger: defaults (mutating admission)', () => {
  it('fills each container from default/defaultRequest and says so in kubernetes.io/limit-ranger', () => {
    const c = lab('limit-mem-cpu-container.yaml');
    const pod = create(c, manifest('limit-range-pod-1.yaml')).object!;
    expect(pod.metadata.annotations).toEqual({
      'kubernetes.io/limit-ranger': 'LimitRanger plugin set: cpu, memory limit for container busybox-cnt02; cpu, memory request for container busybox-cnt04; cpu, memory limit for container busybox-cnt04',
    });
    expect(containerResources(pod)).toEqual({
      'busybox-cnt01': { requests: { memory: '100Mi', cpu: '100m' }, limits: { memory: '200Mi', cpu: '500m' } },
      'busybox-cnt02': { requests: { memory: '100Mi', cpu: '100m' }, limits: { cpu: '700m', memory: '900Mi' } },
      // Requests come from the container's own limits (pod defaulting) before LimitRanger runs.
      'busybox-cnt03': { requests: { memory: '200Mi', cpu: '500m' }, limits: { memory: '200Mi', cpu: '500m' } },
      'busybox-cnt04': { requests: { cpu: '110m', memory: '111Mi' }, limits: { cpu: '700m', memory: '900Mi' } },
    });
    // The QoS class is computed after the defaults landed.
    expect((pod.status as { qosClass: string }).qosClass).toBe('Burstable');
  });

  it.each([
    ['memory-defaults-pod.yaml', { requests: { memory: '256Mi' }, limits: { memory: '512Mi' } }, 'LimitRanger plugin set: memory request for container default-mem-demo-ctr; memory limit for container default-mem-demo-ctr'],
    // A container that sets its limit gets its request from it, not from defaultRequest.
    ['memory-defaults-pod-2.yaml', { requests: { memory: '1Gi' }, limits: { memory: '1Gi' } }, undefined],
    ['memory-defaults-pod-3.yaml', { requests: { memory: '128Mi' }, limits: { memory: '512Mi' } }, 'LimitRanger plugin set: memory limit for container default-mem-demo-3-ctr'],
  ])('memory-defaults.yaml with %s', (file, resources, annotation) => {
    const c = lab('memory-defaults.yaml');
    const pod = create(c, manifest(file)).object!;
    expect(Object.values(containerResources(pod))[0]).toEqual(resources);
    expect(pod.metadata.annotations?.['kubernetes.io/limit-ranger']).toBe(annotation);
  });
});

describe('LimitRanger: constraints (validating admission)', () => {
  it.each([
    ['cpu-constraints.yaml', 'cpu-constraints-pod-2.yaml', 'pods "constraints-cpu-demo-2" is forbidden: maximum cpu usage per Container is 800m, but limit is 1500m'],
    ['cpu-constraints.yaml', 'cpu-constraints-pod-3.yaml', 'pods "constraints-cpu-demo-3" is forbidden: minimum cpu usage per Container is 200m, but request is 100m'],
    ['memory-constraints.yaml', 'memory-constraints-pod-2.yaml', 'pods "constraints-mem-demo-2" is forbidden: maximum memory usage per Container is 1Gi, but limit is 1536Mi'],
    ['memory-constraints.yaml', 'memory-constraints-pod-3.yaml', 'pods "constraints-mem-demo-3" is forbidden: minimum memory usage per Container is 500Mi, but request is 100Mi'],
  ])('%s refuses %s', (range, file, message) => {
    expect(create(lab(range), manifest(file))).toEqual({ status: 403, message });
  });

  it.each([
    ['cpu-constraints.yaml', 'cpu-constraints-pod.yaml'],
    ['cpu-constraints.yaml', 'cpu-constraints-pod-4.yaml'],
    ['memory-constraints.yaml', 'memory-constraints-pod.yaml'],
    ['memory-constraints.yaml', 'memory-constraints-pod-4.yaml'],
  ])('%s admits %s', (range, file) => {
    expect(create(lab(range), manifest(file)).status).toBe(201);
  });

  it('joins every violation of one LimitRange into a bracketed list', () => {
    const range = { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'lr' }, spec: { limits: [{ type: 'Container', min: { cpu: '100m' }, max: { memory: '1Gi' } }] } };
    expect(create(lab(range), podWith('x', { requests: { cpu: '50m', memory: '1Gi' }, limits: { cpu: '50m', memory: '2Gi' } }))).toEqual({
      status: 403, message: 'pods "x" is forbidden: [minimum cpu usage per Container is 100m, but request is 50m, maximum memory usage per Container is 1Gi, but limit is 2Gi]',
    });
  });

  it('checks Pod items against the sum of the containers (after Container defaults)', () => {
    const c = lab('limit-mem-cpu-container.yaml', 'limit-mem-cpu-pod.yaml');
    expect(create(c, manifest('limit-range-pod-1.yaml'))).toEqual({
      status: 403, message: 'pods "busybox1" is forbidden: [maximum cpu usage per Pod is 2, but limit is 2400m, maximum memory usage per Pod is 2Gi, but limit is 2200Mi]',
    });
  });

  it.each([
    [{ requests: { memory: '100Mi' }, limits: { memory: '300Mi' } }, 'pods "x" is forbidden: memory max limit to request ratio per Pod is 2, but provided ratio is 3.000000'],
    [{ limits: { cpu: '1' } }, 'pods "x" is forbidden: memory max limit to request ratio per Pod is 2, but no request is specified or request is 0'],
    [{ requests: { memory: '100Mi' }, limits: { memory: '200Mi' } }, undefined],
  ])('maxLimitRequestRatio: %j', (resources, message) => {
    const result = create(lab('limit-memory-ratio-pod.yaml'), podWith('x', resources));
    expect(result.message).toBe(message);
  });

  it.each([
    ['pvc-limit-greater.yaml', 'persistentvolumeclaims "pvc-limit-greater" is forbidden: maximum storage usage per PersistentVolumeClaim is 2Gi, but request is 5Gi'],
    ['pvc-limit-lower.yaml', 'persistentvolumeclaims "pvc-limit-lower" is forbidden: minimum storage usage per PersistentVolumeClaim is 1Gi, but request is 500Mi'],
  ])('storagelimits.yaml refuses %s', (file, message) => {
    expect(create(lab('storagelimits.yaml'), manifest(file))).toEqual({ status: 403, message });
  });

  it('admits a claim inside the storage limits', () => {
    expect(create(lab('storagelimits.yaml'), claim('ok', '1500Mi')).status).toBe(201);
  });
});
