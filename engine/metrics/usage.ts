/**
 * Simulated resource usage of a running container: CPU in millicores and memory in bytes, as
 * cAdvisor would measure them. Each image behaviour has a usage profile (an idle nginx burns ~1m
 * and holds ~3Mi); work on top of the idle baseline (a request answered by hpa-example, a busy
 * shell loop) is recorded as CPU-milliseconds in one-second buckets. Reading usage is a pure
 * function of those records and virtual time, and costs a few array reads.
 */

/** What a kind of process uses when it does nothing but wait, and what extra work costs. */
export interface UsageProfile {
  /** CPU while idle, millicores. */
  idleMillicores: number;
  /** Working-set memory once started, bytes. */
  memoryBytes: number;
  /** CPU time each HTTP request answered costs, milliseconds (hpa-example: a PHP loop). */
  cpuMsPerRequest?: number;
  /** Memory the process allocates after start (`stress --vm-bytes`), and how long that takes. */
  grow?: { bytes: number; afterMs: number };
}

const Mi = 1024 * 1024;

/** Profiles by behaviour, from `kubectl top` on a kind cluster with the same images. */
export const behaviourProfiles: Record<string, UsageProfile> = {
  nginx: { idleMillicores: 1, memoryBytes: 3 * Mi + 312 * 1024 },
  httpd: { idleMillicores: 1, memoryBytes: 6 * Mi + 200 * 1024 },
  redis: { idleMillicores: 2, memoryBytes: 3 * Mi + 600 * 1024 },
  elasticsearch: { idleMillicores: 12, memoryBytes: 1100 * Mi },
  kibana: { idleMillicores: 10, memoryBytes: 260 * Mi },
  fluentd: { idleMillicores: 4, memoryBytes: 95 * Mi },
  // Fluent Bit is C: a few millicores and under 20 Mi tailing a node's logs (the reason it replaced Fluentd on nodes).
  'fluent-bit': { idleMillicores: 3, memoryBytes: 17 * Mi },
  // php-apache: each request runs a loop of a million square roots, ~20 ms of CPU on a kind node.
  'hpa-example': { idleMillicores: 1, memoryBytes: 10 * Mi + 480 * 1024, cpuMsPerRequest: 20 },
  pause: { idleMillicores: 0, memoryBytes: 240 * 1024 },
  hello: { idleMillicores: 0, memoryBytes: 2 * Mi + 100 * 1024 },
  'hello-broken': { idleMillicores: 0, memoryBytes: 1 * Mi },
  shell: { idleMillicores: 0, memoryBytes: 400 * 1024 },
  generic: { idleMillicores: 1, memoryBytes: 8 * Mi },
  stress: { idleMillicores: 0, memoryBytes: 700 * 1024 },
};

/** The default cluster's components by their program name: what they use on a kind v1.32 node. */
export const componentProfiles: Record<string, UsageProfile> = {
  'kube-apiserver': { idleMillicores: 38, memoryBytes: 240 * Mi },
  etcd: { idleMillicores: 18, memoryBytes: 38 * Mi },
  'kube-controller-manager': { idleMillicores: 14, memoryBytes: 48 * Mi },
  'kube-scheduler': { idleMillicores: 3, memoryBytes: 20 * Mi },
  'kube-proxy': { idleMillicores: 1, memoryBytes: 14 * Mi },
  coredns: { idleMillicores: 2, memoryBytes: 13 * Mi },
  kindnetd: { idleMillicores: 1, memoryBytes: 9 * Mi },
  'local-path-provisioner': { idleMillicores: 1, memoryBytes: 8 * Mi },
  'metrics-server': { idleMillicores: 4, memoryBytes: 19 * Mi },
  'dumb-init': { idleMillicores: 2, memoryBytes: 42 * Mi },
};

/** A node's own overhead besides its pods (kubelet, containerd, systemd): what `top node` adds. */
export const nodeOverhead = { millicores: 28, memoryBytes: 380 * Mi };

const bucketMs = 1000;
const buckets = 64;

