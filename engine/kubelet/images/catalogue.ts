/**
 * The simulated registry: which repositories exist, their tags and sizes, and the behaviour each
 * runs. A tag missing from a catalogued repository fails to pull as a real registry would; an
 * unknown repository pulls and runs the generic server (see README.md).
 */
import { stableHex } from './digest.ts';
import type { ImageReference } from './reference.ts';

/** The name of a behaviour in behaviours.ts. */
export type BehaviourName =
  | 'nginx' | 'httpd' | 'shell' | 'redis' | 'elasticsearch' | 'kibana' | 'fluentd' | 'fluent-bit' | 'hpa-example' | 'pause'
  | 'hello' | 'hello-broken' | 'system' | 'perl' | 'generic';

export interface CatalogueEntry {
  behaviour: BehaviourName;
  /** Compressed size in bytes per tag (what `Image size:` reports). */
  tags: Record<string, number>;
  /** Per-tag behaviour, when a tag behaves differently (`kubelab/hello:3.0-broken`). */
  tagBehaviour?: Record<string, BehaviourName>;
  /** The image's ENTRYPOINT and CMD, as `docker inspect` shows them. */
  entrypoint?: string[];
  cmd?: string[];
  /** A version string some behaviours print. */
  versions?: Record<string, string>;
  /** Ports a `system` component listens on (its health and metrics endpoints). */
  ports?: number[];
  /** Image defaults a behaviour reads: Elasticsearch's `dataPath`, `clusterName`, `flavour`; `fluentd: addon`. */
  settings?: Record<string, string>;
}

/** A cluster component: a server on its health ports that answers every path with 200 `ok`. */
function component(tags: Record<string, number>, ports: number[], entrypoint?: string[]): CatalogueEntry {
  return { behaviour: 'system', tags, ports, entrypoint };
}

/** Fluent Bit's published tags (distroless images of ~30–40 MB) and the version each runs. */
function fluentBit(): CatalogueEntry {
  const versions: Record<string, string> = {
    '2.2.0': '2.2.0', '2.2.1': '2.2.1', '2.2.2': '2.2.2', '2.2.3': '2.2.3', '2.2': '2.2.3', '3.0.7': '3.0.7', '3.0': '3.0.7',
    '3.1.9': '3.1.9', '3.1.10': '3.1.10', '3.1': '3.1.10', '3.2.0': '3.2.0', '3.2.2': '3.2.2', '3.2.4': '3.2.4', '3.2': '3.2.4', latest: '3.2.4',
  };
  const tags: Record<string, number> = {};
  for (const tag of Object.keys(versions)) tags[tag] = (versions[tag].startsWith('2.') ? 31_000_000 : 34_000_000) + (parseInt(stableHex(tag).slice(0, 5), 16) % 3_000_000);
  for (const tag of ['2.2.3', '3.1.9', '3.2.4']) {
    tags[`${tag}-debug`] = tags[tag] + 9_400_000;
    versions[`${tag}-debug`] = tag;
  }
  return { behaviour: 'fluent-bit', tags, versions, entrypoint: ['/fluent-bit/bin/fluent-bit'], cmd: ['-c', '/fluent-bit/etc/fluent-bit.conf'] };
}

const nginxSize = 72_950_530;

