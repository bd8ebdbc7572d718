/**
 * Shared by the scheduler tests: a cluster with the scheduler, a kind-like control-plane node and
 * three workers (cpu 4, memory 8Gi, 110 pods, zones a/b/c), and a small fluent pod builder.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import { Cluster } from '../cluster.ts';
import type { ApiResponse, KubeObject } from '../api/types.ts';
import { newPodInfo } from './pod-info.ts';
import { Scheduler, type SchedulerOptions } from './scheduler.ts';
import type { PodInfo } from './types.ts';

/** A Node object as a kubelet registers it. */
export function makeNode(name: string, options: {
  zone?: string; cpu?: string; memory?: string; pods?: string; controlPlane?: boolean; unschedulable?: boolean;
  labels?: Record<string, string>; taints?: { key: string; effect: string; value?: string }[];
} = {}): KubeObject {
  const labels: Record<string, string> = {
    'kubernetes.io/arch': 'amd64', 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux',
    ...(options.zone ? { 'topology.kubernetes.io/zone': options.zone } : {}),
    ...(options.controlPlane ? { 'node-role.kubernetes.io/control-plane': '' } : {}),
    ...options.labels,
  };
  const resources = { cpu: options.cpu ?? '4', memory: options.memory ?? '8Gi', pods: options.pods ?? '110', 'ephemeral-storage': '100Gi' };
  return {
    apiVersion: 'v1', kind: 'Node',
    metadata: { name, labels },
    spec: {
      ...(options.controlPlane ? { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] } : {}),
      ...(options.taints ? { taints: options.taints } : {}),
      ...(options.unschedulable ? { unschedulable: true } : {}),
    },
    status: { capacity: resources, allocatable: resources, conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' }] },
  };
}

/** POST, failing the test on an error status. */
export function create(cluster: Cluster, path: string, body: KubeObject): KubeObject {
  const response = cluster.handle({ method: 'POST', path, body });
  if (response.status >= 300) throw new Error(`POST ${path}: ${JSON.stringify(response.body)}`);
  return response.body as KubeObject;
}

/** A cluster running the scheduler, with `control-plane` (tainted) and `worker-1..3` in zones a/b/c. */
export function schedulerCluster(options: SchedulerOptions = {}): { cluster: Cluster; scheduler: Scheduler } {
  // No simulated kubelets: the nodes are plain API objects, so nothing but the scheduler acts on pods.
  const cluster = new Cluster({ kubelets: { nodes: [] }, scheduler: false, addons: false, omitControllers: ['node-controller', 'taint-eviction-controller'] });
  create(cluster, '/api/v1/nodes', makeNode('control-plane', { controlPlane: true, zone: 'zone-a' }));
  ['a', 'b', 'c'].forEach((z, i) => create(cluster, '/api/v1/nodes', makeNode(`worker-${i + 1}`, { zone: `zone-${z}` })));
  const scheduler = new Scheduler(options);
  cluster.controllers.add(scheduler);
  cluster.settle();
  return { cluster, scheduler };
}

/** A fluent pod builder: `makePod('web').cpu('1').priority(…)`. */
export class PodBuilder {
  readonly object: { apiVersion: string; kind: string; metadata: NonNullable<Pod['metadata']>; spec: NonNullable<Pod['spec']> };

  constructor(name: string) {
    this.object = {
      apiVersion: 'v1', kind: 'Pod',
      metadata: { name, namespace: 'default', labels: { app: name } },
      spec: { containers: [{ name: 'app', image: 'nginx', resources: {} }] },
    };
  }

  labels(labels: Record<string, string>): this {
    this.object.metadata.labels = labels;
    return this;
  }

  requests(requests: Record<string, string>): this {
    this.object.spec.containers[0].resources = { requests };
    return this;
  }

  cpu(cpu: string): this {
    return this.requests({ cpu });
  }

  spec(spec: Partial<NonNullable<Pod['spec']>>): this {
    Object.assign(this.object.spec, spec);
    return this;
  }

  toObject(): KubeObject {
    return structuredClone(this.object) as unknown as KubeObject;
  }

  /** The pod as the scheduler parses it, with a made-up uid (no API server involved). */
  toInfo(uid: string): PodInfo {
    const object = this.toObject();
    object.metadata.uid = uid;
    return newPodInfo(object);
  }
}

/** Start building a pod named `name` in `default`. */
export function makePod(name: string): PodBuilder {
  return new PodBuilder(name);
}

/** Create a pod through the API. */
export function createPod(cluster: Cluster, pod: PodBuilder | KubeObject, namespace = 'default'): KubeObject {
  return create(cluster, `/api/v1/namespaces/${namespace}/pods`, pod instanceof PodBuilder ? pod.toObject() : pod);
}

/** GET a pod. */
export function getPod(cluster: Cluster, name: string, namespace = 'default'): Pod {
  const response: ApiResponse = cluster.handle({ method: 'GET', path: `/api/v1/namespaces/${namespace}/pods/${name}` });
  if (response.status !== 200) throw new Error(`GET pod ${name}: ${response.status}`);
  return response.body as Pod;
}

/** events.k8s.io events about `name`, as `[type, reason, action, note]`. */
export function podEvents(cluster: Cluster, name: string, namespace = 'default'): string[][] {
  const response = cluster.handle({ method: 'GET', path: `/apis/events.k8s.io/v1/namespaces/${namespace}/events` });
  const items = (response.body as { items: Record<string, unknown>[] }).items;
  return items
    .filter((e) => (e.regarding as { name: string }).name === name)
    .map((e) => [e.type as string, e.reason as string, e.action as string, e.note as string]);
}