/**
 * One container's usage. `startedAt` is when its process started; work is recorded as it happens;
 * `cpuMillicores(from, to)` is the average rate over a window, capped at the CPU limit
 * (the CFS quota throttles, it never kills).
 */
export class ContainerUsage {
  /** CPU-ms of work per one-second bucket, allocated on the first work (idle containers never pay). */
  private work?: Float64Array;
  /** Which second each bucket holds, so that stale buckets read as zero. */
  private second?: Float64Array;

  /** `pages`: extra 4 KiB pages this container holds (so that two replicas never read exactly alike). */
  constructor(readonly profile: UsageProfile, readonly startedAt: number, private readonly pages = 0) {}

  /** Record `cpuMs` of work done at `at` (a request answered, a busy second of a loop). */
  addWork(at: number, cpuMs: number): void {
    if (!this.work) {
      this.work = new Float64Array(buckets);
      this.second = new Float64Array(buckets).fill(-1);
    }
    const second = Math.floor(at / bucketMs);
    const index = second % buckets;
    if (this.second![index] !== second) {
      this.second![index] = second;
      this.work[index] = 0;
    }
    this.work[index] += cpuMs;
  }

  /** Average CPU over [from, to) in millicores, the idle baseline included, throttled at `limitMillicores`. */
  cpuMillicores(from: number, to: number, limitMillicores?: number): number {
    const span = to - from;
    if (span <= 0) return 0;
    let workMs = 0;
    if (this.work) {
      const first = Math.floor(from / bucketMs);
      const last = Math.ceil(to / bucketMs);
      for (let second = Math.max(first, last - buckets); second < last; second++) {
        const index = second % buckets;
        if (this.second![index] === second) workMs += this.work[index];
      }
    }
    const demand = this.profile.idleMillicores + (workMs * 1000) / span;
    const capped = limitMillicores !== undefined && limitMillicores > 0 ? Math.min(demand, limitMillicores) : demand;
    return Math.round(capped);
  }

  /** Working-set memory at `at`, bytes. */
  memoryBytes(at: number): number {
    const grow = this.profile.grow;
    const grown = grow && at >= this.startedAt + grow.afterMs ? grow.bytes : 0;
    return this.profile.memoryBytes + this.pages * 4096 + grown;
  }

  /** When the working set first exceeds `limitBytes` (the kernel's OOM killer strikes), if ever. */
  oomAt(limitBytes: number): number | undefined {
    const base = this.profile.memoryBytes + this.pages * 4096;
    if (base > limitBytes) return this.startedAt;
    const grow = this.profile.grow;
    if (grow && base + grow.bytes > limitBytes) return this.startedAt + grow.afterMs;
    return undefined;
  }
}

/**
 * `stress --vm N --vm-bytes B` (polinux/stress, the Kubernetes docs' memory example): N workers
 * that each allocate B bytes and, with `--vm-hang`, hold them. Undefined when no `--vm` is given.
 */
export function stressMemory(argv: string[]): number | undefined {
  let workers = 0;
  let bytes = 256 * Mi;
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = inline ?? argv[i + 1];
    if (flag === '--vm' || flag === '-m') workers = Number(value) || 0;
    if (flag === '--vm-bytes') bytes = parseSize(value ?? '') ?? bytes;
  }
  return workers > 0 ? workers * bytes : undefined;
}

/** stress's sizes: `250M`, `1G`, `512K`, `100B` or a plain byte count (powers of 1024). */
function parseSize(text: string): number | undefined {
  const match = /^(\d+)([BKMG]?)$/i.exec(text);
  if (!match) return undefined;
  const unit = { '': 1, B: 1, K: 1024, M: Mi, G: 1024 * Mi }[match[2].toUpperCase()] ?? 1;
  return Number(match[1]) * unit;
}

/** A few hundred 4 KiB pages chosen by the container's identity: the same pod reads the same every run. */
export function pagesFor(identity: string): number {
  let hash = 2166136261;
  for (let i = 0; i < identity.length; i++) hash = Math.imul(hash ^ identity.charCodeAt(i), 16777619);
  return (hash >>> 0) % 384;
}