/** Repositories by their fully qualified name. */
export const catalogue: Record<string, CatalogueEntry> = {
  'docker.io/library/nginx': {
    behaviour: 'nginx',
    tags: { latest: 72_188_133, '1.27': 72_188_133, '1.27.3': 72_188_133, '1.26': 71_002_349, '1.25': nginxSize, '1.25.5': nginxSize, '1.24': 70_544_869, '1.23': 57_005_488, '1.21': 54_115_325, '1.16.1': 51_013_262, '1.14.2': 44_710_204, '1.7.9': 39_947_429, alpine: 20_456_398, stable: 71_002_349, mainline: 72_188_133 },
    entrypoint: ['/docker-entrypoint.sh'], cmd: ['nginx', '-g', 'daemon off;'],
    versions: { latest: '1.27.3', '1.27': '1.27.3', '1.27.3': '1.27.3', '1.26': '1.26.2', '1.25': '1.25.5', '1.25.5': '1.25.5', '1.24': '1.24.0', '1.23': '1.23.4', '1.21': '1.21.6', '1.16.1': '1.16.1', '1.14.2': '1.14.2', '1.7.9': '1.7.9', alpine: '1.27.3', stable: '1.26.2', mainline: '1.27.3' },
  },
  'docker.io/library/httpd': {
    behaviour: 'httpd',
    tags: { latest: 58_104_418, '2.4': 58_104_418, '2.4.62': 58_104_418, alpine: 22_917_112 },
    cmd: ['httpd-foreground'],
  },
  'docker.io/library/busybox': {
    behaviour: 'shell',
    // 1.37 (the docs' basic-daemonset.yaml uses it) was published in September 2024.
    tags: { latest: 2_166_802, '1.37': 2_160_446, '1.37.0': 2_160_446, '1.36': 2_166_802, '1.36.1': 2_166_802, '1.35': 2_155_523, '1.34': 1_995_623, '1.28': 727_869, stable: 2_166_802 },
    cmd: ['sh'],
  },
  'docker.io/library/alpine': {
    behaviour: 'shell',
    tags: { latest: 3_653_068, '3.21': 3_653_068, '3.20': 3_625_649, '3.19': 3_418_409, '3.18': 3_408_586, '3.6': 2_019_283 },
    cmd: ['/bin/sh'],
  },
  'docker.io/library/redis': {
    behaviour: 'redis',
    tags: { latest: 45_958_920, '7': 45_958_920, '7.4': 45_958_920, '7.2': 41_396_430, '6': 40_312_576, alpine: 17_348_521 },
    entrypoint: ['docker-entrypoint.sh'], cmd: ['redis-server'],
  },
  'docker.elastic.co/elasticsearch/elasticsearch': {
    behaviour: 'elasticsearch',
    tags: { '8.17.0': 700_215_114, '8.15.0': 687_493_251, '7.17.26': 662_178_309, '7.10.2': 448_541_792 },
    entrypoint: ['/bin/tini', '--', '/usr/local/bin/docker-entrypoint.sh'], cmd: ['eswrapper'],
  },
  'docker.elastic.co/kibana/kibana': {
    behaviour: 'kibana',
    tags: { '8.17.0': 385_206_121, '8.15.0': 376_903_340, '7.17.26': 441_104_993, '7.10.2': 386_402_513, '5.6.4': 257_118_332 },
    entrypoint: ['/bin/tini', '--'], cmd: ['/usr/local/bin/kibana-docker'],
  },
  'docker.elastic.co/kibana/kibana-oss': {
    behaviour: 'kibana',
    tags: { '7.10.2': 345_511_907, '6.8.23': 215_872_114, '6.2.4': 203_316_980 },
    cmd: ['/usr/local/bin/kibana-docker'],
  },
  // The former cluster addon's images (cluster/addons/fluentd-elasticsearch): OSS builds, data in /data.
  'k8s.gcr.io/elasticsearch': {
    behaviour: 'elasticsearch',
    tags: { 'v6.2.5': 196_032_473, 'v6.3.0': 198_771_604, 'v6.5.1': 205_220_186, 'v6.6.1': 207_903_377 },
    cmd: ['/bin/elasticsearch_logging_discovery'],
    settings: { dataPath: '/data', clusterName: 'kubernetes-logging', flavour: 'oss' },
  },
  'quay.io/fluentd_elasticsearch/elasticsearch': {
    behaviour: 'elasticsearch',
    tags: { 'v7.10.2': 352_414_018, 'v7.4.3': 342_908_211 },
    settings: { dataPath: '/data', clusterName: 'kubernetes-logging', flavour: 'oss' },
  },
  'k8s.gcr.io/fluentd-elasticsearch': {
    behaviour: 'fluentd',
    tags: { 'v2.0.4': 52_384_908, 'v2.2.0': 55_718_224, 'v2.4.0': 56_330_114 },
    versions: { 'v2.0.4': '1.1.3', 'v2.2.0': '1.2.4', 'v2.4.0': '1.3.3' },
    entrypoint: ['/entrypoint.sh'],
    settings: { fluentd: 'addon' },
  },
  'quay.io/fluentd_elasticsearch/fluentd': {
    behaviour: 'fluentd',
    tags: { 'v3.1.0': 70_108_371, 'v3.4.0': 72_805_554, 'v4.7.2': 80_411_020 },
    versions: { 'v3.1.0': '1.11.5', 'v3.4.0': '1.14.6', 'v4.7.2': '1.16.2' },
    entrypoint: ['/entrypoint.sh'],
    settings: { fluentd: 'addon' },
  },
  'docker.io/fluent/fluentd-kubernetes-daemonset': {
    behaviour: 'fluentd',
    tags: { 'v1-debian-elasticsearch': 125_806_142, 'v1.17-debian-elasticsearch8-1': 125_806_142, 'v1.16-debian-elasticsearch7-1': 121_034_664 },
    versions: { 'v1-debian-elasticsearch': '1.17.1', 'v1.17-debian-elasticsearch8-1': '1.17.1', 'v1.16-debian-elasticsearch7-1': '1.16.5' },
    entrypoint: ['tini', '--', '/fluentd/entrypoint.sh'],
  },
  'docker.io/fluent/fluentd': {
    behaviour: 'fluentd',
    tags: { latest: 43_012_771, 'v1.17-1': 43_012_771, 'v1.16-1': 42_109_339 },
    versions: { latest: '1.17.1', 'v1.17-1': '1.17.1', 'v1.16-1': '1.16.5' },
    entrypoint: ['tini', '--', '/bin/entrypoint.sh'], cmd: ['fluentd'],
    // No fluent-plugin-elasticsearch in the plain image: it only listens for forward input.
    settings: { fluentd: 'plain' },
  },
  // Fluent Bit publishes the same images to its own registry and to Docker Hub; `-debug` adds a busybox shell.
  'cr.fluentbit.io/fluent/fluent-bit': fluentBit(),
  'docker.io/fluent/fluent-bit': fluentBit(),
  // The docs' `pi` Job (controllers/job.yaml) pins perl:5.34.0; the full images are buildpack-deps based.
  'docker.io/library/perl': {
    behaviour: 'perl',
    tags: {
      latest: 345_604_522, '5': 345_604_522, '5.40': 345_604_522, '5.40.0': 345_604_522, '5.34': 332_851_270, '5.34.0': 332_846_012,
      slim: 51_371_339, '5-slim': 51_371_339, '5.40-slim': 51_371_339, '5.34-slim': 39_204_562, '5.34.0-slim': 39_128_773,
    },
    cmd: ['perl', '-de0'],
  },
  'registry.k8s.io/hpa-example': {
    behaviour: 'hpa-example',
    tags: { latest: 178_212_213 },
    cmd: ['apache2-foreground'],
  },
  'registry.k8s.io/pause': {
    behaviour: 'pause',
    tags: { '3.10': 320_368, '3.9': 321_520, '3.8': 311_286, latest: 320_368 },
    entrypoint: ['/pause'],
  },
  // The default cluster's own components (addons/): they run, listen and pass their probes.
  'registry.k8s.io/etcd': component({ '3.5.16-0': 57_680_541 }, [2379, 2380, 2381], ['etcd']),
  'registry.k8s.io/kube-apiserver': component({ 'v1.32.2': 98_055_648 }, [6443], ['kube-apiserver']),
  'registry.k8s.io/kube-controller-manager': component({ 'v1.32.2': 90_793_286 }, [10257], ['kube-controller-manager']),
  'registry.k8s.io/kube-scheduler': component({ 'v1.32.2': 70_649_156 }, [10259], ['kube-scheduler']),
  'registry.k8s.io/kube-proxy': component({ 'v1.32.2': 95_271_321 }, [10249, 10256], ['/usr/local/bin/kube-proxy']),
  'registry.k8s.io/coredns/coredns': component({ 'v1.11.3': 18_562_039 }, [53, 8080, 8181, 9153], ['/coredns']),
  'docker.io/kindest/kindnetd': component({ 'v20250214-acbabc1a': 39_008_320 }, [], ['/bin/kindnetd']),
  'docker.io/kindest/local-path-provisioner': component({ 'v20250214-acbabc1a': 22_541_737 }, [], ['local-path-provisioner']),
  'registry.k8s.io/metrics-server/metrics-server': component({ 'v0.7.2': 19_494_617 }, [10250], ['/metrics-server']),
  'registry.k8s.io/ingress-nginx/controller': component({ 'v1.12.0': 105_406_316 }, [80, 443, 8443, 10254], ['/usr/bin/dumb-init', '--']),
  'docker.io/kubelab/hello': {
    behaviour: 'hello',
    tags: { '1.0': 4_712_366, '2.0': 4_718_921, '3.0-broken': 4_719_004 },
    tagBehaviour: { '3.0-broken': 'hello-broken' },
    entrypoint: ['/hello'],
  },
};

