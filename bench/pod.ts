/**
 * Realistic request bodies for the benchmarks: the pods a Deployment's ReplicaSet creates (one
 * container with ports, resources, probes, env and a volume mount; labels; a controller
 * ownerReference), built fresh for every request as the HTTP adapter's JSON.parse would.
 */
import type { KubeObject } from '../engine/api/types.ts';

/** The ReplicaSet that owns the benchmark's pods: `web-7d4b9c8f5`, as a Deployment `web` would make it. */
export function replicaSet(name: string, hash: string, replicas: number): KubeObject {
  const labels = { app: 'web', 'app.kubernetes.io/name': 'web', tier: 'frontend', 'pod-template-hash': hash };
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, labels },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'web', 'pod-template-hash': hash } },
      template: { metadata: { labels }, spec: podSpec() },
    },
  };
}

function podSpec(): Record<string, unknown> {
  return {
    containers: [{
      name: 'web',
      image: 'nginx:1.27.3',
      imagePullPolicy: 'IfNotPresent',
      ports: [{ name: 'http', containerPort: 80, protocol: 'TCP' }],
      env: [{ name: 'LOG_LEVEL', value: 'info' }, { name: 'POD_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } }],
      resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
      readinessProbe: { httpGet: { path: '/healthz', port: 80, scheme: 'HTTP' }, periodSeconds: 5 },
      volumeMounts: [{ name: 'config', mountPath: '/etc/web', readOnly: true }],
    }],
    volumes: [{ name: 'config', configMap: { name: 'web-config' } }],
    terminationGracePeriodSeconds: 30,
  };
}

/**
 * The JSON text of pod number `index` owned by the ReplicaSet `owner` (name and uid). The benchmark
 * parses it per request so no object is shared between pods except what the engine shares.
 */
export function podJson(owner: { name: string; uid: string; hash: string }, index: number): string {
  const pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `${owner.name}-${podSuffix(index)}`,
      generateName: `${owner.name}-`,
      labels: { app: 'web', 'app.kubernetes.io/name': 'web', tier: 'frontend', 'pod-template-hash': owner.hash },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: owner.name, uid: owner.uid, controller: true, blockOwnerDeletion: true }],
    },
    spec: podSpec(),
  };
  return JSON.stringify(pod);
}

const suffixAlphabet = 'bcdfghjklmnpqrstvwxz2456789';

/** A five-character name suffix from the alphabet of `generateName`, unique per index below 27^5. */
export function podSuffix(index: number): string {
  let out = '';
  let n = index;
  for (let i = 0; i < 5; i++) {
    out = suffixAlphabet[n % suffixAlphabet.length] + out;
    n = Math.floor(n / suffixAlphabet.length);
  }
  return out;
}

/** The digest of the image the kubelet reports; one per image, so shared by every pod. */
const imageID = 'docker.io/library/nginx@sha256:0a399eb16751829e1af26fea27b20c3ec28d7ab1fb72182879dcae1cca21206a';

/**
 * The status the kubelet writes through `pods/status` once pod number `index` runs: conditions,
 * IPs and a running container, with the values that differ per pod (IPs, container ID) unique.
 */
export function runningStatusJson(index: number, startedAt: string): string {
  const podIP = `10.244.${(index >> 8) & 255}.${index & 255}`;
  const hostIP = `172.18.0.${2 + (index % 200)}`;
  const condition = (type: string) => ({ type, status: 'True', lastProbeTime: null, lastTransitionTime: startedAt });
  const status = {
    phase: 'Running',
    conditions: ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map(condition),
    hostIP,
    hostIPs: [{ ip: hostIP }],
    podIP,
    podIPs: [{ ip: podIP }],
    startTime: startedAt,
    containerStatuses: [{
      name: 'web',
      state: { running: { startedAt } },
      lastState: {},
      ready: true,
      restartCount: 0,
      image: 'docker.io/library/nginx:1.27.3',
      imageID,
      containerID: `containerd://${containerId(index)}`,
      started: true,
    }],
  };
  return JSON.stringify({ status });
}

/** A 64-hex-digit container ID, different for every index (a cheap deterministic mix, not a hash). */
function containerId(index: number): string {
  let out = '';
  let x = (index + 1) * 2654435761;
  for (let i = 0; i < 8; i++) {
    x = (Math.imul(x ^ (x >>> 15), 2246822507) + i) >>> 0;
    out += x.toString(16).padStart(8, '0');
  }
  return out;
}