/** What a pull of `reference` finds: the image (size, digest, behaviour) or a registry error. */
export type PullResult =
  | { ok: true; size: number; imageId: string; behaviour: BehaviourName; entry?: CatalogueEntry }
  | { ok: false; error: string };

/** The size an image of an uncatalogued repository reports: a middling 50 MB, varied by name. */
function genericSize(reference: ImageReference): number {
  return 30_000_000 + (parseInt(stableHex(reference.full).slice(0, 6), 16) % 40_000_000);
}

/** Resolve a reference against the simulated registry, as containerd's pull would. */
export function resolveImage(reference: ImageReference): PullResult {
  const entry = catalogue[reference.repository];
  const digest = reference.digest ?? `sha256:${stableHex(`${reference.repository}:${reference.tag}`)}`;
  const imageId = `${reference.repository}@${digest}`;
  if (!entry) return { ok: true, size: genericSize(reference), imageId, behaviour: 'generic' };
  const tag = reference.tag || Object.keys(entry.tags)[0];
  const size = entry.tags[tag];
  if (size === undefined) {
    const full = reference.full;
    return {
      ok: false,
      error: `rpc error: code = NotFound desc = failed to pull and unpack image "${full}": failed to resolve reference "${full}": ${full}: not found`,
    };
  }
  return { ok: true, size, imageId, behaviour: entry.tagBehaviour?.[tag] ?? entry.behaviour, entry };
}
